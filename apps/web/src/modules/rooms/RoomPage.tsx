import { Alert, Button, Card, Skeleton, Space } from 'antd';
import { GlobalOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../../platform/api/useApi.ts';
import { errorMessage } from '../../platform/errors.ts';
import { useT } from '../../platform/i18n/index.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { DeliberationList } from '../deliberations/index.tsx';
import { TopicList } from '../topics/index.tsx';
import { roomsApi } from './api.ts';
import { DashboardCharts } from './DashboardCharts.tsx';

/** The convener's workspace for a room: topics to screen, the deliberations, the dashboard. */
export default function RoomPage() {
  const { id = '' } = useParams();
  const t = useT();
  const room = useApi(() => roomsApi.publicRoom(id), [id]);
  if (room.error) return <Alert type="error" showIcon title={errorMessage(t, room.error)} />;
  if (!room.data) return <Skeleton active />;
  const p = room.data.profile;
  return (
    <>
      <PageHeader
        title={p.name}
        crumbs={[{ label: t('nav.home'), to: '/' }]}
        extra={
          <Space wrap>
            <Link to={`/r/${id}`}>
              <Button icon={<GlobalOutlined />}>{t('room.publicPage')}</Button>
            </Link>
            {p.abilities.update && (
              <Button icon={<PrinterOutlined />} href={roomsApi.qrUrl(id, 'svg')} target="_blank">
                {t('room.printQr')}
              </Button>
            )}
          </Space>
        }
      />
      <section className="block" aria-labelledby="room-dash">
        <h2 id="room-dash" className="section-title">
          {t('room.dashboard')}
        </h2>
        <DashboardCharts roomId={id} />
      </section>
      <Card title={<h2 className="card-title">{t('room.topicsToScreen')}</h2>} className="block" data-testid="room-topics">
        <TopicList roomId={id} />
      </Card>
      <Card title={<h2 className="card-title">{t('room.deliberations')}</h2>} className="block" data-testid="room-deliberations">
        <DeliberationList roomId={id} />
      </Card>
    </>
  );
}
