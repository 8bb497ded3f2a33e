import { useState } from 'react';
import { App as AntApp, Button, Empty, Flex, Form, List, Modal, Select } from 'antd';
import { roles, type Role, type RoleGrant } from '@shangliang/contract';
import { useSession } from '../../platform/auth/session.tsx';
import { errorMessage } from '../../platform/errors.ts';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { useT } from '../../platform/i18n/index.tsx';
import { accountsApi, type AccountWithRoles } from './api.ts';
import { NodePicker } from '../org/index.tsx';

interface Values {
  role?: Role;
  nodeId?: string;
}

/** One account's role grants: revoke one, or grant another. */
export function RolesModal({ account, onClose, onChanged }: { account: AccountWithRoles; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { message, modal } = AntApp.useApp();
  const { me } = useSession();
  const [grants, setGrants] = useState<RoleGrant[]>(account.roles);
  const isAdmin = me?.roles.some((r) => r.role === 'admin') ?? false;
  const grantable = roles.filter((r) => r !== 'admin' || isAdmin);
  const labels = { role: t('accounts.grantRole'), nodeId: t('accounts.grantNode') };

  const revoke = (g: RoleGrant) =>
    modal.confirm({
      title: t('accounts.revoke'),
      content: t('accounts.revokeConfirm', { name: account.displayName, node: g.nodeName, role: t(`role.${g.role}`) }),
      okText: t('accounts.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await accountsApi.revoke(account.id, g.id);
          setGrants((gs) => gs.filter((x) => x.id !== g.id));
          void message.success(t('accounts.revoked'));
          onChanged();
        } catch (e) {
          void message.error(errorMessage(t, e));
        }
      },
    });

  return (
    <Modal
      open
      title={t('accounts.rolesTitle', { name: account.displayName })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={600}
    >
      <List
        size="small"
        dataSource={grants}
        rowKey="id"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('accounts.noRoles')} /> }}
        renderItem={(g) => (
          <List.Item
            actions={[
              <Button
                key="revoke"
                danger
                size="small"
                onClick={() => revoke(g)}
                aria-label={`${t('accounts.revoke')}: ${t(`role.${g.role}`)} · ${g.nodeName}`}
              >
                {t('accounts.revoke')}
              </Button>,
            ]}
          >
            {t(`role.${g.role}`)} · {g.nodeName}
          </List.Item>
        )}
        style={{ marginBottom: 16 }}
      />
      <AppForm<Values>
        form={form}
        name="grant-role"
        vertical
        labels={labels}
        submitLabel={t('accounts.grantSubmit')}
        onSubmit={async (v) => {
          const g = await accountsApi.grant(account.id, { role: v.role!, nodeId: v.nodeId! });
          setGrants((gs) => [...gs, g]);
          form.resetFields();
          void message.success(t('accounts.granted'));
          onChanged();
        }}
      >
        <Flex gap={8} wrap>
          <Form.Item name="role" label={labels.role} rules={[required(t, labels.role, true)]} style={{ flex: '1 1 160px' }}>
            <Select options={grantable.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Form.Item name="nodeId" label={labels.nodeId} rules={[required(t, labels.nodeId, true)]} style={{ flex: '2 1 240px' }}>
            <NodePicker />
          </Form.Item>
        </Flex>
      </AppForm>
    </Modal>
  );
}
