import { Alert, App as AntApp, Form, Input, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../platform/api/client.ts';
import { useSession } from '../../platform/auth/session.tsx';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { useT } from '../../platform/i18n/index.tsx';
import { AuthCard } from './AuthCard.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's password; forced (no way around it) while mustChangePassword is set. */
export default function ChangePasswordPage() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { me, refresh, logout } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const forced = me?.account.mustChangePassword ?? false;

  return (
    <AuthCard title={t('password.title')}>
      {forced && <Alert type="warning" showIcon title={t('password.forcedIntro')} style={{ marginBottom: 16 }} />}
      <AppForm<Values>
        form={form}
        name="change-password"
        vertical
        blockSubmit
        submitLabel={t('password.submit')}
        submittingLabel={t('password.submitting')}
        labels={{ currentPassword: t('password.current'), newPassword: t('password.new') }}
        onCancel={forced ? undefined : () => navigate(-1)}
        onSubmit={async (v) => {
          await api.post('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
          await refresh();
          void message.success(t('password.done'));
          navigate('/', { replace: true });
        }}
      >
        {/* A hidden username helps password managers pair the new password with the account. */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={me?.account.username ?? me?.account.phone ?? ''}
          readOnly
          hidden
        />
        <Form.Item name="currentPassword" label={t('password.current')} rules={[required(t, t('password.current'))]}>
          <Input.Password size="large" autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.newHint')}
          dependencies={['currentPassword']}
          rules={[
            required(t, t('password.new')),
            { min: 8, message: t('validation.passwordMin') },
            ({ getFieldValue }) => ({
              validator: (_r, value) =>
                !value || value !== getFieldValue('currentPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('validation.samePassword'))),
            }),
          ]}
        >
          <Input.Password size="large" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.confirmNew') },
            ({ getFieldValue }) => ({
              validator: (_r, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('validation.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password size="large" autoComplete="new-password" />
        </Form.Item>
      </AppForm>
      {forced ? (
        <Typography.Link
          onClick={async () => {
            await logout();
            navigate('/login', { replace: true });
          }}
        >
          {t('header.logout')}
        </Typography.Link>
      ) : (
        <Link to="/">{t('common.goHome')}</Link>
      )}
    </AuthCard>
  );
}
