import { createContext, useContext, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Collapse, Empty, Flex, Form, Input, InputNumber, List, Tag } from 'antd';
import { CheckCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { Deliberation, Lottery, Quota, Volunteer } from '@shangliang/contract';
import { ApiError } from '../../platform/api/client.ts';
import { useApi } from '../../platform/api/useApi.ts';
import { errorMessage } from '../../platform/errors.ts';
import { refusalLines } from '../../platform/lifecycle/refusal.ts';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { formatDateTime } from '../../platform/format.ts';
import { useT, type Translate } from '../../platform/i18n/index.tsx';
import { useIsMobile } from '../../platform/layout/responsive.ts';
import { lotteryApi, publishedLotteryPath, type Participant } from './api.ts';
import { DrawFacts } from './DrawFacts.tsx';
import { countByFeature, featureLabel, featureOrder, percent, quotaLabel, valueLabel, type Questions } from './lotteryLabels.ts';

/** The sign-up's own questions (q1 …), whose labels name their features everywhere in the panel. */
const QuestionsContext = createContext<Questions>([]);

/*
 * The participants' lottery in the participants step (issue 5): the volunteers counted by
 * feature, the quotas pre-filled from the body's rules, a public seed, the draw (panel, every
 * volunteer's chance, seed and input digest), publication (which invites the panel) and a
 * replacement for each panel member who declines. Buttons follow the replies' abilities.
 */

interface Props {
  d: Deliberation;
  /** The deliberation's participants (the panel's answers once published); null while loading. */
  participants: Participant[] | null;
  /** After publication or a replacement: the participants and the deliberation changed. */
  onChange: () => void;
  /** Changes when sign-up changed (its questions name features; an open sign-up warns the draw). */
  version: number;
}

interface RunValues {
  size: number;
  seed: string;
  quotas: Quota[];
}

/** What the server said when the quotas cannot be met together (409 precondition_failed). */
interface Infeasible {
  message: string;
  conflict: { category: string; feature: string; bound: 'min' | 'max'; value: number }[];
  relaxation: { category: string; feature: string; min: number; max: number; relaxedMin: number; relaxedMax: number }[];
  totalSlack: number;
}

function infeasibleOf(e: unknown): Infeasible | null {
  if (!(e instanceof ApiError) || e.code !== 'precondition_failed') return null;
  const raw = e.raw as Partial<Infeasible> | undefined;
  if (!raw || !Array.isArray(raw.relaxation)) return null;
  return { message: e.message, conflict: raw.conflict ?? [], relaxation: raw.relaxation, totalSlack: raw.totalSlack ?? 0 };
}

/** The lottery of a deliberation, or null before the first draw. */
async function loadLottery(id: string): Promise<Lottery | null> {
  try {
    return await lotteryApi.get(id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** The panel as it stands: the drawn panel with every recorded replacement applied. */
function currentPanel(l: Lottery): string[] {
  let panel = l.panel;
  for (const r of l.replacements) panel = panel.map((v) => (v === r.declined ? r.replacement : v));
  return panel;
}

/** Each quota with the number of panel members (not declined) who hold it. */
function quotaCounts(quotas: Quota[], members: Volunteer[]) {
  return quotas.map((q) => {
    const count = members.filter((m) => m.features[q.category] === q.feature).length;
    return { ...q, count, holds: count >= q.min && count <= q.max };
  });
}

/** A required number: async-validator checks type 'string' unless told, and a number is not one. */
const numberRequired = (t: Translate, label: string) => ({ ...required(t, label, true), type: 'number' as const });

function FeatureTags({ t, v }: { t: Translate; v: Volunteer }) {
  return (
    <Flex gap={4} wrap>
      {featureOrder(Object.keys(v.features))
        .filter((k) => k !== 'share')
        .map((k) => (
          <Tag key={k}>{valueLabel(t, k, v.features[k]!)}</Tag>
        ))}
    </Flex>
  );
}

export function LotteryPanel({ d, participants, onChange, version }: Props) {
  const t = useT();
  const { message } = AntApp.useApp();
  const lottery = useApi(() => loadLottery(d.id), [d.id]);
  const l = lottery.data ?? null;
  const visible = d.abilities.lottery || l !== null;
  const volunteers = useApi(() => (visible ? lotteryApi.volunteers(d.id) : Promise.resolve(null)), [d.id, visible]);
  const canRun = l ? l.abilities.rerun : d.abilities.lottery;
  const pool = volunteers.data?.items ?? [];
  const suggestion = useApi(
    () => (canRun && pool.length > 0 ? lotteryApi.suggestion(d.id) : Promise.resolve(null)),
    [d.id, canRun, pool.length],
  );
  const signUp = useApi(() => (visible ? lotteryApi.publicOne(d.id) : Promise.resolve(null)), [d.id, visible, version]);
  const questions = signUp.data?.questions ?? [];
  const [busy, setBusy] = useState<string | null>(null);
  const byId = useMemo(() => new Map(pool.map((v) => [v.id, v])), [pool]);
  const name = (vid: string) => byId.get(vid)?.name ?? vid.slice(-6);

  if (lottery.loading && !l) return null;
  if (!visible) return null;

  const act = async (key: string, fn: () => Promise<Lottery>, done: (r: Lottery) => string) => {
    setBusy(key);
    try {
      const r = await fn();
      lottery.setData(r);
      void message.success(done(r));
      onChange();
    } catch (e) {
      void message.error(refusalLines(t, e).join('；'));
    } finally {
      setBusy(null);
    }
  };

  const counts = countByFeature(pool);
  const runForm =
    canRun && pool.length > 0 && suggestion.data ? (
      <RunForm
        d={d}
        pool={pool}
        initial={l ? { size: l.size, quotas: l.quotas } : suggestion.data}
        note={suggestion.data.note}
        rerun={l !== null}
        onDrawn={(r) => {
          lottery.setData(r);
          void message.success(t('lottery.drawn', { count: r.panel.length }));
        }}
      />
    ) : null;
  return (
    <QuestionsContext.Provider value={questions}>
      <Card size="small" className="block" title={<h3 className="card-title">{t('lottery.title')}</h3>} data-testid="lottery">
        <p className="muted">{t('lottery.intro')}</p>
        {(lottery.error != null || volunteers.error != null) && (
          <Alert
            type="error"
            showIcon
            className="block"
            title={t('common.loadFailed', { reason: errorMessage(t, lottery.error ?? volunteers.error) })}
          />
        )}

        <section aria-labelledby="lottery-pool" className="lottery-part" data-testid="lottery-pool">
          <h4 id="lottery-pool" className="group-title">
            {t('lottery.pool', { count: pool.length })}
          </h4>
          {pool.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="empty-text">{t('lottery.poolEmpty')}</span>} />
          ) : (
            <dl className="pairs">
              {featureOrder(Object.keys(counts)).map((k) => (
                <div key={k} className="pair">
                  <dt>{featureLabel(t, k, questions)}</dt>
                  <dd>
                    <Flex gap={4} wrap>
                      {Object.entries(counts[k]!)
                        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
                        .map(([v, n]) => (
                          <Tag key={v}>{t('lottery.valueCount', { value: valueLabel(t, k, v), count: n })}</Tag>
                        ))}
                    </Flex>
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </section>

        {runForm && signUp.data?.open && (
          <Alert type="warning" showIcon className="block" title={t('lottery.signUpStillOpen')} data-testid="sign-up-still-open" />
        )}
        {!l && runForm}
        {suggestion.error != null && <Alert type="error" showIcon className="block" title={errorMessage(t, suggestion.error)} />}

        {l && (
          <ResultView
            l={l}
            pool={pool}
            name={name}
            participants={participants}
            busy={busy}
            onPublish={() =>
              act(
                'publish',
                () => lotteryApi.publish(d.id),
                (r) => t('lottery.publishedDone', { count: r.panel.length }),
              )
            }
            onReplace={(p) =>
              act(
                `replace${p.id}`,
                () => lotteryApi.replace(d.id, p.id),
                (r) => t('lottery.replaced', { name: name(r.replacements.at(-1)!.replacement) }),
              )
            }
          />
        )}
        {l && runForm && (
          // After a draw the result comes first; the quotas stay one click away until publication.
          <Collapse className="block" items={[{ key: 'rerun', label: t('lottery.adjust'), children: runForm }]} />
        )}
      </Card>
    </QuestionsContext.Provider>
  );
}

/** Quotas (min and max per feature value), the panel size and the public seed; then the draw. */
function RunForm({
  d,
  pool,
  initial,
  note,
  rerun,
  onDrawn,
}: {
  d: Deliberation;
  pool: Volunteer[];
  initial: { size: number; quotas: Quota[] };
  note: string;
  rerun: boolean;
  onDrawn: (l: Lottery) => void;
}) {
  const t = useT();
  const questions = useContext(QuestionsContext);
  const [form] = Form.useForm<RunValues>();
  const [infeasible, setInfeasible] = useState<Infeasible | null>(null);
  const [quotaProblem, setQuotaProblem] = useState<string | null>(null);
  const counts = countByFeature(pool);
  // Rows grouped by feature, in reading order, keeping each quota's index in the list.
  const groups = featureOrder([...new Set(initial.quotas.map((q) => q.category))]).map((category) => ({
    category,
    rows: initial.quotas.map((q, index) => ({ q, index })).filter((r) => r.q.category === category),
  }));
  const labels = { size: t('lottery.size'), seed: t('lottery.seed') };

  return (
    <section aria-labelledby="lottery-quotas" className="lottery-part" data-testid="lottery-quotas">
      <h4 id="lottery-quotas" className="group-title">
        {t('lottery.quotas')}
      </h4>
      <Alert type="info" showIcon className="block" title={note} />
      <AppForm<RunValues>
        form={form}
        name="lottery"
        vertical
        labels={labels}
        initialValues={{ size: initial.size, quotas: initial.quotas, seed: '' }}
        submitLabel={rerun ? t('lottery.rerun') : t('lottery.run')}
        submittingLabel={t('lottery.running')}
        onSubmit={async (v) => {
          setInfeasible(null);
          setQuotaProblem(null);
          // The list holds category and feature too, though only min and max are fields.
          const quotas = (form.getFieldValue('quotas') as Quota[]).map((q) => ({ ...q, min: Number(q.min), max: Number(q.max) }));
          try {
            onDrawn(await lotteryApi.run(d.id, { size: v.size, seed: v.seed.trim(), quotas }));
          } catch (e) {
            const x = infeasibleOf(e);
            if (x) return setInfeasible(x);
            if (e instanceof ApiError) {
              const whole = e.details.find((i) => i.field === 'body.quotas');
              if (whole) return setQuotaProblem(whole.message);
            }
            throw e;
          }
        }}
      >
        <Form.Item
          name="size"
          label={labels.size}
          rules={[numberRequired(t, labels.size)]}
          extra={t('lottery.sizeHelp', { count: pool.length })}
        >
          <InputNumber min={1} max={500} precision={0} size="large" style={{ width: 140 }} />
        </Form.Item>
        <Form.List name="quotas">
          {() =>
            groups.map((g) => (
              <fieldset key={g.category} className="quota-group">
                <legend className="quota-legend">{featureLabel(t, g.category, questions)}</legend>
                <div className="quota-rows">
                  {g.rows.map(({ q, index }) => {
                    const label = quotaLabel(t, q, questions);
                    return (
                      <div key={index} className="quota-row" data-testid="quota-row">
                        <div className="quota-label">
                          {valueLabel(t, q.category, q.feature)}
                          <span className="muted"> · {t('lottery.inPool', { count: counts[q.category]?.[q.feature] ?? 0 })}</span>
                        </div>
                        <Flex gap={12} wrap>
                          <Form.Item
                            name={[index, 'min']}
                            label={t('lottery.min')}
                            rules={[numberRequired(t, t('lottery.min'))]}
                            className="quota-field"
                          >
                            <InputNumber min={0} max={500} precision={0} aria-label={t('lottery.minOf', { label })} style={{ width: 96 }} />
                          </Form.Item>
                          <Form.Item
                            name={[index, 'max']}
                            label={t('lottery.max')}
                            className="quota-field"
                            dependencies={[['quotas', index, 'min']]}
                            rules={[
                              numberRequired(t, t('lottery.max')),
                              ({ getFieldValue }) => ({
                                validator: (_r, max: number | null) => {
                                  const min = getFieldValue(['quotas', index, 'min']) as number | null;
                                  return max == null || min == null || max >= min
                                    ? Promise.resolve()
                                    : Promise.reject(new Error(t('lottery.maxBelowMin')));
                                },
                              }),
                            ]}
                          >
                            <InputNumber min={0} max={500} precision={0} aria-label={t('lottery.maxOf', { label })} style={{ width: 96 }} />
                          </Form.Item>
                        </Flex>
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            ))
          }
        </Form.List>
        <Form.Item name="seed" label={labels.seed} rules={[required(t, labels.seed)]} extra={t('lottery.seedHelp')}>
          <Input size="large" maxLength={128} placeholder={t('lottery.seedPlaceholder')} autoComplete="off" />
        </Form.Item>
        {/* Beside the button that was pressed, so that the reason is seen where the person looks. */}
        {infeasible && (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="block"
            data-testid="lottery-infeasible"
            title={t('lottery.infeasible')}
            description={<InfeasibleDetails x={infeasible} />}
          />
        )}
        {quotaProblem && (
          <Alert type="error" showIcon role="alert" className="block" title={t('lottery.quotaProblem', { detail: quotaProblem })} />
        )}
      </AppForm>
    </section>
  );
}

/** The server's explanation of infeasible quotas, in words: what conflicts, the smallest change. */
function InfeasibleDetails({ x }: { x: Infeasible }) {
  const t = useT();
  const questions = useContext(QuestionsContext);
  return (
    <>
      <p>
        {x.conflict.length === 0
          ? t('lottery.conflictPool')
          : t(x.conflict.length === 1 ? 'lottery.conflictOne' : 'lottery.conflict', {
              list: x.conflict
                .map((b) =>
                  t(b.bound === 'min' ? 'lottery.bound.min' : 'lottery.bound.max', { label: quotaLabel(t, b, questions), value: b.value }),
                )
                .join('；'),
            })}
      </p>
      {x.relaxation.length > 0 && (
        <>
          <p>{t('lottery.relax', { count: x.totalSlack })}</p>
          <ul className="refusal-list">
            {x.relaxation.map((r) => (
              <li key={`${r.category}/${r.feature}`}>
                {r.relaxedMin !== r.min
                  ? t('lottery.relaxMin', { label: quotaLabel(t, r, questions), from: r.min, to: r.relaxedMin })
                  : t('lottery.relaxMax', { label: quotaLabel(t, r, questions), from: r.max, to: r.relaxedMax })}
              </li>
            ))}
          </ul>
        </>
      )}
      <details>
        <summary>{t('lottery.serverSays')}</summary>
        <pre className="server-text">{x.message}</pre>
      </details>
    </>
  );
}

/** The draw: seed, digest, the panel with answers and replacements, the quotas, every chance. */
function ResultView({
  l,
  pool,
  name,
  participants,
  busy,
  onPublish,
  onReplace,
}: {
  l: Lottery;
  pool: Volunteer[];
  name: (volunteerId: string) => string;
  participants: Participant[] | null;
  busy: string | null;
  onPublish: () => void;
  onReplace: (p: Participant) => void;
}) {
  const t = useT();
  const questions = useContext(QuestionsContext);
  const mobile = useIsMobile();
  const panel = currentPanel(l);
  const participantOf = (vid: string) =>
    (participants ?? []).filter((p) => p.volunteerId === vid).sort((a, b) => b.invitedAt.localeCompare(a.invitedAt))[0];
  const replacedFor = new Map(l.replacements.map((r) => [r.replacement, r.declined]));
  const replaced = new Set(l.replacements.map((r) => r.declined));
  const members = panel.filter((vid) => participantOf(vid)?.answer !== 'declined').flatMap((vid) => pool.filter((v) => v.id === vid));
  const order = featureOrder([...new Set(l.quotas.map((q) => q.category))]);
  const checks = quotaCounts(l.quotas, members).sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category));
  const broken = checks.filter((c) => !c.holds);
  const awaiting = panel.filter((vid) => participantOf(vid)?.answer === 'declined' && !replaced.has(vid)).length;
  const inPanel = new Set(panel);
  const byChance = [...pool].sort((a, b) => (l.probabilities[b.id] ?? 0) - (l.probabilities[a.id] ?? 0) || a.name.localeCompare(b.name));

  return (
    <section aria-labelledby="lottery-result" className="lottery-part" data-testid="lottery-result">
      <h4 id="lottery-result" className="group-title">
        {t('lottery.result')}
      </h4>
      <DrawFacts
        l={l}
        layout={mobile ? 'vertical' : 'horizontal'}
        first={[
          {
            label: t('lottery.status'),
            children: l.publishedAt ? (
              <Tag color="red">{t('lottery.publishedAt', { time: formatDateTime(l.publishedAt) })}</Tag>
            ) : (
              <Tag color="orange">{t('lottery.unpublished')}</Tag>
            ),
          },
        ]}
      />
      {l.publishedAt && (
        <Alert
          type="info"
          showIcon
          className="block"
          data-testid="lottery-public-link"
          title={
            <>
              {t('lottery.publicRecord')}{' '}
              <Link to={publishedLotteryPath(l.deliberationId)} target="_blank" className="text-link">
                {t('lottery.seeResult')}
              </Link>
            </>
          }
        />
      )}

      <h5 className="group-title">{t('lottery.panel', { count: panel.length })}</h5>
      <List
        dataSource={panel}
        rowKey={(vid) => vid}
        className="block"
        renderItem={(vid) => {
          const v = pool.find((x) => x.id === vid);
          const p = participantOf(vid);
          const declinedBy = replacedFor.get(vid);
          return (
            <List.Item data-testid="panel-member">
              <Flex justify="space-between" wrap gap={8} style={{ width: '100%' }}>
                <div className="mobile-card">
                  <strong>{name(vid)}</strong>{' '}
                  <span className="muted">{t('lottery.chance', { p: percent(l.probabilities[vid] ?? 0) })}</span>
                  {declinedBy && <Tag color="purple">{t('lottery.replacedFor', { name: name(declinedBy) })}</Tag>}
                  {p && (
                    <Tag color={p.answer === 'accepted' ? 'green' : p.answer === 'declined' ? 'default' : 'orange'}>
                      {t(`participant.answer.${p.answer}`)}
                    </Tag>
                  )}
                  {v && <FeatureTags t={t} v={v} />}
                </div>
                {l.abilities.replace && p?.answer === 'declined' && !replaced.has(vid) && (
                  <Button
                    type="primary"
                    className="touch-target"
                    loading={busy === `replace${p.id}`}
                    disabled={busy !== null}
                    onClick={() => onReplace(p)}
                  >
                    {t('lottery.replace')}
                  </Button>
                )}
              </Flex>
            </List.Item>
          );
        }}
      />

      {l.replacements.length > 0 && (
        <>
          <h5 className="group-title">{t('lottery.replacements')}</h5>
          <ul className="lottery-list block">
            {l.replacements.map((r) => (
              <li key={r.replacement} data-testid="replacement">
                {t('lottery.replacementRow', { declined: name(r.declined), replacement: name(r.replacement) })}
                <div className="muted small-print">{t('lottery.replacementMeta', { seed: r.seed, time: formatDateTime(r.at) })}</div>
              </li>
            ))}
          </ul>
        </>
      )}

      <h5 className="group-title">{t('lottery.quotaCheck')}</h5>
      {broken.length === 0 && awaiting === 0 ? (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined />}
          className="block"
          title={t('lottery.quotaHolds')}
          data-testid="quota-check"
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          icon={<ExclamationCircleOutlined />}
          className="block"
          data-testid="quota-check"
          title={
            awaiting > 0
              ? t('lottery.awaitingReplacement', { count: awaiting })
              : t('lottery.quotaBroken', { list: broken.map((c) => quotaLabel(t, c, questions)).join('、') })
          }
        />
      )}
      <ul className="lottery-list block quota-counts">
        {checks.map((c) => (
          <li key={`${c.category}/${c.feature}`} data-testid="quota-count" className={c.holds ? undefined : 'quota-broken'}>
            {quotaLabel(t, c, questions)}：{t('lottery.quotaCount', { count: c.count, min: c.min, max: c.max })}
          </li>
        ))}
      </ul>

      {l.abilities.publish && (
        <Flex vertical gap={8} className="block">
          <p className="muted">{t('lottery.publishNote', { count: l.panel.length })}</p>
          <div>
            <Button type="primary" size="large" loading={busy === 'publish'} disabled={busy !== null} onClick={onPublish}>
              {t('lottery.publish')}
            </Button>
          </div>
        </Flex>
      )}

      <Collapse
        className="block"
        items={[
          {
            key: 'chances',
            label: t('lottery.probabilities', { count: pool.length }),
            children: (
              <ul className="lottery-list" data-testid="probabilities">
                {byChance.map((v) => (
                  <li key={v.id} data-testid="probability">
                    <Flex justify="space-between" gap={8}>
                      <span>
                        {v.name} {inPanel.has(v.id) && <Tag color="red">{t('lottery.selected')}</Tag>}
                      </span>
                      <span>{percent(l.probabilities[v.id] ?? 0)}</span>
                    </Flex>
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
        defaultActiveKey={['chances']}
      />
    </section>
  );
}
