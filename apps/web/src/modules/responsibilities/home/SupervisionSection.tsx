import { useMemo } from 'react';
import type { Responsibility } from '@shangliang/contract';
import { Alert, Card, List, Skeleton } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../../../platform/api/useApi.ts';
import { FindingChart } from '../../../platform/charts/FindingChart.tsx';
import { errorMessage } from '../../../platform/errors.ts';
import { useT } from '../../../platform/i18n/index.tsx';
import type { HomeSectionProps } from '../../../platform/module.ts';
import { responsibilitiesApi } from '../api.ts';
import { ResponsibilityStateTag } from '../shared.tsx';

async function load() {
  const [overdue, declined, cannotDo] = await Promise.all([
    responsibilitiesApi.list({ overdue: 'true' }, null, 100),
    responsibilitiesApi.list({ state: 'declined' }, null, 100),
    responsibilitiesApi.list({ state: 'cannotDo' }, null, 100),
  ]);
  return { overdue: overdue.items, refused: [...declined.items, ...cannotDo.items] };
}

/** Supervision (督查) for leaders and staff: overdue and refused responsibilities, by department. */
export default function SupervisionSection({ acting }: HomeSectionProps) {
  const t = useT();
  const { data, error } = useApi(load, []);
  const chart = useMemo(() => {
    if (!data) return null;
    const byDept = new Map<string, { overdue: number; refused: number }>();
    for (const r of data.overdue)
      byDept.set(r.departmentName, {
        ...(byDept.get(r.departmentName) ?? { overdue: 0, refused: 0 }),
        overdue: (byDept.get(r.departmentName)?.overdue ?? 0) + 1,
      });
    for (const r of data.refused)
      byDept.set(r.departmentName, {
        ...(byDept.get(r.departmentName) ?? { overdue: 0, refused: 0 }),
        refused: (byDept.get(r.departmentName)?.refused ?? 0) + 1,
      });
    const rows = [...byDept.entries()].sort((a, b) => b[1].overdue + b[1].refused - (a[1].overdue + a[1].refused));
    const top = [...byDept.entries()].sort((a, b) => b[1].overdue - a[1].overdue)[0];
    const title =
      data.overdue.length > 0 && top
        ? t('supervision.title', { count: data.overdue.length, dept: top[0] })
        : data.refused.length > 0
          ? t('supervision.titleRefused', { count: data.refused.length })
          : t('supervision.none');
    return {
      title,
      categories: rows.map(([d]) => d),
      series: [
        { name: t('supervision.overdue'), type: 'bar' as const, data: rows.map(([, v]) => v.overdue) },
        { name: t('supervision.refused'), type: 'bar' as const, data: rows.map(([, v]) => v.refused) },
      ],
    };
  }, [data, t]);
  const items: Responsibility[] = data ? [...data.overdue, ...data.refused.filter((r) => !data.overdue.some((o) => o.id === r.id))] : [];
  const testId = acting.roles.includes('leader') ? 'home-leader' : 'home-supervision';
  return (
    <Card
      title={<h2 className="card-title">{t('supervision.heading')}</h2>}
      extra={<Link to="/responsibilities?overdue=true">{t('resp.all')}</Link>}
      data-testid={testId}
    >
      {error ? (
        <Alert type="error" showIcon title={errorMessage(t, error)} />
      ) : !chart ? (
        <Skeleton active />
      ) : (
        <>
          <FindingChart {...chart} emptyText={t('supervision.empty')} testId="chart-supervision" />
          {items.length > 0 && (
            <List
              size="small"
              dataSource={items.slice(0, 10)}
              rowKey="id"
              renderItem={(r) => (
                <List.Item>
                  <div className="mobile-card">
                    <Link to={`/responsibilities/${r.id}`}>{r.action}</Link>
                    <div className="muted">
                      {r.departmentName} <ResponsibilityStateTag state={r.state} />
                      {r.overdue && <strong className="overdue">{t('resp.overdueDays', { days: r.overdueDays })}</strong>}
                    </div>
                  </div>
                </List.Item>
              )}
            />
          )}
        </>
      )}
    </Card>
  );
}
