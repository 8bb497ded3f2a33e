import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Flex, Form, Input, InputNumber, Modal, Segmented, Space, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { STATEMENT_MAX } from '@shangliang/contract';
import { ApiError } from '../../platform/api/client.ts';
import { useSession } from '../../platform/auth/session.tsx';
import { formatDateTime } from '../../platform/format.ts';
import { useT } from '../../platform/i18n/index.tsx';
import { useIsMobile } from '../../platform/layout/responsive.ts';
import { download, toCsv } from '../../platform/list/csv.ts';
import type { deliberationsApi } from '../deliberations/index.tsx';
import { liveApi, type Statement, type VoteCounts } from './api.ts';
import { mayAct } from './actions.ts';
import { liveError } from './errors.ts';
import { CountsBar, StatementStateTag } from './parts.tsx';
import { PromoteButton, type Promoted } from './promote.tsx';
import type { UseLive } from './useLive.ts';

type Deliberation = Awaited<ReturnType<typeof deliberationsApi.get>>;
type Filter = 'all' | Statement['state'];

/** The convener's statements: seed them, moderate them, enter the room's show of hands, promote consensus. */
export function StatementsPanel({ live, d, promoted }: { live: UseLive; d: Deliberation; promoted: Promoted }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const { me } = useSession();
  const s = live.state.session!;
  const mobile = useIsMobile();
  // Only the room's convener and staff run the session; others (leaders) watch.
  const open = s.state === 'open' && !!s.abilities.run;
  const [filter, setFilter] = useState<Filter>('all');
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [hands, setHands] = useState<Statement | null>(null);
  const consensus = useMemo(
    () => new Set((live.state.map?.consensus ?? []).filter((c) => c.direction === 'agree').map((c) => c.statementId)),
    [live.state.map],
  );
  const rows = useMemo(
    () =>
      [...live.state.statements]
        .filter((x) => (filter === 'all' || x.state === filter) && (!q || x.text.includes(q.trim())))
        .sort((a, b) => (a.state === 'pending' ? -1 : 0) - (b.state === 'pending' ? -1 : 0) || b.createdAt.localeCompare(a.createdAt)),
    [live.state.statements, filter, q],
  );
  const count = (st: Filter) => (st === 'all' ? live.state.statements.length : live.state.statements.filter((x) => x.state === st).length);

  const moderate = async (st: Statement, decision: 'publish' | 'reject' | 'withdraw') => {
    setBusy(`${decision}${st.id}`);
    try {
      live.put({ statement: await liveApi.moderate(s.id, st.id, decision) });
      void message.success(t(`live.moderate.done.${decision}`));
    } catch (e) {
      void message.error(liveError(t, e));
    } finally {
      setBusy(null);
    }
  };

  const current = s.currentStatementId;
  const putBeforeRoom = async (statementId: string | null) => {
    setBusy(`current${statementId ?? ''}`);
    try {
      await liveApi.setCurrent(s.id, statementId);
      await live.reloadSession();
    } catch (e) {
      void message.error(liveError(t, e));
    } finally {
      setBusy(null);
    }
  };

  /** The statement with its marks (on screen, seeded, consensus). */
  const textOf = (x: Statement) => (
    <div className="mobile-card">
      <div>{x.text}</div>
      <Space size={4} wrap>
        {x.id === current && (
          <Tag color="red" data-testid="current-tag">
            {t('live.current.tag')}
          </Tag>
        )}
        {x.origin === 'seed' && <Tag>{t('live.statement.seed')}</Tag>}
        {consensus.has(x.id) && <Tag color="green">{t('live.statement.consensus')}</Tag>}
      </Space>
    </div>
  );
  /** What the convener may do with a statement now. */
  const actionsOf = (x: Statement) => (
    <Space wrap size={4}>
      {open && mayAct(s, 'statement', x, 'publish') && (
        <Button size="small" type="primary" loading={busy === `publish${x.id}`} onClick={() => moderate(x, 'publish')}>
          {t('live.moderate.publish')}
        </Button>
      )}
      {open && mayAct(s, 'statement', x, 'reject') && (
        <Button size="small" loading={busy === `reject${x.id}`} onClick={() => moderate(x, 'reject')}>
          {t('live.moderate.reject')}
        </Button>
      )}
      {open && mayAct(s, 'statement', x, 'withdraw') && (
        <Button size="small" danger loading={busy === `withdraw${x.id}`} onClick={() => moderate(x, 'withdraw')}>
          {t('live.moderate.withdraw')}
        </Button>
      )}
      {open && x.state === 'published' && s.kind !== 'online' && (
        <Button
          size="small"
          loading={busy === `current${x.id === current ? '' : x.id}`}
          onClick={() => putBeforeRoom(x.id === current ? null : x.id)}
        >
          {t(x.id === current ? 'live.current.clear' : 'live.current.set')}
        </Button>
      )}
      {open && x.state === 'published' && s.kind !== 'online' && (
        <Button size="small" onClick={() => setHands(x)}>
          {t('live.hands.enter')}
        </Button>
      )}
      {consensus.has(x.id) && s.abilities.run && (
        <PromoteButton sessionId={s.id} deliberationId={d.id} statementId={x.id} text={x.text} promoted={promoted} />
      )}
    </Space>
  );

  const exportCsv = () => {
    const who = t('list.exportedBy', { name: me?.account.displayName ?? '', at: formatDateTime(new Date().toISOString()) });
    download(
      `${s.title}-${t('live.console.tabStatements')}.csv`,
      toCsv([
        [who],
        [
          t('live.col.statement'),
          t('live.col.state'),
          t('live.vote.agree'),
          t('live.vote.disagree'),
          t('live.vote.pass'),
          t('live.col.hands'),
          t('live.col.consensus'),
          t('live.col.createdAt'),
        ],
        ...rows.map((x) => [
          x.text,
          t(`live.statement.${x.state}`),
          x.counts.agree,
          x.counts.disagree,
          x.counts.pass,
          x.hands ? `${x.hands.agree}/${x.hands.disagree}/${x.hands.pass}` : '',
          consensus.has(x.id) ? t('common.yes') : '',
          formatDateTime(x.createdAt),
        ]),
      ]),
    );
  };

  return (
    <>
      {open && s.abilities.seed && <SeedForm live={live} report={d.researchReport} />}
      <Card
        size="small"
        title={
          <h3 className="card-title">
            {t('live.console.statementsTitle', { n: live.state.statements.length, consensus: consensus.size })}
          </h3>
        }
        extra={
          <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!rows.length}>
            {t('common.export')}
          </Button>
        }
      >
        <Flex gap={8} wrap className="filter-bar block">
          <div className="segmented-scroll">
            <Segmented
              aria-label={t('live.col.state')}
              value={filter}
              onChange={(v) => setFilter(v as Filter)}
              options={(['all', 'pending', 'published', 'rejected', 'withdrawn'] as const).map((f) => ({
                value: f,
                label: `${f === 'all' ? t('common.all') : t(`live.statement.${f}`)} ${count(f)}`,
              }))}
            />
          </div>
          <Input.Search
            allowClear
            placeholder={t('live.console.search')}
            aria-label={t('live.console.search')}
            onSearch={setQ}
            onChange={(e) => !e.target.value && setQ('')}
            style={{ maxWidth: 280 }}
          />
        </Flex>
        <Table<Statement>
          rowKey="id"
          size="middle"
          dataSource={rows}
          pagination={{ pageSize: 10, showTotal: (n) => t('common.total', { total: n }), hideOnSinglePage: false }}
          locale={{
            emptyText: (
              <span className="empty-text">{t(open ? 'live.console.statementsEmpty' : 'live.console.statementsEmptyClosed')}</span>
            ),
          }}
          rowClassName={(x) => (x.id === (current ?? live.state.activeStatementId) ? 'row-active' : '')}
          onRow={(x) => ({ 'data-testid': 'statement-row', 'data-state': x.state }) as React.HTMLAttributes<HTMLElement>}
          columns={
            mobile
              ? [
                  {
                    title: t('live.col.statement'),
                    render: (_: unknown, x: Statement) => (
                      <Flex vertical gap={8} className="mobile-card">
                        {textOf(x)}
                        <div>
                          <StatementStateTag state={x.state} />
                        </div>
                        <CountsBar counts={x.counts} hands={x.hands} />
                        {s.abilities.run && actionsOf(x)}
                      </Flex>
                    ),
                  },
                ]
              : [
                  { title: t('live.col.statement'), dataIndex: 'text', render: (_: unknown, x: Statement) => textOf(x) },
                  {
                    title: t('live.col.state'),
                    dataIndex: 'state',
                    width: 100,
                    render: (_: unknown, x: Statement) => <StatementStateTag state={x.state} />,
                  },
                  {
                    title: t('live.col.votes'),
                    width: 240,
                    render: (_: unknown, x: Statement) => <CountsBar counts={x.counts} hands={x.hands} />,
                  },
                  ...(!s.abilities.run
                    ? []
                    : [{ title: t('common.actions'), width: 300, render: (_: unknown, x: Statement) => actionsOf(x) }]),
                ]
          }
        />
      </Card>
      {hands && <HandsModal live={live} statement={hands} onClose={() => setHands(null)} />}
    </>
  );
}

