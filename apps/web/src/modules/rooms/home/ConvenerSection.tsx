import { Alert, Button, Card, Empty, Flex, Skeleton, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../../../platform/api/useApi.ts';
import { api, type Page } from '../../../platform/api/client.ts';
import { errorMessage } from '../../../platform/errors.ts';
import { useT } from '../../../platform/i18n/index.tsx';
import type { HomeSectionProps } from '../../../platform/module.ts';

const live = ['draft', 'preparing', 'scheduled', 'inSession', 'outcome', 'implementing', 'feedbackPublished', 'evaluated'];

async function load(roomId: string) {
  const [proposed, accepted, dels] = await Promise.all([
    api.get<Page<unknown>>('/topics', { roomId, state: 'proposed', limit: 1 }),
    api.get<Page<unknown>>('/topics', { roomId, state: 'accepted', limit: 1 }),
    api.get<Page<{ state: string }>>('/deliberations', { roomId, limit: 100 }),
  ]);
  return { toScreen: proposed.total + accepted.total, running: dels.items.filter((d) => live.includes(d.state)).length };
}

/** The convener's home: what waits in the room, and the way into its workspace. */
export default function ConvenerSection({ acting }: HomeSectionProps) {
  const t = useT();
  const isRoom = acting.nodeKind === 'room';
  const { data, error } = useApi(() => (isRoom ? load(acting.nodeId) : Promise.resolve(null)), [acting.nodeId, isRoom]);
  return (
    <Card title={<h2 className="card-title">{t('home.consultations')}</h2>} data-testid="home-convener">
      {!isRoom ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="empty-text">{t('home.deliberationsEmpty')}</span>} />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(t, error)} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <>
          <Flex gap={32} wrap className="block">
            <Statistic title={t('room.toScreen')} value={data.toScreen} />
            <Statistic title={t('room.running')} value={data.running} />
          </Flex>
          <Flex gap={8} wrap>
            <Link to={`/rooms/${acting.nodeId}`}>
              <Button type="primary">{t('room.workspace')}</Button>
            </Link>
            <Link to={`/r/${acting.nodeId}`}>
              <Button>{t('room.publicPage')}</Button>
            </Link>
          </Flex>
        </>
      )}
    </Card>
  );
}
