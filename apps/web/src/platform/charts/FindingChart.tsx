import { useRef, useState } from 'react';
import { Button, Card, Empty, Table } from 'antd';
import { useT } from '../i18n/index.tsx';
import { PRIMARY } from '../theme.ts';
import { useChart } from './useChart.ts';

export interface ChartSeries {
  name: string;
  type: 'bar' | 'line';
  data: (number | null)[];
  /** Values are percentages (0–100). */
  percent?: boolean;
}

interface Props {
  /** The finding the chart shows, as a sentence (UI.md). */
  title: string;
  categories: string[];
  series: ChartSeries[];
  emptyText: string;
  testId?: string;
  height?: number;
}

const palette = [PRIMARY, '#1F5FAD', '#A15C00', '#2E7D32'];

/**
 * A chart titled by its finding, with its data table one click away (UI.md): ECharts (SVG,
 * loaded on demand) and a table with the same numbers for people who cannot see the chart.
 */
export function FindingChart({ title, categories, series, emptyText, testId, height = 240 }: Props) {
  const t = useT();
  const el = useRef<HTMLDivElement>(null);
  const [showTable, setShowTable] = useState(false);
  const empty = categories.length === 0;

  useChart(
    el,
    empty
      ? null
      : (width) => {
          const narrow = width < 520;
          const percent = series.some((s) => s.percent);
          return {
            aria: { enabled: true },
            color: palette,
            grid: { left: 8, right: 16, top: series.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
            tooltip: { trigger: 'axis' },
            legend: series.length > 1 ? { top: 0 } : undefined,
            xAxis: {
              type: 'category',
              data: categories,
              axisLabel: { interval: 0, color: '#333', rotate: narrow && categories.length > 3 ? 35 : 0 },
            },
            yAxis: {
              type: 'value',
              minInterval: 1,
              max: percent ? 100 : undefined,
              axisLabel: { color: '#333', formatter: percent ? '{value}%' : '{value}' },
            },
            series: series.map((s) => ({ name: s.name, type: s.type, data: s.data, connectNulls: true, barMaxWidth: 40 })),
          };
        },
    [categories, series, empty],
  );

  return (
    <Card
      size="small"
      title={<h3 className="card-title chart-title">{title}</h3>}
      extra={
        !empty && (
          <Button type="link" onClick={() => setShowTable((v) => !v)} aria-expanded={showTable}>
            {t('home.chartTable')}
          </Button>
        )
      }
      data-testid={testId}
    >
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="empty-text">{emptyText}</span>} />
      ) : (
        <>
          <div ref={el} role="img" aria-label={title} style={{ width: '100%', height }} />
          {showTable && (
            <Table
              size="small"
              pagination={false}
              rowKey="category"
              dataSource={categories.map((c, i) => ({
                category: c,
                ...Object.fromEntries(series.map((s, j) => [`s${j}`, s.data[i] === null ? '—' : `${s.data[i]}${s.percent ? '%' : ''}`])),
              }))}
              columns={[
                { title: t('chart.category'), dataIndex: 'category' },
                ...series.map((s, j) => ({ title: s.name, dataIndex: `s${j}`, align: 'right' as const })),
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}
