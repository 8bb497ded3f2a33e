import { useMemo } from 'react';
import { Alert, Col, Row, Skeleton } from 'antd';
import { useApi } from '../../platform/api/useApi.ts';
import { FindingChart } from '../../platform/charts/FindingChart.tsx';
import { errorMessage } from '../../platform/errors.ts';
import { isMessageKey, useT } from '../../platform/i18n/index.tsx';
import { roomsApi } from './api.ts';

const pct = (n: number | null) => (n === null ? null : Math.round(n * 100));

/** The room's dashboard: deliberations by state, topics by category, on-time and satisfaction by month. */
export function DashboardCharts({ roomId }: { roomId: string }) {
  const t = useT();
  const { data, error } = useApi(() => roomsApi.dashboard(roomId), [roomId]);
  const label = (prefix: string, k: string) => (isMessageKey(`${prefix}.${k}`) ? t(`${prefix}.${k}` as never) : k);
  const charts = useMemo(() => {
    if (!data) return null;
    const states = Object.entries(data.deliberationsByState).filter(([, n]) => n > 0);
    const cats = Object.entries(data.topicsByCategory).filter(([, n]) => n > 0);
    const totalD = states.reduce((a, [, n]) => a + n, 0);
    const topState = [...states].sort((a, b) => b[1] - a[1])[0];
    const totalT = cats.reduce((a, [, n]) => a + n, 0);
    const topCat = [...cats].sort((a, b) => b[1] - a[1])[0];
    const months = data.byMonth;
    const onTime = pct(data.responsibilities.onTimeRate);
    const sat = pct(data.satisfaction.rate);
    return {
      states: {
        title: topState
          ? t('dash.statesTitle', { total: totalD, state: label('delib.state', topState[0]), count: topState[1] })
          : t('dash.statesNone'),
        categories: states.map(([s]) => label('delib.state', s)),
        series: [{ name: t('dash.deliberations'), type: 'bar' as const, data: states.map(([, n]) => n) }],
      },
      cats: {
        title: topCat
          ? t('dash.catsTitle', { total: totalT, cat: label('topic.category', topCat[0]), count: topCat[1] })
          : t('dash.catsNone'),
        categories: cats.map(([c]) => label('topic.category', c)),
        series: [{ name: t('dash.topics'), type: 'bar' as const, data: cats.map(([, n]) => n) }],
      },
      months: {
        title: t('dash.ratesTitle', { onTime: onTime === null ? '—' : `${onTime}%`, sat: sat === null ? '—' : `${sat}%` }),
        categories: months.map((m) => m.month),
        series: [
          {
            name: t('dash.onTimeRate'),
            type: 'line' as const,
            percent: true,
            data: months.map((m) => (m.responsibilitiesFinished ? Math.round((m.onTime / m.responsibilitiesFinished) * 100) : null)),
          },
          {
            name: t('dash.satisfactionRate'),
            type: 'line' as const,
            percent: true,
            data: months.map((m) => (m.ratings ? Math.round((m.satisfied / m.ratings) * 100) : null)),
          },
        ],
      },
    };
  }, [data, t]);
  if (error) return <Alert type="error" showIcon title={errorMessage(t, error)} />;
  if (!charts) return <Skeleton active />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <FindingChart {...charts.states} emptyText={t('dash.empty')} testId="chart-states" />
      </Col>
      <Col xs={24} lg={8}>
        <FindingChart {...charts.cats} emptyText={t('dash.empty')} testId="chart-categories" />
      </Col>
      <Col xs={24} lg={8}>
        <FindingChart {...charts.months} emptyText={t('dash.empty')} testId="chart-rates" />
      </Col>
    </Row>
  );
}
