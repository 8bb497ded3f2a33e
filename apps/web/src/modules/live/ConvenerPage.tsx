import { useEffect, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Popconfirm,
  Radio,
  Segmented,
  Skeleton,
  Space,
  Tabs,
  Tag,
} from 'antd';
import { DesktopOutlined, LinkOutlined, MinusCircleOutlined, MobileOutlined, PlusOutlined } from '@ant-design/icons';
import { joinPolicies, liveSessionKinds, moderationModes } from '@shangliang/contract';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useApi } from '../../platform/api/useApi.ts';
import { errorMessage } from '../../platform/errors.ts';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { formatDateTime } from '../../platform/format.ts';
import { useT } from '../../platform/i18n/index.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { deliberationsApi } from '../deliberations/index.tsx';
import { liveApi, type LiveSession } from './api.ts';
import { liveError } from './errors.ts';
import { OpinionMap } from './OpinionMap.tsx';
import { ConnectionTag, RevokedNotice } from './parts.tsx';
import { PollsPanel } from './PollsPanel.tsx';
import { PromoteButton, usePromoted } from './promote.tsx';
import { QueuePanel } from './QueuePanel.tsx';
import { StatementsPanel } from './StatementsPanel.tsx';
import { useLive } from './useLive.ts';
import { VenuesPanel } from './VenuesPanel.tsx';

type Deliberation = Awaited<ReturnType<typeof deliberationsApi.get>>;

/**
 * The convener's console of a deliberation's live session (desktop): open one (online, hybrid or
 * remote; who may join; moderation before or after), then run it: statements, the speaker queue,
 * polls, venues and the opinion map, from which consensus statements go into the recommendations.
 */
export default function ConvenerPage() {
  const { id = '' } = useParams();
  const t = useT();
  const [params, setParams] = useSearchParams();
  const d = useApi(() => deliberationsApi.get(id), [id]);
  const sessions = useApi(() => liveApi.list(id), [id]);
  const del = d.data;
  const items = sessions.data?.items ?? [];
  const chosen = params.get('session');
  const current = items.find((s) => s.id === chosen) ?? items.find((s) => s.state === 'open');

  return (
    <>
      <PageHeader
        title={current ? t(`live.kind.${current.kind}`) : t('live.console.title')}
        crumbs={[
          { label: t('nav.home'), to: '/' },
          ...(del
            ? [
                { label: del.roomName, to: `/rooms/${del.roomId}` },
                { label: del.title, to: `/deliberations/${id}?tab=meeting` },
              ]
            : []),
        ]}
        backTo={`/deliberations/${id}?tab=meeting`}
      />
      {d.error || sessions.error ? (
        <Alert type="error" showIcon title={errorMessage(t, d.error ?? sessions.error)} />
      ) : !del || !sessions.data ? (
        <Skeleton active />
      ) : current ? (
        <Console key={current.id} sessionId={current.id} d={del} onClosed={sessions.reload} />
      ) : !(del.abilities.update || del.abilities.recordSpeech || del.nextActions.length > 0) ? (
        <Card className="block">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="empty-text">{t('live.console.none')}</span>} />
        </Card>
      ) : (
        <OpenSession
          d={del}
          onOpened={(s) => {
            sessions.reload();
            setParams({ session: s.id }, { replace: true });
          }}
        />
      )}
      {sessions.data && items.some((s) => s.id !== current?.id) && (
        <Card size="small" className="block" title={<h2 className="card-title">{t('live.console.history')}</h2>}>
          <List
            dataSource={items.filter((s) => s.id !== current?.id)}
            rowKey="id"
            renderItem={(s) => (
              <List.Item
                actions={[
                  <Button key="v" type="link" onClick={() => setParams({ session: s.id })}>
                    {t('common.view')}
                  </Button>,
                ]}
              >
                <span>
                  <strong>{s.title}</strong> <Tag>{t(`live.kind.${s.kind}`)}</Tag>
                  <Tag color={s.state === 'open' ? 'red' : 'default'}>{t(`live.state.${s.state}`)}</Tag>
                  <span className="muted">{formatDateTime(s.createdAt)}</span>
                </span>
              </List.Item>
            )}
          />
        </Card>
      )}
    </>
  );
}

interface OpenValues {
  kind: LiveSession['kind'];
  joinPolicy: LiveSession['joinPolicy'];
  moderation: LiveSession['moderation'];
  title?: string;
  closesAt?: string;
  venues?: { name: string; videoUrl?: string }[];
}

