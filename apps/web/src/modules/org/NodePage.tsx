import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Input, List, Row, Tag, Typography } from 'antd';
import { EditOutlined, FolderOutlined, InboxOutlined, PlusOutlined } from '@ant-design/icons';
import type { OrgNode } from '@shangliang/contract';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useApi } from '../../platform/api/useApi.ts';
import { errorMessage } from '../../platform/errors.ts';
import { formatDate } from '../../platform/format.ts';
import { useLocale } from '../../platform/i18n/index.tsx';
import { PageLoading } from '../../platform/layout/AppLayout.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { useIsMobile } from '../../platform/layout/responsive.ts';
import { orgApi } from './api.ts';
import { kindLabel } from './labels.ts';
import { NodeFormModal } from './NodeFormModal.tsx';
import { OrgTree } from './OrgTree.tsx';

/** One node of the org tree: its parents, its details, its children, and what the person may change. */
export default function NodePage() {
  const { id = '' } = useParams();
  const { t, locale } = useLocale();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { message, modal } = AntApp.useApp();
  const { data: node, error, loading, reload } = useApi(() => orgApi.node(id), [id]);
  const [form, setForm] = useState<'create' | 'edit' | null>(null);
  const [treeVersion, setTreeVersion] = useState(0);

  const groups = useMemo(() => {
    const by = new Map<string, OrgNode[]>();
    for (const c of node?.children ?? []) by.set(c.kind, [...(by.get(c.kind) ?? []), c]);
    return [...by.entries()];
  }, [node]);

  if (loading && !node) return <PageLoading />;
  if (error || !node) return <Alert type="error" showIcon title={t('common.loadFailed', { reason: errorMessage(t, error) })} />;

  const crumbs = [{ label: t('nav.home'), to: '/' }, ...node.ancestors.map((a) => ({ label: a.name, to: `/org/${a.id}` }))];
  const parent = node.ancestors[node.ancestors.length - 1];

  const archive = () =>
    modal.confirm({
      title: t('org.archive'),
      content: t('org.archiveConfirm', { name: node.name }),
      okText: t('org.archive'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await orgApi.archive(node.id);
          void message.success(t('org.archivedDone'));
          setTreeVersion((v) => v + 1);
          navigate(parent ? `/org/${parent.id}` : '/org');
        } catch (e) {
          void message.error(errorMessage(t, e));
        }
      },
    });

  const actions = (
    <>
      {node.abilities.createChild && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm('create')}>
          {t('org.createChild')}
        </Button>
      )}
      {node.abilities.update && (
        <Button icon={<EditOutlined />} onClick={() => setForm('edit')}>
          {t('org.edit')}
        </Button>
      )}
      {node.abilities.archive && (
        <Button danger icon={<InboxOutlined />} onClick={archive}>
          {t('org.archive')}
        </Button>
      )}
    </>
  );

  return (
    <>
      <PageHeader title={node.name} crumbs={crumbs} backTo={parent ? `/org/${parent.id}` : '/'} extra={actions} />
      <Row gutter={[16, 16]}>
        {!mobile && (
          <Col md={9} xl={7}>
            <Card title={<h2 className="card-title">{t('org.tree')}</h2>} size="small">
              <OrgTree key={treeVersion} current={node} />
            </Card>
          </Col>
        )}
        <Col xs={24} md={15} xl={17}>
          <Card size="small" className="block">
            {node.archived && <Tag color="default">{t('org.archived')}</Tag>}
            <Descriptions column={1} size="small" labelStyle={{ minWidth: 72 }}>
              <Descriptions.Item label={t('org.kind')}>{kindLabel(t, node)}</Descriptions.Item>
              {parent && (
                <Descriptions.Item label={t('org.parents')}>
                  <Link to={`/org/${parent.id}`}>{parent.name}</Link>
                </Descriptions.Item>
              )}
              {node.address && <Descriptions.Item label={t('org.address')}>{node.address}</Descriptions.Item>}
              {node.description && <Descriptions.Item label={t('org.description')}>{node.description}</Descriptions.Item>}
              <Descriptions.Item label={t('org.updatedAt')}>{formatDate(node.updatedAt, locale)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <NodeSearch />
          <Card title={<h2 className="card-title">{t('org.children')}</h2>} size="small" className="block">
            {groups.length === 0 && (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  <span className="empty-text">
                    {node.abilities.createChild ? t('org.childrenEmptyCanCreate') : t('org.childrenEmpty')}
                  </span>
                }
              />
            )}
            {groups.map(([kind, children]) => (
              <ChildGroup key={kind} kind={kind as OrgNode['kind']} items={children} />
            ))}
          </Card>
        </Col>
      </Row>
      {form && (
        <NodeFormModal
          mode={form}
          node={node}
          onClose={() => setForm(null)}
          onDone={(createdId) => {
            setForm(null);
            setTreeVersion((v) => v + 1);
            if (createdId) navigate(`/org/${createdId}`);
            else reload();
          }}
        />
      )}
    </>
  );
}

const FOLDED = 8;

/** The children of one kind; long groups show the first few until opened. */
function ChildGroup({ kind, items }: { kind: OrgNode['kind']; items: OrgNode[] }) {
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  const shown = open ? items : items.slice(0, FOLDED);
  return (
    <section className="child-group">
      <h3 className="group-title">
        {kindLabel(t, { kind, subkind: null })} <span className="count">({items.length})</span>
      </h3>
      <List
        size="small"
        dataSource={shown}
        rowKey="id"
        renderItem={(c) => (
          <List.Item>
            <Link to={`/org/${c.id}`} className="node-link">
              <FolderOutlined aria-hidden /> {c.name}
            </Link>
            {c.subkind && <Tag>{kindLabel(t, c)}</Tag>}
          </List.Item>
        )}
      />
      {items.length > FOLDED && (
        <Button type="link" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? t('org.showFewer') : t('org.showAll', { count: items.length })}
        </Button>
      )}
    </section>
  );
}

/** Finds a node anywhere in the tree by name. */
function NodeSearch() {
  const { t } = useLocale();
  const [q, setQ] = useState('');
  const { data, loading } = useApi(() => (q ? orgApi.list({ q, limit: 20 }) : Promise.resolve(null)), [q]);
  return (
    <Card size="small" className="block">
      <Input.Search
        aria-label={t('org.search')}
        placeholder={t('org.search')}
        allowClear
        enterButton={t('common.search')}
        onSearch={(v) => setQ(v.trim())}
        loading={loading && Boolean(q)}
      />
      {q && data && (
        <List
          size="small"
          header={
            <Typography.Text strong>
              {t('org.searchResults')} · {t('common.total', { total: data.total })}
            </Typography.Text>
          }
          dataSource={data.items}
          rowKey="id"
          locale={{ emptyText: t('org.childrenEmpty') }}
          renderItem={(n) => (
            <List.Item>
              <Link to={`/org/${n.id}`}>{n.name}</Link>
              <Tag>{kindLabel(t, n)}</Tag>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
