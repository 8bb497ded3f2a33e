import { useEffect, type ReactNode } from 'react';
import { Button, Card, Collapse, Flex, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import type { PublishedLottery } from '@shangliang/contract';
import { useApi } from '../../platform/api/useApi.ts';
import { formatDate, formatDateTime } from '../../platform/format.ts';
import { useLocale, type Translate } from '../../platform/i18n/index.tsx';
import { PublicPage } from '../../platform/layout/PublicPage.tsx';
import { lotteryApi } from './api.ts';
import { DrawFacts } from './DrawFacts.tsx';
import { featureLabel, featureOrder, percent, quotaLabel, valueLabel } from './lotteryLabels.ts';

/*
 * A published lottery as anyone may check it (no login, phone first): the pool as drawn (ids and
 * features, never names), the quotas, the size, the seed, the input digest and the engine; the
 * panel with names masked; each replacement by pool id with its derived seed and the command that
 * re-runs it; and the two files with the command that re-runs the draw.
 */

/** The last characters of an id: enough to find it in pool.csv, short enough for a phone. */
const shortId = (id: string) => id.slice(-8);

export default function PublishedLotteryPage() {
  const { id = '' } = useParams();
  const { t, locale } = useLocale();
  const { data, error, loading } = useApi(() => lotteryApi.published(id), [id]);

  useEffect(() => {
    if (data) document.title = `${t('published.title')} · ${data.title} · ${t('app.name')}`;
  }, [data, t]);

  return (
    <PublicPage error={error} ready={!loading && !!data}>
      {() =>
        data && (
          <>
            <Typography.Title level={1} className="page-title">
              {t('published.title')}
            </Typography.Title>
            <p className="card-title" data-testid="published-title">
              {data.title}
            </p>
            <p className="muted">
              <Link to={`/r/${data.roomId}`} className="text-link">
                {data.roomName}
              </Link>{' '}
              · {t('published.on', { date: formatDate(data.publishedAt, locale) })}
            </p>
            <p>{t('published.intro')}</p>
            <DrawFacts
              l={data}
              layout="vertical"
              first={[{ label: t('lottery.size'), children: t('published.sizeOf', { size: data.size, pool: data.pool.length }) }]}
            />
            <Panel l={data} t={t} />
            <Quotas l={data} t={t} />
            <Rerun l={data} t={t} />
            <Pool l={data} t={t} />
          </>
        )
      }
    </PublicPage>
  );
}

/** A part of the page under its heading, named by it for screen readers. */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="public-section">
      <h2 id={id} className="section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Panel({ l, t }: { l: PublishedLottery; t: Translate }) {
  return (
    <Section id="published-panel" title={t('lottery.panel', { count: l.panel.length })}>
      <p className="muted small-print">{t('published.panelNote')}</p>
      <ul className="lottery-list block">
        {l.panel.map((p) => (
          <li key={p.id} data-testid="published-member">
            <Flex justify="space-between" gap={8} wrap>
              <strong>{p.name}</strong>
              <span className="muted small-print">
                {t('published.id')} <code>{shortId(p.id)}</code> · {t('lottery.chance', { p: percent(l.probabilities[p.id] ?? 0) })}
              </span>
            </Flex>
          </li>
        ))}
      </ul>
      {l.replacements.length > 0 && (
        <>
          <h3 className="group-title">{t('lottery.replacements')}</h3>
          <p className="muted small-print">{t('published.replacementsNote')}</p>
          <ol className="lottery-list block" data-testid="published-replacements">
            {l.replacements.map((r) => (
              <li key={r.ordinal} data-testid="published-replacement">
                {t('published.replacementRow', { n: r.ordinal, declined: shortId(r.declined), replacement: shortId(r.replacement) })}
                <div className="muted small-print">
                  {t('published.replacementSeed', { seed: r.seed, n: r.ordinal })} · {formatDateTime(r.at)}
                </div>
                <div className="muted small-print">{t('published.replacementCommand')}</div>
                <Typography.Paragraph code copyable={{ text: r.command }} className="command" data-testid="published-replacement-command">
                  {r.command}
                </Typography.Paragraph>
              </li>
            ))}
          </ol>
        </>
      )}
    </Section>
  );
}

function Quotas({ l, t }: { l: PublishedLottery; t: Translate }) {
  const order = featureOrder(l.categories);
  const quotas = [...l.quotas].sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category));
  return (
    <Section id="published-quotas" title={t('lottery.quotas')}>
      <ul className="lottery-list block" data-testid="published-quotas">
        {quotas.map((q) => (
          <li key={`${q.category}/${q.feature}`}>
            {quotaLabel(t, q, l.questions)}：
            {q.min === q.max ? t('published.quotaExact', { count: q.min }) : t('published.quotaRange', { min: q.min, max: q.max })}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Rerun({ l, t }: { l: PublishedLottery; t: Translate }) {
  return (
    <Section id="published-rerun" title={t('published.rerun')}>
      <Card size="small" className="block">
        <ol className="rerun-steps">
          <li>
            {t('published.step1')}
            <Flex gap={8} wrap className="small-note">
              {(
                [
                  ['pool.csv', lotteryApi.poolCsvUrl(l.deliberationId)],
                  ['quotas.csv', lotteryApi.quotasCsvUrl(l.deliberationId)],
                ] as const
              ).map(([file, href]) => (
                <Button key={file} icon={<DownloadOutlined />} href={href} download={file} className="touch-target">
                  {file}
                </Button>
              ))}
            </Flex>
          </li>
          <li>
            {t('published.step2')}
            <Typography.Paragraph code copyable={{ text: l.command }} className="command" data-testid="published-command">
              {l.command}
            </Typography.Paragraph>
          </li>
          <li>{t('published.step3')}</li>
        </ol>
        {l.questions.length > 0 && (
          <>
            <p className="muted small-print">{t('published.legend')}</p>
            <ul className="lottery-list small-print" data-testid="published-legend">
              {l.questions.map((q) => (
                <li key={q.key}>
                  <code>{q.key}</code> = {q.label}
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
    </Section>
  );
}

function Pool({ l, t }: { l: PublishedLottery; t: Translate }) {
  const panel = new Set(l.panel.map((p) => p.id));
  const declined = new Set(l.replacements.map((r) => r.declined));
  const replacing = new Set(l.replacements.map((r) => r.replacement));
  const keys = featureOrder(l.categories).filter((k) => k !== 'share');
  return (
    <Section id="published-pool" title={t('published.pool', { count: l.pool.length })}>
      <p className="muted small-print">{t('published.poolNote')}</p>
      <Collapse
        className="block"
        items={[
          {
            key: 'pool',
            label: t('published.showPool', { count: l.pool.length }),
            children: (
              <ul className="lottery-list" data-testid="published-pool">
                {l.pool.map((v) => (
                  <li key={v.id}>
                    <Flex gap={4} wrap align="center">
                      <code>{shortId(v.id)}</code>
                      {panel.has(v.id) && <Tag color="red">{t('lottery.selected')}</Tag>}
                      {declined.has(v.id) && <Tag>{t('published.declinedTag')}</Tag>}
                      {replacing.has(v.id) && <Tag color="orange">{t('published.replacementTag')}</Tag>}
                      {keys.map((k) => (
                        <Tag key={k} title={featureLabel(t, k, l.questions)}>
                          {valueLabel(t, k, v.features[k] ?? '')}
                        </Tag>
                      ))}
                    </Flex>
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </Section>
  );
}
