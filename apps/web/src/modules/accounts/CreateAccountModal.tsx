import { App as AntApp, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { roles, type Role } from '@shangliang/contract';
import { useSession } from '../../platform/auth/session.tsx';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { useT } from '../../platform/i18n/index.tsx';
import { accountsApi } from './api.ts';
import { NodePicker } from '../org/index.tsx';

interface Values {
  username?: string;
  phone?: string;
  displayName: string;
  initialPassword: string;
  grants: { role?: Role; nodeId?: string }[];
}

/** Staff open an account with a first password and its roles. */
export function CreateAccountModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { me } = useSession();
  // Only an admin may make another admin: do not offer what the server would refuse.
  const isAdmin = me?.roles.some((r) => r.role === 'admin') ?? false;
  const grantable = roles.filter((r) => r !== 'admin' || isAdmin);
  const labels = {
    username: t('accounts.username'),
    phone: t('accounts.phone'),
    displayName: t('accounts.displayName'),
    initialPassword: t('accounts.initialPassword'),
    role: t('accounts.grantRole'),
    nodeId: t('accounts.grantNode'),
  };
  return (
    <Modal open title={t('accounts.createTitle')} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      <AppForm<Values>
        form={form}
        name="create-account"
        vertical
        labels={labels}
        submitLabel={t('common.create')}
        onCancel={onClose}
        initialValues={{ grants: [{}] }}
        onSubmit={async (v) => {
          await accountsApi.create({
            username: v.username?.trim() || undefined,
            phone: v.phone?.trim() || undefined,
            displayName: v.displayName.trim(),
            initialPassword: v.initialPassword,
            grants: v.grants.filter((g) => g.role && g.nodeId).map((g) => ({ role: g.role!, nodeId: g.nodeId! })),
          });
          void message.success(t('accounts.createdDone'));
          onDone();
        }}
      >
        <Form.Item
          name="displayName"
          label={labels.displayName}
          rules={[required(t, labels.displayName), { max: 32, message: t('validation.maxLength', { max: 32 }) }]}
        >
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('accounts.usernameOrPhone')}</Typography.Paragraph>
        <Flex gap={16} wrap>
          <Form.Item
            name="username"
            label={labels.username}
            style={{ flex: '1 1 200px' }}
            rules={[{ pattern: /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, message: t('validation.username') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={labels.phone}
            style={{ flex: '1 1 200px' }}
            dependencies={['username']}
            rules={[
              { pattern: /^1[3-9]\d{9}$/, message: t('validation.phone') },
              ({ getFieldValue }) => ({
                validator: (_r, value) =>
                  value || getFieldValue('username') ? Promise.resolve() : Promise.reject(new Error(t('validation.usernameOrPhone'))),
              }),
            ]}
          >
            <Input inputMode="numeric" maxLength={11} autoComplete="off" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="initialPassword"
          label={labels.initialPassword}
          extra={t('accounts.initialPasswordHint')}
          rules={[required(t, labels.initialPassword), { min: 8, message: t('validation.passwordMin') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.List name="grants">
          {(fields, { add, remove }) => (
            <fieldset className="grants">
              <legend>{t('accounts.roles')}</legend>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start" wrap>
                  <Form.Item
                    name={[f.name, 'role']}
                    label={labels.role}
                    rules={[required(t, labels.role, true)]}
                    style={{ flex: '1 1 160px' }}
                  >
                    <Select options={grantable.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'nodeId']}
                    label={labels.nodeId}
                    rules={[required(t, labels.nodeId, true)]}
                    style={{ flex: '2 1 240px' }}
                  >
                    <NodePicker />
                  </Form.Item>
                  <Button
                    type="text"
                    aria-label={t('accounts.removeGrant')}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                    style={{ marginTop: 30 }}
                  />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('accounts.addGrant')}
              </Button>
            </fieldset>
          )}
        </Form.List>
      </AppForm>
    </Modal>
  );
}
