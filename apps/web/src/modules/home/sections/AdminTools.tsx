import { Button, Card, Flex, Typography } from 'antd';
import { ApartmentOutlined, AuditOutlined, TeamOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../../platform/i18n/index.tsx';

/** Shortcuts for administrators. */
export default function AdminTools() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Card title={<h2 className="card-title">{t('home.adminTools')}</h2>} data-testid="home-admin">
      <Typography.Paragraph>{t('home.adminText')}</Typography.Paragraph>
      <Flex gap={8} wrap>
        <Button icon={<TeamOutlined />} onClick={() => navigate('/accounts')}>
          {t('nav.accounts')}
        </Button>
        <Button icon={<AuditOutlined />} onClick={() => navigate('/audit')}>
          {t('nav.audit')}
        </Button>
        <Button icon={<ApartmentOutlined />} onClick={() => navigate('/org')}>
          {t('nav.org')}
        </Button>
      </Flex>
    </Card>
  );
}
