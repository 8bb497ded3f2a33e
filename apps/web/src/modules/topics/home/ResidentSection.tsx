import { Alert, Button, Card, Flex, List, Skeleton } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Deliberation } from '@shangliang/contract';
import { Link, useNavigate } from 'react-router-dom';
import { useApi } from '../../../platform/api/useApi.ts';
import { api, type Page } from '../../../platform/api/client.ts';
import { errorMessage } from '../../../platform/errors.ts';
import { useT } from '../../../platform/i18n/index.tsx';
import type { HomeSectionProps } from '../../../platform/module.ts';
import { topicsApi } from '../api.ts';
import { TopicStateTag } from '../labels.tsx';

/** A resident's home: raise a topic, follow the room's topics and the meetings they are invited to. */
export default function ResidentSection({ acting }: HomeSectionProps) {
  const t = useT();
  const navigate = useNavigate();
  const roomId = acting.nodeKind === 'room' ? acting.nodeId : undefined;
  const topics = useApi(() => topicsApi.list({ roomId }, null, 5), [roomId]);
  const dels = useApi(() => api.get<Page<Deliberation>>('/deliberations', { limit: 5 }).catch(() => null), []);
  return (
    <Card title={<h2 className="card-title">{t('home.consultations')}</h2>} data-testid="home-resident">
      <Flex gap={8} wrap className="block">
        <Button
          type="primary"
          size="large"
          icon={<PlusOutlined />}
          onClick={() => navigate(roomId ? `/topics/new?roomId=${roomId}` : '/topics/new')}
        >
          {t('room.propose')}
        </Button>
        {roomId && (
          <Link to={`/r/${roomId}`}>
            <Button size="large">{t('room.publicPage')}</Button>
          </Link>
        )}
      </Flex>
      {topics.error ? (
        <Alert type="error" showIcon title={errorMessage(t, topics.error)} />
      ) : topics.loading ? (
        <Skeleton active />
      ) : (
        <List
          size="small"
          header={<h3 className="group-title">{t('room.topics')}</h3>}
          dataSource={topics.data?.items ?? []}
          rowKey="id"
          locale={{ emptyText: <span className="empty-text">{t('home.topicsEmpty')}</span> }}
          renderItem={(tp) => (
            <List.Item>
              <Link to={`/topics/${tp.id}`}>{tp.title}</Link> <TopicStateTag state={tp.state} />
            </List.Item>
          )}
        />
      )}
      {(dels.data?.items.length ?? 0) > 0 && (
        <List
          size="small"
          header={<h3 className="group-title">{t('room.myMeetings')}</h3>}
          dataSource={dels.data?.items ?? []}
          rowKey="id"
          renderItem={(d) => (
            <List.Item>
              <Link to={`/deliberations/${d.id}`}>{d.title}</Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