/** Staff seed statements, one a line (e.g. from the research report). */
function SeedForm({ live, report }: { live: UseLive; report: string | null }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const s = live.state.session!;
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const long = lines.findIndex((l) => l.length > STATEMENT_MAX);
  const submit = async () => {
    if (!lines.length) return setError(t('live.seed.empty'));
    if (long >= 0) return setError(t('live.seed.lineTooLong', { line: long + 1, max: STATEMENT_MAX }));
    setBusy(true);
    setError(null);
    try {
      const r = await liveApi.seed(s.id, lines);
      for (const st of r.items) live.put({ statement: st });
      setText('');
      void message.success(t('live.seed.done', { n: r.items.length }));
    } catch (e) {
      const issue = e instanceof ApiError ? e.details.find((x) => /^body\.texts\.\d+$/.test(x.field)) : undefined;
      const line = issue ? Number(issue.field.split('.').pop()) + 1 : null;
      setError(line ? t('live.seed.lineError', { line, reason: liveError(t, e) }) : liveError(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" className="block" title={<h3 className="card-title">{t('live.seed.title')}</h3>}>
      <Form layout="vertical">
        <Form.Item
          label={t('live.seed.label')}
          htmlFor="seed-text"
          extra={t('live.seed.hint', { max: STATEMENT_MAX })}
          validateStatus={error ? 'error' : undefined}
          help={error ?? undefined}
        >
          <Input.TextArea
            id="seed-text"
            rows={4}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
          />
        </Form.Item>
        <Space wrap>
          <Button type="primary" onClick={submit} loading={busy} disabled={busy}>
            {t('live.seed.submit', { n: lines.length })}
          </Button>
          {report && (
            <Button
              onClick={() =>
                setText(
                  report
                    .split(/[。；;\n]/)
                    .map((x) => x.trim())
                    .filter(Boolean)
                    .slice(0, 20)
                    .join('\n'),
                )
              }
            >
              {t('live.seed.fromReport')}
            </Button>
          )}
        </Space>
      </Form>
    </Card>
  );
}

/** The room's show-of-hands counts on a statement, for people without phones. */
function HandsModal({ live, statement, onClose }: { live: UseLive; statement: Statement; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const s = live.state.session!;
  const [v, setV] = useState<VoteCounts>(statement.hands ?? { agree: 0, disagree: 0, pass: 0 });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      live.put({ statement: await liveApi.hands(s.id, statement.id, v) });
      void message.success(t('live.hands.saved'));
      onClose();
    } catch (e) {
      setError(liveError(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('live.hands.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={save}
      onCancel={onClose}
    >
      <p className="pre-wrap">{statement.text}</p>
      <p className="muted">{t('live.hands.intro')}</p>
      {error && <Alert type="error" showIcon title={error} className="block" />}
      <Form layout="vertical">
        <Space wrap>
          {(['agree', 'disagree', 'pass'] as const).map((k) => (
            <Form.Item key={k} label={t(`live.vote.${k}`)} htmlFor={`hands-${k}`}>
              <InputNumber id={`hands-${k}`} min={0} max={10000} value={v[k]} onChange={(n) => setV({ ...v, [k]: n ?? 0 })} />
            </Form.Item>
          ))}
        </Space>
      </Form>
    </Modal>
  );
}
