import { Card } from 'antd';
import { useT } from '../../../platform/i18n/index.tsx';
import { TopicList } from '../../topics/index.tsx';
import { DeliberationList } from '../DeliberationList.tsx';

/** Staff and the work committee: topics waiting for approval, and the deliberations in scope. */
export default function StaffSection() {
  const t = useT();
  return (
    <Card title={<h2 className="card-title">{t('home.consultations')}</h2>} data-testid="home-staff">
      <h3 className="group-title">{t('topic.awaitingApproval')}</h3>
      <TopicList state="awaitingApproval" pageSize={5} />
      <h3 className="group-title">{t('room.deliberations')}</h3>
      <DeliberationList pageSize={5} />
    </Card>
  );
}
