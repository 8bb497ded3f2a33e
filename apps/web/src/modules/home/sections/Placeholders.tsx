import { Card, Empty } from 'antd';
import { useT, type MessageKey } from '../../../platform/i18n/index.tsx';

/** A home section with nothing in it yet: what will appear here, and how. */
function Placeholder({ title, text, testId }: { title: MessageKey; text: MessageKey; testId: string }) {
  const t = useT();
  return (
    <Card title={<h2 className="card-title">{t(title)}</h2>} data-testid={testId}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="empty-text">{t(text)}</span>} />
    </Card>
  );
}

export const StaffConsultations = () => <Placeholder title="home.consultations" text="home.consultationsEmpty" testId="home-staff" />;
export const LeaderSupervision = () => <Placeholder title="home.leaderOverview" text="home.leaderEmpty" testId="home-leader" />;
export const ConvenerDeliberations = () => <Placeholder title="home.consultations" text="home.deliberationsEmpty" testId="home-convener" />;
export const ResidentTopics = () => <Placeholder title="home.consultations" text="home.topicsEmpty" testId="home-resident" />;
export const MemberDuties = () => <Placeholder title="home.duties" text="home.memberDutiesEmpty" testId="home-member" />;
export const DepartmentResponsibilities = () => (
  <Placeholder title="home.department" text="home.departmentEmpty" testId="home-department" />
);
