import { Alert, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../../platform/auth/session.tsx';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { useT } from '../../platform/i18n/index.tsx';
import { AuthCard } from './AuthCard.tsx';

interface Values {
  login: string;
  password: string;
}

/** Log in with a username or a phone number. */
export default function LoginPage() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { login, expired } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  return (
    <AuthCard title={t('login.title')}>
      <Typography.Paragraph type="secondary">{t('login.welcome')}</Typography.Paragraph>
      {expired && <Alert type="info" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} />}
      <AppForm<Values>
        form={form}
        name="login"
        vertical
        blockSubmit
        submitLabel={t('login.submit')}
        submittingLabel={t('login.submitting')}
        labels={{ login: t('login.login'), password: t('login.password') }}
        onSubmit={async (v) => {
          const me = await login(v.login.trim(), v.password);
          navigate(me.account.mustChangePassword ? '/change-password' : from, { replace: true });
        }}
      >
        <Form.Item name="login" label={t('login.login')} rules={[required(t, t('login.login'))]}>
          <Input size="large" prefix={<UserOutlined aria-hidden />} placeholder={t('login.loginPlaceholder')} autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[required(t, t('login.password'))]}>
          <Input.Password
            size="large"
            prefix={<LockOutlined aria-hidden />}
            placeholder={t('login.passwordPlaceholder')}
            autoComplete="current-password"
          />
        </Form.Item>
      </AppForm>
      <Typography.Paragraph>
        {t('login.noAccount')} <Link to="/register">{t('login.registerLink')}</Link>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" className="small-note">
        {t('login.demoHint')}
      </Typography.Paragraph>
    </AuthCard>
  );
}
