import { Form, Select } from 'antd';
import type { Responsibility } from '@shangliang/contract';
import { responsibilityStates } from '@shangliang/contract';
import { Link } from 'react-router-dom';
import { formatDate } from '../../platform/format.ts';
import { useLocale } from '../../platform/i18n/index.tsx';
import { ListPage } from '../../platform/list/ListPage.tsx';
import { responsibilitiesApi, type ResponsibilityFilters } from './api.ts';
import { ResponsibilityStateTag } from './shared.tsx';

/** Responsibilities in the person's scope (a department's own), filtered by state and overdue. */
export function ResponsibilityList({ pageSize = 20, initial = {} }: { pageSize?: number; initial?: ResponsibilityFilters }) {
  const { t, locale } = useLocale();
  const overdue = (r: Responsibility) =>
    r.overdue ? <strong className="overdue">{t('resp.overdueDays', { days: r.overdueDays })}</strong> : <span className="muted">—</span>;
  return (
    <ListPage<Responsibility, ResponsibilityFilters>
      label={t('resp.list')}
      fetchPage={responsibilitiesApi.list}
      initialFilters={initial}
      rowKey={(r) => r.id}
      pageSize={pageSize}
      emptyText={t('resp.listEmpty')}
      filterFields={
        <>
          <Form.Item name="state" label={t('common.state')}>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('common.all')}
              options={responsibilityStates.map((s) => ({ value: s, label: t(`resp.state.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="overdue" label={t('resp.overdue')}>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('common.all')}
              options={[{ value: 'true', label: t('resp.overdueOnly') }]}
            />
          </Form.Item>
        </>
      }
      columns={[
        { key: 'action', title: t('resp.action'), render: (_v, r) => <Link to={`/responsibilities/${r.id}`}>{r.action}</Link> },
        { key: 'deliberation', title: t('resp.deliberation'), dataIndex: 'deliberationTitle' },
        { key: 'department', title: t('participant.department'), dataIndex: 'departmentName' },
        { key: 'person', title: t('resp.personInCharge'), dataIndex: 'personInCharge' },
        { key: 'deadline', title: t('resp.deadline'), render: (_v, r) => formatDate(r.deadline, locale) },
        { key: 'state', title: t('common.state'), render: (_v, r) => <ResponsibilityStateTag state={r.state} /> },
        { key: 'overdue', title: t('resp.overdue'), render: (_v, r) => overdue(r) },
      ]}
      renderMobileItem={(r) => (
        <div className="mobile-card">
          <div className="mobile-card-title">
            <Link to={`/responsibilities/${r.id}`}>{r.action}</Link>
          </div>
          <div className="muted">
            {r.departmentName} · {t('resp.deadlineOn', { date: formatDate(r.deadline, locale) })}
          </div>
          <ResponsibilityStateTag state={r.state} /> {r.overdue && overdue(r)}
        </div>
      )}
    />
  );
}
