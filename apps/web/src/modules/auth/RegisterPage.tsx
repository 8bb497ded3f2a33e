import { App as AntApp, Form, Input, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../../platform/auth/session.tsx';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { useT } from '../../platform/i18n/index.tsx';
import { AuthCard } from './AuthCard.tsx';

interface Values {
  phone: string;
  displayName: string;
  password: string;
  confirm: string;
}

/** Light registration for residents: phone, name, password; says why and who sees them. */
export default function RegisterPage() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { register } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();

  return (
    <AuthCard title={t('register.title')}>
      <Typography.Paragraph>{t('register.intro')}</Typography.Paragraph>
      <AppForm<Values>
        form={form}
        name="register"
        vertical
        blockSubmit
        submitLabel={t('register.submit')}
        submittingLabel={t('register.submitting')}
        labels={{ phone: t('register.phone'), displayName: t('register.displayName'), password: t('register.password') }}
        onSubmit={async (v) => {
          await register({ phone: v.phone.trim(), displayName: v.displayName.trim(), password: v.password });
          void message.success(t('register.done'));
          navigate('/', { replace: true });
        }}
      >
        <Form.Item
          name="phone"
          label={t('register.phone')}
          extra={t('register.phoneWhy')}
          rules={[required(t, t('register.phone')), { pattern: /^1[3-9]\d{9}$/, message: t('validation.phone') }]}
        >
          <Input size="large" inputMode="numeric" autoComplete="tel" maxLength={11} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('register.displayName')}
          extra={t('register.displayNameWhy')}
          rules={[required(t, t('register.displayName')), { max: 32, message: t('validation.maxLength', { max: 32 }) }]}
        >
          <Input size="large" autoComplete="name" maxLength={32} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('register.password')}
          extra={t('register.passwordHint')}
          rules={[required(t, t('login.password')), { min: 8, message: t('validation.passwordMin') }]}
        >
          <Input.Password size="large" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('register.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.confirm') },
            ({ getFieldValue }) => ({
              validator: (_r, value) =>
                !value || value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('validation.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password size="large" autoComplete="new-password" />
        </Form.Item>
        <Typography.Paragraph type="secondary" className="small-note">
          {t('register.privacy')}
        </Typography.Paragraph>
      </AppForm>
      <Typography.Paragraph>
        {t('register.haveAccount')} <Link to="/login">{t('register.loginLink')}</Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
