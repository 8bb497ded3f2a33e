import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button, Empty, Table, Tag } from 'antd';
import { useLocale, useT, type Translate } from '../../platform/i18n/index.tsx';
import { formatNumber } from '../../platform/format.ts';
import type { MapPlace, OpinionMap as Map, Statement } from './api.ts';

/** Group colours (AA on white) and their lighter twins for the dark projector; shapes tell groups apart without colour. */
const light = ['#C8161D', '#1F5FAD', '#A15C00', '#2E7D32', '#6A1B9A', '#00695C'];
const dark = ['#FF7A7A', '#7FB2FF', '#FFC266', '#8FD694', '#D7A6F0', '#5FD6CF'];
const symbols = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin'];
const NONE = { light: '#6B6B6B', dark: '#B0B0B0' };

export const groupColor = (g: number | null, variant: 'light' | 'dark' = 'light') =>
  g === null ? NONE[variant] : (variant === 'dark' ? dark : light)[g % light.length]!;
export const groupName = (t: Translate, g: number) => t('live.group', { n: g + 1 });

type Consensus = Map['consensus'][number];

interface Props {
  map: Map | null;
  statements: Statement[];
  variant?: 'light' | 'dark';
  /** The caller's participant: their point is ringed and their group named. */
  /** The viewer's own place (a participant): their spot is outlined, their group marked. */
  me?: MapPlace | null;
  /** Buttons beside a consensus statement (the convener's "promote"). */
  consensusAction?: (c: Consensus) => ReactNode;
  height?: number;
  /** Show the groups' statements beside the chart (false: below). */
  beside?: boolean;
  /** How many representative statements per group. */
  perGroup?: number;
  /** The consensus under the groups (false: the page shows it elsewhere, with `ConsensusList`). */
  showConsensus?: boolean;
  /** The data table button (off where the text beside is the whole alternative, e.g. phones). */
  tableToggle?: boolean;
  testId?: string;
}

/** The sentence that states what the map shows. */
export function mapFinding(t: Translate, map: Map, locale: 'zh-CN' | 'en-US'): string {
  return t('live.map.finding', {
    participants: formatNumber(map.participants, locale),
    votes: formatNumber(map.votes, locale),
    groups: map.groups.length,
    consensus: map.consensus.filter((c) => c.direction === 'agree').length,
  });
}

/**
 * The opinion map (Pol.is's): participants as points coloured (and shaped) by opinion group,
 * beside it what each group believes (its representative statements) and what all groups share
 * (the consensus), with the same figures as a table one click away.
 */
