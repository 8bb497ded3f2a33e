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

export const MemberDuties = () => <Placeholder title="home.duties" text="home.memberDutiesEmpty" testId="home-member" />;
