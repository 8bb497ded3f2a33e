import { Alert, Card, Descriptions, Empty, List, Skeleton } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../../../platform/api/useApi.ts';
import { errorMessage } from '../../../platform/errors.ts';
import { useT } from '../../../platform/i18n/index.tsx';
import type { HomeSectionProps } from '../../../platform/module.ts';
import { orgApi } from '../api.ts';
import { kindLabel } from '../labels.ts';

/** The consultation room the person acts in: where it is, what it runs together with. */
export default function RoomSection({ acting }: HomeSectionProps) {
  const t = useT();
  const isRoom = acting.nodeKind === 'room';
  const { data, error, loading } = useApi(() => (isRoom ? orgApi.node(acting.nodeId) : Promise.resolve(null)), [acting.nodeId, isRoom]);
  const canBrowse = acting.roles.some((r) => r !== 'resident');
  return (
    <Card title={<h2 className="card-title">{t('home.room')}</h2>} data-testid="home-room">
      {!isRoom ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="empty-text">{t('home.roomNone')}</span>} />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(t, error)} />
      ) : loading || !data ? (
        <Skeleton active />
      ) : (
        <>
          <p className="room-name">{canBrowse ? <Link to={`/org/${data.id}`}>{data.name}</Link> : data.name}</p>
          <Descriptions column={1} size="small">
            {data.ancestors.length > 0 && (
              <Descriptions.Item label={t('org.parents')}>{data.ancestors.map((a) => a.name).join(' / ')}</Descriptions.Item>
            )}
            {data.address && <Descriptions.Item label={t('home.roomAddress')}>{data.address}</Descriptions.Item>}
            {data.description && <Descriptions.Item label={t('org.description')}>{data.description}</Descriptions.Item>}
          </Descriptions>
          {data.children.length > 0 && (
            <List
              size="small"
              dataSource={data.children}
              rowKey="id"
              renderItem={(c) => (
                <List.Item>
                  {c.name} <span className="muted">· {kindLabel(t, c)}</span>
                </List.Item>
              )}
            />
          )}
        </>
      )}
    </Card>
  );
}
