import { useState } from 'react';
import { App as AntApp, Badge, Button, Form, Select } from 'antd';
import type { Notification } from '@shangliang/contract';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../platform/errors.ts';
import { formatDateTime } from '../../platform/format.ts';
import { useT } from '../../platform/i18n/index.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { ListPage } from '../../platform/list/ListPage.tsx';
import { notificationsApi } from './api.ts';

/** The inbox: invitations, meeting notices, topic progress, assignments and feedback. */
export default function NotificationsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [reloadKey, setReloadKey] = useState(0);
  const open = async (n: Notification) => {
    if (!n.read) await notificationsApi.read(n.id).catch(() => undefined);
    if (n.link) navigate(n.link);
    else setReloadKey((k) => k + 1);
  };
  const item = (n: Notification) => (
    <div className="mobile-card">
      <div className="mobile-card-title">
        {!n.read && <Badge status="error" text={<span className="sr-only">{t('inbox.unread')}</span>} />}{' '}
        <Button type="link" className="inline-link" onClick={() => open(n)}>
          {n.title}
        </Button>
      </div>
      <div className="pre-wrap">{n.body}</div>
      <div className="muted">{formatDateTime(n.createdAt)}</div>
    </div>
  );
  return (
    <>
      <PageHeader
        title={t('inbox.title')}
        crumbs={[{ label: t('nav.home'), to: '/' }]}
        extra={
          <Button
            onClick={async () => {
              try {
                await notificationsApi.readAll();
                setReloadKey((k) => k + 1);
              } catch (e) {
                void message.error(errorMessage(t, e));
              }
            }}
          >
            {t('inbox.readAll')}
          </Button>
        }
      />
      <ListPage<Notification, { unreadOnly?: 'true' }>
        label={t('inbox.title')}
        fetchPage={notificationsApi.list}
        initialFilters={{}}
        reloadKey={reloadKey}
        rowKey={(n) => n.id}
        emptyText={t('inbox.empty')}
        filterFields={
          <Form.Item name="unreadOnly" label={t('inbox.show')}>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('common.all')}
              options={[{ value: 'true', label: t('inbox.unreadOnly') }]}
            />
          </Form.Item>
        }
        columns={[{ key: 'n', title: t('inbox.message'), render: (_v, n) => item(n) }]}
        renderMobileItem={item}
      />
    </>
  );
}
