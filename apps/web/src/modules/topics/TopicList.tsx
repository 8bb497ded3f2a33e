import { Form, Input, Select, Tag } from 'antd';
import type { Topic } from '@shangliang/contract';
import { topicStates } from '@shangliang/contract';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../platform/format.ts';
import { useT } from '../../platform/i18n/index.tsx';
import { ListPage } from '../../platform/list/ListPage.tsx';
import { topicCategories, topicsApi, type TopicFilters } from './api.ts';
import { TopicStateTag } from './labels.tsx';

/** Topics of a room or of the person's scope: to screen, approve or follow. */
export function TopicList({ roomId, state, pageSize = 10 }: { roomId?: string; state?: string; pageSize?: number }) {
  const t = useT();
  return (
    <ListPage<Topic, TopicFilters>
      label={t('topic.list')}
      fetchPage={topicsApi.list}
      initialFilters={{ roomId, state }}
      rowKey={(tp) => tp.id}
      pageSize={pageSize}
      emptyText={t('topic.listEmpty')}
      filterFields={
        <>
          <Form.Item name="q" label={t('common.search')}>
            <Input allowClear style={{ width: 160 }} />
          </Form.Item>
          {!state && (
            <Form.Item name="state" label={t('common.state')}>
              <Select
                allowClear
                style={{ width: 140 }}
                placeholder={t('common.all')}
                options={topicStates.map((s) => ({ value: s, label: t(`topic.state.${s}`) }))}
              />
            </Form.Item>
          )}
          <Form.Item name="category" label={t('topic.categoryLabel')}>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('common.all')}
              options={topicCategories.map((c) => ({ value: c, label: t(`topic.category.${c}`) }))}
            />
          </Form.Item>
        </>
      }
      toFilters={(v) => ({ roomId, state, ...v }) as TopicFilters}
      columns={[
        { key: 'title', title: t('topic.title'), render: (_v, tp) => <Link to={`/topics/${tp.id}`}>{tp.title}</Link> },
        { key: 'state', title: t('common.state'), render: (_v, tp) => <TopicStateTag state={tp.state} /> },
        { key: 'category', title: t('topic.categoryLabel'), render: (_v, tp) => <Tag>{t(`topic.category.${tp.category}`)}</Tag> },
        { key: 'room', title: t('delib.room'), dataIndex: 'roomName' },
        { key: 'proposer', title: t('topic.proposer'), dataIndex: 'proposerName' },
        { key: 'support', title: t('topic.supportShort'), dataIndex: 'supportCount', align: 'right' },
        { key: 'createdAt', title: t('topic.proposedOn'), render: (_v, tp) => formatDateTime(tp.createdAt) },
      ]}
      renderMobileItem={(tp) => (
        <div className="mobile-card">
          <div className="mobile-card-title">
            <Link to={`/topics/${tp.id}`}>{tp.title}</Link>
          </div>
          <TopicStateTag state={tp.state} /> <span className="muted">{tp.proposerName}</span>
        </div>
      )}
    />
  );
}
