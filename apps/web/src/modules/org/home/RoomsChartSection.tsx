import { useRef, useState } from 'react';
import { Alert, Button, Card, Skeleton, Table } from 'antd';
import { useApi } from '../../../platform/api/useApi.ts';
import { errorMessage } from '../../../platform/errors.ts';
import { useLocale } from '../../../platform/i18n/index.tsx';
import type { HomeSectionProps } from '../../../platform/module.ts';
import { useChart } from '../../../platform/charts/useChart.ts';
import { PRIMARY } from '../../../platform/theme.ts';
import { orgApi } from '../api.ts';

interface Row {
  name: string;
  rooms: number;
  members: number;
}

/** Rooms and members per county body under the acting node; the title states the finding. */
async function loadRows(nodeId: string): Promise<{ rows: Row[]; rooms: number; members: number }> {
  const [total, counties] = await Promise.all([orgApi.summary(nodeId), orgApi.list({ parentId: nodeId, kind: 'body', limit: 50 })]);
  const rows = await Promise.all(
    counties.items.map(async (c) => {
      const s = await orgApi.summary(c.id);
      return { name: c.name, rooms: s.byKind.room ?? 0, members: s.members };
    }),
  );
  return { rows, rooms: total.byKind.room ?? 0, members: total.members };
}

/** A leader's chart: where the consultation rooms are, with its data table one click away. */
export default function RoomsChartSection({ acting }: HomeSectionProps) {
  const { t } = useLocale();
  const { data, error, loading } = useApi(() => loadRows(acting.nodeId), [acting.nodeId]);
  const [showTable, setShowTable] = useState(false);
  const el = useRef<HTMLDivElement>(null);

  useChart(
    el,
    !data || data.rows.length === 0
      ? null
      : (width) => ({
          aria: { enabled: true },
          grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          xAxis: {
            type: 'category',
            data: data.rows.map((r) => r.name.replace(/政协$/, '')),
            // On phones the county names would overlap: slant them.
            axisLabel: { interval: 0, color: '#333', rotate: width < 520 ? 40 : 0 },
          },
          yAxis: [{ type: 'value', minInterval: 1, axisLabel: { color: '#333' } }],
          series: [{ name: t('home.summary.rooms'), type: 'bar', data: data.rows.map((r) => r.rooms), itemStyle: { color: PRIMARY } }],
        }),
    [data, t],
  );

  const title = data ? t('home.chartTitle', { node: acting.nodeName, rooms: data.rooms, members: data.members }) : t('home.leaderOverview');
  return (
    <Card
      title={<h2 className="card-title">{title}</h2>}
      extra={
        data && data.rows.length > 0 ? (
          <Button type="link" onClick={() => setShowTable((v) => !v)} aria-expanded={showTable}>
            {t('home.chartTable')}
          </Button>
        ) : null
      }
      data-testid="home-chart"
    >
      {error ? (
        <Alert type="error" showIcon title={errorMessage(t, error)} />
      ) : loading || !data ? (
        <Skeleton active />
      ) : (
        <>
          {data.rows.length > 0 && (
            <div ref={el} role="img" aria-label={`${t('home.chartAlt')}: ${title}`} style={{ width: '100%', height: 260 }} />
          )}
          {showTable && (
            <Table<Row>
              size="small"
              pagination={false}
              rowKey="name"
              dataSource={data.rows}
              columns={[
                { title: t('org.name'), dataIndex: 'name' },
                { title: t('home.summary.rooms'), dataIndex: 'rooms', align: 'right' },
                { title: t('home.summary.members'), dataIndex: 'members', align: 'right' },
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}