export function OpinionMap({
  map,
  statements,
  variant = 'light',
  me,
  consensusAction,
  height = 320,
  beside = true,
  perGroup = 3,
  tableToggle = true,
  showConsensus = true,
  testId,
}: Props) {
  const { t, locale } = useLocale();
  const el = useRef<HTMLDivElement>(null);
  const [table, setTable] = useState(false);
  const text = useMemo(() => new globalThis.Map(statements.map((s) => [s.id, s.text])), [statements]);
  const textOf = (id: string) => text.get(id) ?? t('live.map.unknownStatement');
  const myGroup = me?.group ?? null;

  useEffect(() => {
    if (!map || !map.spots.length || !el.current) return;
    let disposed = false;
    let chart: { dispose: () => void; resize: () => void; setOption: (o: unknown) => void } | null = null;
    const onResize = () => chart?.resize();
    const fg = variant === 'dark' ? '#F2F2F2' : '#333333';
    void import('./charts.ts').then(({ echarts }) => {
      if (disposed || !el.current) return;
      const c = echarts.init(el.current, undefined, { renderer: 'svg' });
      const groups = [...new Set(map.spots.map((p) => p.group))].sort((a, b) => (a ?? 99) - (b ?? 99));
      // The viewer's spot: the nearest of their group's (a spot is the mean place of the people in one cell).
      const mine = me
        ? map.spots
            .filter((p) => p.group === me.group)
            .reduce<(typeof map.spots)[number] | null>(
              (best, p) => (!best || Math.hypot(p.x - me.x, p.y - me.y) < Math.hypot(best.x - me.x, best.y - me.y) ? p : best),
              null,
            )
        : null;
      const big = variant === 'dark';
      // Pad the extent so that points at the edge are not cut in half.
      const extent = (k: 'x' | 'y') => {
        const v = map.spots.map((p) => p[k]);
        const lo = Math.min(...v);
        const hi = Math.max(...v);
        const pad = Math.max((hi - lo) * 0.18, 0.5);
        return { min: lo - pad, max: hi + pad };
      };
      c.setOption({
        aria: { enabled: true, label: { description: mapFinding(t, map, locale) } },
        animation: false,
        grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: false },
        legend: { top: 0, textStyle: { color: fg, fontSize: big ? 20 : 13 }, itemWidth: big ? 18 : 12, itemHeight: big ? 18 : 12 },
        tooltip: { trigger: 'item' },
        xAxis: { show: false, ...extent('x') },
        yAxis: { show: false, ...extent('y') },
        series: groups.map((g) => ({
          name: g === null ? t('live.map.noGroup') : groupName(t, g),
          type: 'scatter',
          symbol: g === null ? 'circle' : symbols[g % symbols.length],
          itemStyle: { color: groupColor(g, variant), opacity: 0.9 },
          // People who voted alike sit on the same spot (the server gathers them): sized by how many.
          data: map.spots
            .filter((p) => p.group === g)
            .map((spot) => ({
              value: [spot.x, spot.y, spot.n],
              symbolSize: Math.min((big ? 22 : 12) * Math.sqrt(spot.n), big ? 70 : 40),
              itemStyle: spot === mine ? { borderColor: fg, borderWidth: 3 } : undefined,
            })),
          tooltip: {
            formatter: (p: { value: number[] }) =>
              `${g === null ? t('live.map.noGroup') : groupName(t, g)} · ${t('live.map.people', { n: p.value[2] ?? 1 })}`,
          },
        })),
      });
      chart = c;
      window.addEventListener('resize', onResize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [map, variant, me, height, t, locale]);

  if (!map || map.spots.length === 0) {
    return (
      <div data-testid={testId} className={`opinion-map opinion-map-${variant}`}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="empty-text">{t('live.map.empty')}</span>} />
      </div>
    );
  }
  const consensus = map.consensus.filter((c) => c.direction === 'agree');
  const finding = mapFinding(t, map, locale);
  const share = (n: number) => `${Math.round(n * 100)}%`;

  const groupsBlock = (
    <div className="map-groups">
      <h4 className="map-heading">{t('live.map.groupsBelieve')}</h4>
      {map.groups.map((g) => (
        <section key={g.group} className="map-group" style={{ borderLeftColor: groupColor(g.group, variant) }} data-testid="map-group">
          <div className="map-group-name">
            {groupName(t, g.group)} · {t('live.map.people', { n: g.size })}
            {myGroup === g.group && (
              <Tag color="red" className="map-you">
                {t('live.map.yourGroup')}
              </Tag>
            )}
          </div>
          {g.representative.length === 0 ? (
            <p className="muted">{t('live.map.noRepresentative')}</p>
          ) : (
            <ul className="map-list">
              {g.representative.slice(0, perGroup).map((r) => (
                <li key={r.statementId}>
                  <span className={`map-dir map-dir-${r.direction}`}>
                    {t(r.direction === 'agree' ? 'live.map.agreesShare' : 'live.map.disagreesShare', { share: share(r.pSuccess) })}
                  </span>{' '}
                  {textOf(r.statementId)}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {showConsensus && <ConsensusList map={map} statements={statements} variant={variant} action={consensusAction} />}
    </div>
  );

  const rows = [
    ...map.groups.flatMap((g) =>
      g.representative.map((r) => ({
        key: `g${g.group}-${r.statementId}`,
        who: `${groupName(t, g.group)}（${t('live.map.people', { n: g.size })}）`,
        statement: textOf(r.statementId),
        position: t(r.direction === 'agree' ? 'live.vote.agree' : 'live.vote.disagree'),
        share: share(r.pSuccess),
      })),
    ),
    ...consensus.map((c) => ({
      key: `c-${c.statementId}`,
      who: t('live.map.allGroups'),
      statement: textOf(c.statementId),
      position: t('live.vote.agree'),
      share: share(c.pSuccess),
    })),
  ];

  return (
    <div data-testid={testId} className={`opinion-map opinion-map-${variant}`}>
      <h3 className="map-finding">{finding}</h3>
      <div className={beside ? 'map-layout map-beside' : 'map-layout'}>
        <div className="map-chart">
          <div ref={el} role="img" aria-label={finding} style={{ width: '100%', height }} data-testid="map-chart" />
        </div>
        {groupsBlock}
      </div>
      {variant === 'light' && tableToggle && (
        <>
          <Button type="link" onClick={() => setTable((v) => !v)} aria-expanded={table} className="map-table-toggle">
            {t(table ? 'live.map.hideTable' : 'live.map.showTable')}
          </Button>
          {table && (
            <Table
              size="small"
              pagination={false}
              dataSource={rows}
              scroll={{ x: true }}
              columns={[
                { title: t('live.map.colWho'), dataIndex: 'who' },
                { title: t('live.map.colStatement'), dataIndex: 'statement' },
                { title: t('live.map.colPosition'), dataIndex: 'position' },
                { title: t('live.map.colShare'), dataIndex: 'share', align: 'right' as const },
              ]}
            />
          )}
        </>
      )}
    </div>
  );
}

/** What all groups share: the consensus statements with each group's support. */
export function ConsensusList({
  map,
  statements,
  variant = 'light',
  action,
  max,
  heading: H = 'h4',
}: {
  map: Map | null;
  statements: Statement[];
  variant?: 'light' | 'dark';
  action?: (c: Consensus) => ReactNode;
  max?: number;
  /** The heading's level where the list stands (under the map's h3 finding: h4). */
  heading?: 'h2' | 'h3' | 'h4';
}) {
  const t = useT();
  const consensus = (map?.consensus ?? []).filter((c) => c.direction === 'agree').slice(0, max);
  const textOf = (id: string) => statements.find((s) => s.id === id)?.text ?? t('live.map.unknownStatement');
  return (
    <>
      <H className="map-heading">{t('live.map.consensus')}</H>
      {consensus.length === 0 ? (
        <p className="muted">{t('live.map.noConsensus')}</p>
      ) : (
        <ul className="map-list map-consensus">
          {consensus.map((c) => (
            <li key={c.statementId} data-testid="consensus">
              <div className="map-consensus-text">{textOf(c.statementId)}</div>
              <div className="map-support">
                {c.byGroup.map((g) => (
                  <span key={g.group} className="map-support-group">
                    <span className="map-swatch" style={{ background: groupColor(g.group, variant) }} aria-hidden />
                    {t('live.map.groupSupport', { group: groupName(t, g.group), agree: g.agree, total: g.agree + g.disagree + g.pass })}
                  </span>
                ))}
              </div>
              {action?.(c)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
