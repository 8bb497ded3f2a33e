import { useEffect, useState } from 'react';
import { DatePicker, Form, Select, Typography } from 'antd';
import type { AuditEntry } from '@shangliang/contract';
import type { Dayjs } from 'dayjs';
import { formatDateTime } from '../../platform/format.ts';
import { isMessageKey, useT, type Translate } from '../../platform/i18n/index.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { useIsMobile } from '../../platform/layout/responsive.ts';
import { ListPage } from '../../platform/list/ListPage.tsx';
import { accountsApi, type AccountWithRoles } from '../accounts/index.tsx';
import { auditApi, type AuditFilters } from './api.ts';

const entities = ['org_node', 'account', 'role_grant', 'platform'];

const word = (t: Translate, prefix: string, v: string) => {
  const key = `${prefix}.${v}`;
  return isMessageKey(key) ? t(key) : v;
};

/** The name of what an entry is about, read from its before/after record when it has one. */
function targetName(e: AuditEntry): string | null {
  for (const rec of [e.after, e.before]) {
    if (rec && typeof rec === 'object') {
      const r = rec as Record<string, unknown>;
      const name = r.name ?? r.displayName ?? r.username;
      if (typeof name === 'string' && name) return name;
    }
  }
  return null;
}

/** JSON shown as it was stored, indented. */
function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

/** Chooses a person by typing part of their name. */
function ActorPicker({ value, onChange, id }: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const t = useT();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<AccountWithRoles[]>([]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      accountsApi
        .list({ q: q || undefined }, null, 20)
        .then((p) => live && setOptions(p.items))
        .catch(() => live && setOptions([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder={t('audit.actorPlaceholder')}
      style={{ width: 180 }}
      options={options.map((a) => ({ value: a.id, label: a.displayName }))}
    />
  );
}

/** The audit log, filtered by record type, person and dates; before and after shown per row. */
export default function AuditPage() {
  const t = useT();
  // A range picker shows two months side by side: too wide for a phone, so two dates there.
  const mobile = useIsMobile();
  return (
    <>
      <PageHeader title={t('audit.title')} crumbs={[{ label: t('nav.home'), to: '/' }]} />
      <ListPage<AuditEntry, AuditFilters>
        label={t('audit.title')}
        fetchPage={auditApi.list}
        initialFilters={{}}
        toFilters={(v) => {
          const range = (v.range as [Dayjs | null, Dayjs | null] | undefined) ?? [v.from as Dayjs | null, v.to as Dayjs | null];
          return {
            entity: v.entity as string | undefined,
            actorId: v.actorId as string | undefined,
            from: range?.[0]?.startOf('day').toISOString(),
            to: range?.[1]?.endOf('day').toISOString(),
          };
        }}
        rowKey={(e) => e.id}
        emptyText={t('audit.empty')}
        filterFields={
          <>
            <Form.Item name="entity" label={t('audit.entity')}>
              <Select
                allowClear
                placeholder={t('audit.allEntities')}
                style={{ width: 140 }}
                options={entities.map((e) => ({ value: e, label: word(t, 'audit.entity', e) }))}
              />
            </Form.Item>
            <Form.Item name="actorId" label={t('audit.actor')}>
              <ActorPicker />
            </Form.Item>
            {mobile ? (
              <>
                <Form.Item name="from" label={t('audit.from')}>
                  <DatePicker inputReadOnly />
                </Form.Item>
                <Form.Item name="to" label={t('audit.to')}>
                  <DatePicker inputReadOnly />
                </Form.Item>
              </>
            ) : (
              <Form.Item name="range" label={t('audit.dateRange')}>
                <DatePicker.RangePicker allowEmpty={[true, true]} />
              </Form.Item>
            )}
          </>
        }
        columns={[
          { key: 'at', title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
          { key: 'actor', title: t('audit.actor'), dataIndex: 'actorName', render: (v: string | null) => v ?? t('audit.system') },
          { key: 'action', title: t('audit.action'), dataIndex: 'action', render: (v: string) => word(t, 'audit.action', v) },
          {
            key: 'entity',
            title: t('audit.target'),
            dataIndex: 'entity',
            render: (_v, e) => (
              <>
                {word(t, 'audit.entity', e.entity)} {targetName(e) ?? <Typography.Text code>{e.entityId.slice(-8)}</Typography.Text>}
              </>
            ),
          },
          { key: 'ip', title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? t('common.none') },
        ]}
        expandable={{
          rowExpandable: (e) => e.before !== null || e.after !== null,
          expandedRowRender: (e) => (
            <div className="before-after">
              <div>
                <div className="group-title">{t('audit.before')}</div>
                <Json value={e.before} />
              </div>
              <div>
                <div className="group-title">{t('audit.after')}</div>
                <Json value={e.after} />
              </div>
            </div>
          ),
        }}
        renderMobileItem={(e) => (
          <div className="mobile-card">
            <div className="mobile-card-title">
              {word(t, 'audit.action', e.action)} · {word(t, 'audit.entity', e.entity)} {targetName(e) ?? ''}
            </div>
            <div className="muted">
              {formatDateTime(e.at)} · {e.actorName ?? t('audit.system')}
            </div>
            {(e.before !== null || e.after !== null) && (
              <details>
                <summary>
                  {t('audit.before')} / {t('audit.after')}
                </summary>
                <Json value={e.before} />
                <Json value={e.after} />
              </details>
            )}
          </div>
        )}
        exportAs={{
          filename: 'audit',
          columns: [
            { title: t('audit.at'), value: (e) => formatDateTime(e.at) },
            { title: t('audit.actor'), value: (e) => e.actorName ?? t('audit.system') },
            { title: t('audit.action'), value: (e) => word(t, 'audit.action', e.action) },
            { title: t('audit.entity'), value: (e) => word(t, 'audit.entity', e.entity) },
            { title: t('audit.target'), value: (e) => targetName(e) },
            { title: 'ID', value: (e) => e.entityId },
            { title: t('audit.ip'), value: (e) => e.ip },
            { title: t('audit.before'), value: (e) => (e.before === null ? '' : JSON.stringify(e.before)) },
            { title: t('audit.after'), value: (e) => (e.after === null ? '' : JSON.stringify(e.after)) },
          ],
        }}
      />
    </>
  );
}
