import { Form, Input, Select, Tag } from 'antd';
import type { Member } from '@shangliang/contract';
import { Link } from 'react-router-dom';
import { useApi } from '../../platform/api/useApi.ts';
import { useT } from '../../platform/i18n/index.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { ListPage } from '../../platform/list/ListPage.tsx';
import { orgApi } from '../org/index.tsx';
import { membersApi, type MemberFilters } from './api.ts';

/** The member list: search by name or expertise, filter by body; staff export it. */
export default function MembersPage() {
  const t = useT();
  const bodies = useApi(() => orgApi.list({ kind: 'body', limit: 100 }), []);
  const gender = (m: Member) => t(m.gender === 'female' ? 'members.female' : 'members.male');
  return (
    <>
      <PageHeader title={t('members.title')} crumbs={[{ label: t('nav.home'), to: '/' }]} />
      <ListPage<Member, MemberFilters>
        label={t('members.title')}
        fetchPage={membersApi.list}
        initialFilters={{}}
        rowKey={(m) => m.id}
        emptyText={t('members.empty')}
        filterFields={
          <>
            <Form.Item name="q" label={t('members.search')}>
              <Input allowClear placeholder={t('members.search')} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="bodyId" label={t('members.body')}>
              <Select
                allowClear
                placeholder={t('members.allBodies')}
                style={{ width: 200 }}
                loading={bodies.loading}
                options={(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
              />
            </Form.Item>
          </>
        }
        columns={[
          {
            key: 'name',
            title: t('members.name'),
            dataIndex: 'name',
            render: (_v, m) => (
              <>
                <Link to={`/members/${m.id}`}>{m.name}</Link> {m.standing && <Tag color="red">{t('members.standing')}</Tag>}
              </>
            ),
          },
          { key: 'gender', title: t('members.gender'), dataIndex: 'gender', render: (_v, m) => gender(m) },
          { key: 'birthYear', title: t('members.birthYear'), dataIndex: 'birthYear' },
          { key: 'body', title: t('members.body'), dataIndex: 'bodyName' },
          { key: 'sector', title: t('members.sector'), dataIndex: 'sectorName' },
          { key: 'town', title: t('members.town'), dataIndex: 'townName' },
          { key: 'expertise', title: t('members.expertise'), dataIndex: 'expertise' },
        ]}
        renderMobileItem={(m) => (
          <div className="mobile-card">
            <div className="mobile-card-title">
              <Link to={`/members/${m.id}`}>{m.name}</Link> {m.standing && <Tag color="red">{t('members.standing')}</Tag>}
            </div>
            <div className="muted">
              {gender(m)} · {m.bodyName} · {m.sectorName ?? ''}
            </div>
            {m.expertise && <div>{m.expertise}</div>}
          </div>
        )}
        exportAs={{
          filename: 'members',
          columns: [
            { title: t('members.name'), value: (m) => m.name },
            { title: t('members.gender'), value: gender },
            { title: t('members.birthYear'), value: (m) => m.birthYear },
            { title: t('members.body'), value: (m) => m.bodyName },
            { title: t('members.sector'), value: (m) => m.sectorName },
            { title: t('members.town'), value: (m) => m.townName },
            { title: t('members.standing'), value: (m) => (m.standing ? t('common.yes') : t('common.no')) },
            { title: t('members.expertise'), value: (m) => m.expertise },
          ],
        }}
      />
    </>
  );
}
