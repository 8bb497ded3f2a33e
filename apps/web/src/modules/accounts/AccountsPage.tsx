import { useState } from 'react';
import { Button, Form, Input, Select, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { roles } from '@shangliang/contract';
import { formatDateTime } from '../../platform/format.ts';
import { useT } from '../../platform/i18n/index.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { ListPage } from '../../platform/list/ListPage.tsx';
import { accountsApi, type AccountFilters, type AccountWithRoles } from './api.ts';
import { CreateAccountModal } from './CreateAccountModal.tsx';
import { RolesModal } from './RolesModal.tsx';

/** Accounts holding roles in the part of the organisation the person manages. */
export default function AccountsPage() {
  const t = useT();
  const [creating, setCreating] = useState(false);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<AccountWithRoles | null>(null);
  const rolesText = (a: AccountWithRoles) => a.roles.map((g) => `${t(`role.${g.role}`)} · ${g.nodeName}`);
  return (
    <>
      <PageHeader
        title={t('accounts.title')}
        crumbs={[{ label: t('nav.home'), to: '/' }]}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('accounts.create')}
          </Button>
        }
      />
      <ListPage<AccountWithRoles, AccountFilters>
        label={t('accounts.title')}
        fetchPage={accountsApi.list}
        initialFilters={{}}
        reloadKey={version}
        rowKey={(a) => a.id}
        emptyText={t('accounts.empty')}
        filterFields={
          <>
            <Form.Item name="q" label={t('accounts.search')}>
              <Input allowClear placeholder={t('accounts.search')} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="role" label={t('accounts.role')}>
              <Select
                allowClear
                placeholder={t('accounts.allRoles')}
                style={{ width: 160 }}
                options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              />
            </Form.Item>
          </>
        }
        columns={[
          { key: 'displayName', title: t('accounts.displayName'), dataIndex: 'displayName' },
          { key: 'username', title: t('accounts.username'), dataIndex: 'username', render: (v: string | null) => v ?? t('common.none') },
          { key: 'phone', title: t('accounts.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? t('common.none') },
          {
            key: 'roles',
            title: t('accounts.roles'),
            dataIndex: 'roles',
            render: (_v, a) => (
              <Space size={[4, 4]} wrap>
                {rolesText(a).map((r) => (
                  <Tag key={r}>{r}</Tag>
                ))}
              </Space>
            ),
          },
          {
            key: 'status',
            title: t('accounts.status'),
            dataIndex: 'status',
            render: (_v, a) => (
              <Space size={4} wrap>
                <Tag color={a.status === 'active' ? '#2E7D32' : '#595959'}>
                  {t(a.status === 'active' ? 'accounts.active' : 'accounts.disabled')}
                </Tag>
                {a.mustChangePassword && <Tag color="#A15C00">{t('accounts.mustChange')}</Tag>}
              </Space>
            ),
          },
          { key: 'createdAt', title: t('accounts.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_v, a) => (
              <Button size="small" onClick={() => setEditing(a)} aria-label={`${t('accounts.manageRoles')}: ${a.displayName}`}>
                {t('accounts.manageRoles')}
              </Button>
            ),
          },
        ]}
        exportAs={{
          filename: 'accounts',
          columns: [
            { title: t('accounts.displayName'), value: (a) => a.displayName },
            { title: t('accounts.username'), value: (a) => a.username },
            { title: t('accounts.phone'), value: (a) => a.phone },
            { title: t('accounts.roles'), value: (a) => rolesText(a).join('；') },
            { title: t('accounts.status'), value: (a) => t(a.status === 'active' ? 'accounts.active' : 'accounts.disabled') },
            { title: t('accounts.createdAt'), value: (a) => formatDateTime(a.createdAt) },
          ],
        }}
      />
      {editing && <RolesModal account={editing} onClose={() => setEditing(null)} onChanged={() => setVersion((v) => v + 1)} />}
      {creating && (
        <CreateAccountModal
          onClose={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </>
  );
}
