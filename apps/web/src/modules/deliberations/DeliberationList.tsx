import { Form, Select } from 'antd';
import type { Deliberation } from '@shangliang/contract';
import { deliberationStates } from '@shangliang/contract';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../platform/format.ts';
import { useT } from '../../platform/i18n/index.tsx';
import { ListPage } from '../../platform/list/ListPage.tsx';
import { deliberationsApi, type DeliberationFilters } from './api.ts';
import { DeliberationStateTag } from './labels.tsx';

/** The deliberations of a room (or of the person's scope), filtered by state. */
export function DeliberationList({ roomId, pageSize = 10 }: { roomId?: string; pageSize?: number }) {
  const t = useT();
  return (
    <ListPage<Deliberation, DeliberationFilters>
      label={t('delib.list')}
      fetchPage={deliberationsApi.list}
      initialFilters={{ roomId }}
      rowKey={(d) => d.id}
      pageSize={pageSize}
      emptyText={t('delib.listEmpty')}
      filterFields={
        <Form.Item name="state" label={t('common.state')}>
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('common.all')}
            options={deliberationStates.map((s) => ({ value: s, label: t(`delib.state.${s}`) }))}
          />
        </Form.Item>
      }
      columns={[
        { key: 'title', title: t('delib.title'), render: (_v, d) => <Link to={`/deliberations/${d.id}`}>{d.title}</Link> },
        { key: 'state', title: t('common.state'), render: (_v, d) => <DeliberationStateTag state={d.state} /> },
        { key: 'room', title: t('delib.room'), dataIndex: 'roomName' },
        { key: 'meetingAt', title: t('delib.meetingAt'), render: (_v, d) => formatDateTime(d.meetingAt) },
      ]}
      renderMobileItem={(d) => (
        <div className="mobile-card">
          <div className="mobile-card-title">
            <Link to={`/deliberations/${d.id}`}>{d.title}</Link>
          </div>
          <DeliberationStateTag state={d.state} /> <span className="muted">{formatDateTime(d.meetingAt)}</span>
        </div>
      )}
    />
  );
}