const HTTPS = /^https:\/\/[^\s<>"']+$/;

function OpenSession({ d, onOpened }: { d: Deliberation; onOpened: (s: LiveSession) => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<OpenValues>();
  const kind = Form.useWatch('kind', form);
  const canOpen = ['preparing', 'scheduled', 'inSession'].includes(d.state);
  return (
    <Card className="block" title={<h2 className="card-title">{t('live.open.title')}</h2>}>
      <p className="muted">{t('live.open.intro')}</p>
      {!canOpen && <Alert type="warning" showIcon className="block" title={t('live.error.deliberationState')} />}
      <AppForm<OpenValues>
        form={form}
        name="open-live"
        initialValues={{ kind: 'hybrid', joinPolicy: 'link', moderation: 'post', title: d.title, venues: [] }}
        submitLabel={t('live.open.submit')}
        labels={{ title: t('live.open.sessionTitle'), closesAt: t('live.open.closesAt') }}
        onSubmit={async (v) => {
          const s = await liveApi.open({
            deliberationId: d.id,
            kind: v.kind,
            joinPolicy: v.joinPolicy,
            moderation: v.moderation,
            title: v.title?.trim() || undefined,
            closesAt: v.closesAt ? new Date(v.closesAt).toISOString() : undefined,
            venues:
              v.kind === 'remote' ? (v.venues ?? []).map((x) => ({ name: x.name.trim(), videoUrl: x.videoUrl?.trim() || undefined })) : [],
          });
          void message.success(t('live.open.done'));
          onOpened(s);
        }}
      >
        <Form.Item name="kind" label={t('live.open.kind')} rules={[required(t, t('live.open.kind'), true)]}>
          <Radio.Group className="radio-stack">
            {liveSessionKinds.map((k) => (
              <Radio key={k} value={k} className="touch-radio">
                <strong>{t(`live.kind.${k}`)}</strong> <span className="muted">{t(`live.kind.${k}Hint`)}</span>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="joinPolicy" label={t('live.open.joinPolicy')} rules={[required(t, t('live.open.joinPolicy'), true)]}>
          <Radio.Group className="radio-stack">
            {joinPolicies.map((k) => (
              <Radio key={k} value={k} className="touch-radio">
                <strong>{t(`live.policy.${k}`)}</strong> <span className="muted">{t(`live.policy.${k}Hint`)}</span>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="moderation" label={t('live.open.moderation')}>
          <Radio.Group className="radio-stack">
            {[...moderationModes].reverse().map((k) => (
              <Radio key={k} value={k} className="touch-radio">
                <strong>{t(`live.moderation.${k}`)}</strong> <span className="muted">{t(`live.moderation.${k}Hint`)}</span>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="title"
          label={t('live.open.sessionTitle')}
          rules={[{ max: 120, message: t('validation.maxLength', { max: 120 }) }]}
        >
          <Input maxLength={120} style={{ maxWidth: 480 }} />
        </Form.Item>
        {kind === 'online' && (
          <Form.Item
            name="closesAt"
            label={t('live.open.closesAt')}
            rules={[
              required(t, t('live.open.closesAt')),
              {
                validator: async (_, v?: string) => {
                  if (v && Date.parse(v) <= Date.now()) throw new Error(t('live.refusal.closesAtPast'));
                },
              },
            ]}
          >
            <Input type="datetime-local" style={{ maxWidth: 240 }} />
          </Form.Item>
        )}
        {kind === 'remote' && (
          <Form.Item label={t('live.open.venues')} required extra={t('live.open.venuesHint')}>
            <Form.List
              name="venues"
              rules={[
                {
                  validator: async (_, v?: unknown[]) => {
                    if (!v?.length) throw new Error(t('live.refusal.venueRequired'));
                  },
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((f, i) => (
                    <Space key={f.key} align="start" wrap className="venue-row">
                      <Form.Item name={[f.name, 'name']} rules={[required(t, t('live.venue.name'))]}>
                        <Input
                          placeholder={t('live.venue.name')}
                          aria-label={`${t('live.venue.name')} ${i + 1}`}
                          maxLength={60}
                          style={{ width: 220 }}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'videoUrl']} rules={[{ pattern: HTTPS, message: t('live.error.httpsLink') }]}>
                        <Input
                          placeholder={t('live.venue.videoUrl')}
                          aria-label={`${t('live.venue.videoUrl')} ${i + 1}`}
                          maxLength={500}
                          style={{ width: 320 }}
                        />
                      </Form.Item>
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={t('live.venue.remove')}
                        onClick={() => remove(f.name)}
                      />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
                    {t('live.venue.add')}
                  </Button>
                  <Form.ErrorList errors={errors} />
                </>
              )}
            </Form.List>
          </Form.Item>
        )}
      </AppForm>
    </Card>
  );
}

function Console({ sessionId, d, onClosed }: { sessionId: string; d: Deliberation; onClosed: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const live = useLive(sessionId);
  const { state, reloadPolls } = live;
  const s = state.session;
  const [tab, setTab] = useState('statements');
  const promoted = usePromoted(d.id);
  // Statements waiting for moderation arrive as events sent to the convener and staff only.
  // Hidden poll results come to the convener only through the API.
  useEffect(() => {
    if (state.pollsVersion > 0) void reloadPolls().catch(() => undefined);
  }, [state.pollsVersion, reloadPolls]);

  if (live.error) return <Alert type="error" showIcon title={errorMessage(t, live.error)} />;
  if (!s) return <Skeleton active />;
  const open = s.state === 'open';
  const pending = state.statements.filter((x) => x.state === 'pending').length;
  const waiting = state.hands.filter((h) => h.state === 'waiting').length;
  const openPolls = state.polls.filter((p) => p.state === 'open').length;

  const setModeration = async (m: 'pre' | 'post') => {
    try {
      await liveApi.update(s.id, { moderation: m });
      await live.reloadSession();
      void message.success(t('common.saved'));
    } catch (e) {
      void message.error(liveError(t, e));
    }
  };
  const close = async () => {
    try {
      await liveApi.close(s.id);
      await live.reloadSession();
      void message.success(t('live.console.closed'));
      onClosed();
    } catch (e) {
      void message.error(liveError(t, e));
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(s.joinUrl);
      void message.success(t('live.console.copied'));
    } catch {
      void message.info(s.joinUrl);
    }
  };

  return (
    <>
      <RevokedNotice code={state.revoked} />
      <Card className="block" data-testid="live-console">
        <Flex justify="space-between" align="start" wrap gap={12}>
          <div>
            <h2 className="card-title">{s.title}</h2>
            <Space wrap className="console-tags">
              <Tag color={open ? 'red' : 'default'}>{t(`live.state.${s.state}`)}</Tag>
              <Tag>{t(`live.kind.${s.kind}`)}</Tag>
              <Tag>{t(`live.policy.${s.joinPolicy}`)}</Tag>
              {s.closesAt && <span className="muted">{t('live.console.closesAt', { time: formatDateTime(s.closesAt) })}</span>}
              {open && <ConnectionTag connection={state.connection} />}
            </Space>
          </div>
          <Space wrap>
            <Button icon={<DesktopOutlined />} href={`/live/${s.id}/screen`} target="_blank">
              {t('live.console.screen')}
            </Button>
            <Button icon={<MobileOutlined />} href={`/live/${s.id}`} target="_blank">
              {t('live.console.participantPage')}
            </Button>
            <Button icon={<LinkOutlined />} onClick={copy}>
              {t('live.console.copyLink')}
            </Button>
            {open && s.nextActions.includes('close') && (
              <Popconfirm
                title={t('live.console.closeConfirm')}
                okText={t('live.console.close')}
                cancelText={t('common.cancel')}
                onConfirm={close}
              >
                <Button danger>{t('live.console.close')}</Button>
              </Popconfirm>
            )}
          </Space>
        </Flex>
        {open && s.abilities.run && (
          <Flex align="center" gap={8} wrap className="console-moderation">
            <span id="moderation-label">{t('live.open.moderation')}</span>
            <Segmented
              aria-labelledby="moderation-label"
              value={s.moderation}
              onChange={(v) => void setModeration(v as 'pre' | 'post')}
              options={(['post', 'pre'] as const).map((m) => ({ value: m, label: t(`live.moderation.${m}`) }))}
            />
            <Link to={`/deliberations/${d.id}?tab=outcome`}>{t('live.console.recommendationsLink')}</Link>
          </Flex>
        )}
      </Card>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'statements',
            label: pending ? t('live.console.tabStatementsPending', { n: pending }) : t('live.console.tabStatements'),
            children: <StatementsPanel live={live} d={d} promoted={promoted} />,
          },
          {
            key: 'queue',
            label: waiting ? t('live.console.tabQueueWaiting', { n: waiting }) : t('live.console.tabQueue'),
            children: <QueuePanel live={live} deliberationId={d.id} />,
          },
          {
            key: 'polls',
            label: openPolls ? t('live.console.tabPollsOpen', { n: openPolls }) : t('live.console.tabPolls'),
            children: <PollsPanel live={live} />,
          },
          ...(s.kind !== 'online' ? [{ key: 'venues', label: t('live.console.tabVenues'), children: <VenuesPanel live={live} /> }] : []),
          {
            key: 'map',
            label: t('live.console.tabMap'),
            children: (
              <Card>
                <OpinionMap
                  map={state.map}
                  statements={state.statements}
                  testId="console-map"
                  consensusAction={(c) =>
                    s.abilities.run && (
                      <PromoteButton
                        sessionId={s.id}
                        deliberationId={d.id}
                        statementId={c.statementId}
                        text={state.statements.find((x) => x.id === c.statementId)?.text}
                        promoted={promoted}
                      />
                    )
                  }
                />
              </Card>
            ),
          },
        ]}
      />
    </>
  );
}
