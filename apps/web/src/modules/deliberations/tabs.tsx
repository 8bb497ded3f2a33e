import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  InputNumber,
  List,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import type { Deliberation, Responsibility } from '@shangliang/contract';
import { useApi } from '../../platform/api/useApi.ts';
import { useSession } from '../../platform/auth/session.tsx';
import { errorMessage } from '../../platform/errors.ts';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { formatDate, formatDateTime } from '../../platform/format.ts';
import { isMessageKey, useLocale, useT } from '../../platform/i18n/index.tsx';
import { orgApi } from '../org/index.tsx';
import { responsibilitiesApi, ResponsibilityStateTag } from '../responsibilities/index.tsx';
import { topicsApi } from '../topics/index.tsx';
import { deliberationsApi, participantCategoryList, type Participant } from './api.ts';
import { LotteryPanel } from './LotteryPanel.tsx';
import { SignUpPanel } from './SignUpPanel.tsx';
// The API file directly, not the live module's manifest: the live pages import this module.
import { liveApi } from '../live/api.ts';

interface TabProps {
  d: Deliberation;
  reload: () => void;
}

/** A text of the deliberation (research report, agenda, minutes) that runners edit in place. */
function TextSection({
  d,
  field,
  label,
  reload,
  rows = 6,
}: TabProps & { field: 'researchReport' | 'minutes' | 'agenda'; label: string; rows?: number }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Record<string, string>>();
  const value = d[field];
  if (!d.abilities.update)
    return (
      <Card size="small" title={<h3 className="card-title">{label}</h3>} className="block">
        <p className="pre-wrap">{value || t('common.none')}</p>
      </Card>
    );
  return (
    <Card size="small" title={<h3 className="card-title">{label}</h3>} className="block">
      <AppForm<Record<string, string>>
        form={form}
        name={`text-${field}`}
        vertical
        initialValues={{ [field]: value ?? '' }}
        submitLabel={t('common.save')}
        onSubmit={async (v) => {
          await deliberationsApi.update(d.id, { [field]: v[field] ?? '' });
          void message.success(t('common.saved'));
          reload();
        }}
      >
        <Form.Item name={field} label={label}>
          <Input.TextArea rows={rows} />
        </Form.Item>
      </AppForm>
    </Card>
  );
}

/** Says a list failed to load, once. */
function LoadError({ error }: { error: unknown }) {
  const t = useT();
  return error ? (
    <Alert type="error" showIcon className="block" title={t('common.loadFailed', { reason: errorMessage(t, error) })} />
  ) : null;
}

const catLabel = (t: ReturnType<typeof useT>, c: string) => (isMessageKey(`participant.cat.${c}`) ? t(`participant.cat.${c}` as never) : c);

export function TopicTab({ d }: TabProps) {
  const { t, locale } = useLocale();
  const topic = useApi(() => topicsApi.get(d.topicId), [d.topicId]);
  if (topic.error) return <Alert type="error" showIcon title={errorMessage(t, topic.error)} />;
  if (!topic.data) return null;
  return (
    <Card>
      <h2 className="card-title">{topic.data.title}</h2>
      <p className="pre-wrap">{topic.data.description}</p>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('topic.categoryLabel')}>{t(`topic.category.${topic.data.category}`)}</Descriptions.Item>
        <Descriptions.Item label={t('topic.proposer')}>{topic.data.proposerName}</Descriptions.Item>
        <Descriptions.Item label={t('topic.proposedOn')}>{formatDate(topic.data.createdAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('topic.supportShort')}>{topic.data.supportCount}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** Shortfalls of the participation rules, in plain words. */
export function ParticipationAlert({ d }: { d: Deliberation }) {
  const t = useT();
  const p = d.participation;
  const summary = t('delib.participation', {
    total: p.total,
    publicCount: p.publicCount,
    requiredPublic: p.requiredPublic,
    min: p.minParticipants,
  });
  if (p.shortfalls.length === 0) return <Alert type="success" showIcon title={summary} className="block" data-testid="participation" />;
  return (
    <Alert
      type="warning"
      showIcon
      className="block"
      data-testid="participation"
      title={p.shortfalls.map((s) => t(`delib.shortfall.${s.rule}`, { count: s.count })).join('；')}
      description={summary}
    />
  );
}

interface InviteValues {
  category: string;
  name: string;
  phone?: string;
  departmentId?: string;
}

export function ParticipantsTab({ d, reload }: TabProps) {
  const t = useT();
  const { message } = AntApp.useApp();
  const { me } = useSession();
  const list = useApi(() => deliberationsApi.participants(d.id), [d.id]);
  const departments = useApi(
    () => (d.abilities.invite ? orgApi.list({ kind: 'department', limit: 100 }) : Promise.resolve(null)),
    [d.abilities.invite],
  );
  const [form] = Form.useForm<InviteValues>();
  const category = Form.useWatch('category', form);
  const [busy, setBusy] = useState<string | null>(null);
  // Sign-up and the lottery read each other (publication ends sign-up; an open sign-up warns the
  // draw): a change in either makes the other read again.
  const [lotteryVersion, setLotteryVersion] = useState(0);
  const bumpLottery = () => setLotteryVersion((v) => v + 1);
  const act = async (key: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await fn();
      void message.success(done);
      list.reload();
      reload();
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setBusy(null);
    }
  };
  const answerLabel = (a: Participant['answer']) => t(`participant.answer.${a}`);
  return (
    <>
      <ParticipationAlert d={d} />
      {d.abilities.signIn && (
        <Card size="small" title={<h3 className="card-title">{t('delib.signInQr')}</h3>} className="block" data-testid="sign-in-qr">
          <Flex gap={16} wrap align="center">
            <Image src={deliberationsApi.signInQrUrl(d.id)} width={200} alt={t('delib.signInQrAlt')} />
            <p className="muted">{t('delib.signInQrNote')}</p>
          </Flex>
        </Card>
      )}
      {d.abilities.lottery && <SignUpPanel d={d} version={lotteryVersion} onChange={bumpLottery} />}
      <LotteryPanel
        d={d}
        participants={list.data?.items ?? null}
        version={lotteryVersion}
        onChange={() => {
          list.reload();
          reload();
          bumpLottery();
        }}
      />
      {d.abilities.invite && (
        <Card size="small" title={<h3 className="card-title">{t('delib.invite')}</h3>} className="block">
          <AppForm<InviteValues>
            form={form}
            name="invite"
            submitLabel={t('delib.inviteSubmit')}
            labels={{ name: t('participant.name'), phone: t('participant.phone') }}
            onSubmit={async (v) => {
              await deliberationsApi.invite(d.id, { ...v, phone: v.phone || undefined });
              void message.success(t('delib.invited', { name: v.name }));
              form.resetFields(['name', 'phone']);
              list.reload();
              reload();
            }}
          >
            <Form.Item name="category" label={t('participant.category')} rules={[required(t, t('participant.category'), true)]}>
              <Select options={participantCategoryList.map((c) => ({ value: c, label: catLabel(t, c) }))} style={{ maxWidth: 240 }} />
            </Form.Item>
            {category === 'department' && (
              <Form.Item name="departmentId" label={t('participant.department')} rules={[required(t, t('participant.department'), true)]}>
                <Select
                  options={(departments.data?.items ?? []).map((n) => ({ value: n.id, label: n.name }))}
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ maxWidth: 360 }}
                />
              </Form.Item>
            )}
            <Form.Item name="name" label={t('participant.name')} rules={[required(t, t('participant.name'))]}>
              <Input maxLength={40} style={{ maxWidth: 240 }} />
            </Form.Item>
            <Form.Item name="phone" label={t('participant.phone')} rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('validation.phone') }]}>
              <Input maxLength={11} style={{ maxWidth: 240 }} inputMode="tel" />
            </Form.Item>
          </AppForm>
        </Card>
      )}
      <Card size="small" title={<h3 className="card-title">{t('delib.participants', { count: list.data?.total ?? 0 })}</h3>}>
        <LoadError error={list.error} />
        <List
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          rowKey="id"
          locale={{ emptyText: <span className="empty-text">{t('delib.participantsEmpty')}</span> }}
          renderItem={(p) => (
            <List.Item data-testid="participant">
              <Flex justify="space-between" wrap gap={8} style={{ width: '100%' }}>
                <div>
                  <strong>{p.name}</strong> <Tag>{catLabel(t, p.category)}</Tag>
                  {p.source !== 'invited' && <Tag color="purple">{t(`participant.source.${p.source}`)}</Tag>}
                  <Tag color={p.answer === 'accepted' ? 'green' : p.answer === 'declined' ? 'default' : 'orange'}>
                    {answerLabel(p.answer)}
                  </Tag>
                  {p.signedInAt && <Tag color="red">{t('participant.signedIn', { time: formatDateTime(p.signedInAt) })}</Tag>}
                </div>
                <Space wrap>
                  {me &&
                    p.accountId === me.account.id &&
                    p.answer === 'pending' &&
                    ['draft', 'preparing', 'scheduled'].includes(d.state) && (
                      // The invited person answers their own invitation (a panel member drawn by lot, too).
                      <>
                        <Button
                          type="primary"
                          className="touch-target"
                          loading={busy === `ya${p.id}`}
                          onClick={() =>
                            act(`ya${p.id}`, () => deliberationsApi.answer(d.id, p.id, 'accepted'), t('participant.answer.accepted'))
                          }
                        >
                          {t('participant.accept')}
                        </Button>
                        <Button
                          className="touch-target"
                          loading={busy === `yd${p.id}`}
                          onClick={() =>
                            act(`yd${p.id}`, () => deliberationsApi.answer(d.id, p.id, 'declined'), t('participant.answer.declined'))
                          }
                        >
                          {t('participant.decline')}
                        </Button>
                      </>
                    )}
                  {d.abilities.invite && p.answer === 'pending' && p.accountId !== me?.account.id && (
                    <>
                      <Button
                        size="small"
                        loading={busy === `a${p.id}`}
                        onClick={() =>
                          act(`a${p.id}`, () => deliberationsApi.answer(d.id, p.id, 'accepted'), t('participant.answer.accepted'))
                        }
                      >
                        {t('participant.recordAccepted')}
                      </Button>
                      <Button
                        size="small"
                        loading={busy === `d${p.id}`}
                        onClick={() =>
                          act(`d${p.id}`, () => deliberationsApi.answer(d.id, p.id, 'declined'), t('participant.answer.declined'))
                        }
                      >
                        {t('participant.recordDeclined')}
                      </Button>
                      <Button
                        size="small"
                        loading={busy === `r${p.id}`}
                        onClick={() => act(`r${p.id}`, () => deliberationsApi.remind(d.id, p.id), t('participant.reminded'))}
                      >
                        {t('participant.remind')}
                      </Button>
                    </>
                  )}
                  {d.abilities.signIn && !p.signedInAt && p.answer !== 'declined' && (
                    <Button
                      size="small"
                      loading={busy === `s${p.id}`}
                      onClick={() => act(`s${p.id}`, () => deliberationsApi.signInByHand(d.id, p.id), t('participant.signedInDone'))}
                    >
                      {t('participant.signInByHand')}
                    </Button>
                  )}
                </Space>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}

export function ResearchTab(props: TabProps) {
  const { d } = props;
  const t = useT();
  const tasks = useApi(() => deliberationsApi.tasks(d.id), [d.id]);
  const [form] = Form.useForm<{ title: string; dueDate: string }>();
  return (
    <>
      <Card size="small" title={<h3 className="card-title">{t('delib.tasks')}</h3>} className="block">
        <LoadError error={tasks.error} />
        <List
          loading={tasks.loading}
          dataSource={tasks.data?.items ?? []}
          rowKey="id"
          locale={{ emptyText: <span className="empty-text">{t('delib.tasksEmpty')}</span> }}
          renderItem={(task) => (
            <List.Item>
              <div className="mobile-card">
                <strong>{task.title}</strong> <span className="muted">{t('delib.due', { date: task.dueDate })}</span>
                {task.findings ? (
                  <p className="pre-wrap">{task.findings}</p>
                ) : (
                  d.abilities.research && <FindingsForm d={d} taskId={task.id} done={tasks.reload} />
                )}
              </div>
            </List.Item>
          )}
        />
        {d.abilities.research && (
          <AppForm<{ title: string; dueDate: string }>
            form={form}
            name="task"
            submitLabel={t('delib.addTask')}
            onSubmit={async (v) => {
              await deliberationsApi.addTask(d.id, v);
              form.resetFields();
              tasks.reload();
            }}
          >
            <Form.Item name="title" label={t('delib.taskTitle')} rules={[required(t, t('delib.taskTitle'))]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="dueDate" label={t('delib.dueDate')} rules={[required(t, t('delib.dueDate'))]}>
              <Input type="date" style={{ maxWidth: 200 }} />
            </Form.Item>
          </AppForm>
        )}
      </Card>
      <TextSection {...props} field="researchReport" label={t('delib.researchReport')} rows={8} />
    </>
  );
}

function FindingsForm({ d, taskId, done }: { d: Deliberation; taskId: string; done: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ findings: string }>();
  return (
    <AppForm<{ findings: string }>
      form={form}
      name={`findings-${taskId}`}
      vertical
      submitLabel={t('delib.saveFindings')}
      onSubmit={async (v) => {
        await deliberationsApi.findings(d.id, taskId, v.findings);
        done();
      }}
    >
      <Form.Item name="findings" label={t('delib.findings')} rules={[required(t, t('delib.findings'))]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </AppForm>
  );
}

interface MeetingValues {
  meetingAt: string;
  place: string;
}

const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const dt = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${dt.getFullYear()}-${pad(dt.getMonth() + 1)}-${pad(dt.getDate())}T${pad(dt.getHours())}:${pad(dt.getMinutes())}`;
};

/**
 * The deliberation's live discussion (issue 6), from its meeting step: the console for those
 * who run it, the join page for participants while a session is open.
 */
function LiveCard({ d }: { d: Deliberation }) {
  const t = useT();
  const navigate = useNavigate();
  const sessions = useApi(() => liveApi.list(d.id), [d.id]);
  const runner = d.abilities.update || d.abilities.recordSpeech || d.abilities.signIn;
  const open = sessions.data?.items.filter((s) => s.state === 'open') ?? [];
  if (!runner && open.length === 0) return null;
  return (
    <Card size="small" title={<h3 className="card-title">{t('delib.live')}</h3>} className="block" data-testid="live-card">
      <Typography.Paragraph className="empty-text">{t('delib.liveHint')}</Typography.Paragraph>
      <Flex gap={8} wrap>
        {runner && (
          <Button type={open.length ? 'default' : 'primary'} onClick={() => navigate(`/deliberations/${d.id}/live`)}>
            {t('delib.liveConsole')}
          </Button>
        )}
        {open.map((s) => (
          <Button key={s.id} type="primary" onClick={() => navigate(`/live/${s.id}`)}>
            {t('delib.liveJoin', { title: s.title })}
          </Button>
        ))}
      </Flex>
    </Card>
  );
}

export function MeetingTab(props: TabProps) {
  const { d, reload } = props;
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<MeetingValues>();
  const [speechForm] = Form.useForm<{ participantId: string; summary: string; interaction: boolean }>();
  const speeches = useApi(() => deliberationsApi.speeches(d.id), [d.id]);
  const participants = useApi(
    () => (d.abilities.recordSpeech ? deliberationsApi.participants(d.id) : Promise.resolve(null)),
    [d.id, d.abilities.recordSpeech],
  );
  const speakerId = Form.useWatch('participantId', speechForm);
  const speaker = participants.data?.items.find((p) => p.id === speakerId);
  return (
    <>
      <Card size="small" title={<h3 className="card-title">{t('delib.meeting')}</h3>} className="block">
        {d.abilities.update && ['draft', 'preparing', 'scheduled'].includes(d.state) ? (
          <AppForm<MeetingValues>
            form={form}
            name="meeting"
            initialValues={{ meetingAt: toLocalInput(d.meetingAt), place: d.place ?? '' }}
            submitLabel={t('common.save')}
            onSubmit={async (v) => {
              await deliberationsApi.update(d.id, { meetingAt: new Date(v.meetingAt).toISOString(), place: v.place });
              void message.success(t('common.saved'));
              reload();
            }}
          >
            <Form.Item name="meetingAt" label={t('delib.meetingAt')} rules={[required(t, t('delib.meetingAt'))]}>
              <Input type="datetime-local" style={{ maxWidth: 240 }} />
            </Form.Item>
            <Form.Item name="place" label={t('delib.place')} rules={[required(t, t('delib.place'))]}>
              <Input maxLength={200} />
            </Form.Item>
          </AppForm>
        ) : (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('delib.meetingAt')}>{formatDateTime(d.meetingAt)}</Descriptions.Item>
            <Descriptions.Item label={t('delib.place')}>{d.place ?? t('common.none')}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      {['scheduled', 'inSession'].includes(d.state) && <LiveCard d={d} />}
      <TextSection {...props} field="agenda" label={t('delib.agenda')} rows={4} />
      <Card size="small" title={<h3 className="card-title">{t('delib.speeches')}</h3>} className="block">
        <LoadError error={speeches.error} />
        <List
          loading={speeches.loading}
          dataSource={speeches.data?.items ?? []}
          rowKey="id"
          locale={{ emptyText: <span className="empty-text">{t('delib.speechesEmpty')}</span> }}
          renderItem={(s) => (
            <List.Item data-testid="speech">
              <div className="mobile-card">
                <strong>{s.speakerName}</strong> <Tag>{catLabel(t, s.category)}</Tag>
                {s.interaction && <Tag color="red">{t('delib.interaction')}</Tag>}
                {s.venue && (
                  <Tag color="blue" data-testid="speech-venue">
                    {s.venue}
                  </Tag>
                )}
                <span className="muted">{formatDateTime(s.at)}</span>
                <p className="pre-wrap">{s.summary}</p>
              </div>
            </List.Item>
          )}
        />
        {d.abilities.recordSpeech && (
          <AppForm<{ participantId: string; summary: string; interaction: boolean }>
            form={speechForm}
            name="speech"
            submitLabel={t('delib.recordSpeech')}
            onSubmit={async (v) => {
              await deliberationsApi.speak(d.id, { ...v, interaction: speaker?.category === 'department' ? !!v.interaction : false });
              speechForm.resetFields();
              speeches.reload();
              reload();
            }}
          >
            <Form.Item name="participantId" label={t('delib.speaker')} rules={[required(t, t('delib.speaker'), true)]}>
              <Select
                style={{ maxWidth: 320 }}
                options={(participants.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${catLabel(t, p.category)}）` }))}
              />
            </Form.Item>
            <Form.Item name="summary" label={t('delib.summary')} rules={[required(t, t('delib.summary'))]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            {speaker?.category === 'department' && (
              <Form.Item name="interaction" valuePropName="checked" label={t('delib.interaction')}>
                <Checkbox>{t('delib.interactionNote')}</Checkbox>
              </Form.Item>
            )}
          </AppForm>
        )}
      </Card>
      <TextSection {...props} field="minutes" label={t('delib.minutes')} rows={6} />
    </>
  );
}

interface RecValues {
  text: string;
  rationale?: string;
  agree: number;
  disagree: number;
  abstain: number;
}

interface RespValues {
  departmentId: string;
  personInCharge: string;
  action: string;
  deadline: string;
}

export function OutcomeTab({ d, reload }: TabProps) {
  const { t, locale } = useLocale();
  const recs = useApi(() => deliberationsApi.recommendations(d.id), [d.id]);
  const resps = useApi(() => responsibilitiesApi.list({ deliberationId: d.id }, null, 100), [d.id]);
  const writable = d.state === 'outcome' && (d.abilities.update || d.nextActions.includes('startImplementing'));
  const departments = useApi(() => (writable ? orgApi.list({ kind: 'department', limit: 100 }) : Promise.resolve(null)), [writable]);
  const [form] = Form.useForm<RecValues>();
  const byRec = (recId: string): Responsibility[] => (resps.data?.items ?? []).filter((r) => r.recommendationId === recId);
  return (
    <>
      <Flex gap={8} wrap className="block">
        <Button icon={<DownloadOutlined />} href={deliberationsApi.listsXlsxUrl(d.id)}>
          {t('delib.exportLists')}
        </Button>
        <Button icon={<PrinterOutlined />} href={deliberationsApi.listsPrintUrl(d.id)} target="_blank">
          {t('delib.printLists')}
        </Button>
      </Flex>
      <LoadError error={recs.error ?? resps.error} />
      {(recs.data?.items ?? []).length === 0 && !writable && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="empty-text">{t('delib.recsEmpty')}</span>} />
      )}
      {(recs.data?.items ?? []).map((r) => (
        <Card
          key={r.id}
          size="small"
          className="block"
          data-testid="recommendation"
          title={
            <h3 className="card-title">
              {t('delib.recommendationNo', { seq: r.seq })} {r.text}
            </h3>
          }
        >
          {r.rationale && <p className="pre-wrap muted">{r.rationale}</p>}
          <p>{t('delib.votes', { agree: r.agree, disagree: r.disagree, abstain: r.abstain })}</p>
          <h4 className="group-title">{t('delib.responsibilities')}</h4>
          {byRec(r.id).length === 0 && <p className="muted">{t('delib.noResponsibility')}</p>}
          {byRec(r.id).map((resp) => (
            <div key={resp.id} className="result-resp" data-testid="responsibility">
              <div>
                <strong>{resp.departmentName}</strong>（{resp.personInCharge}）：{resp.action} ·{' '}
                {t('resp.deadlineOn', { date: formatDate(resp.deadline, locale) })} <ResponsibilityStateTag state={resp.state} />
              </div>
              {resp.feedback && (
                <div className="feedback">
                  {t('room.feedback')}：{resp.feedback}
                </div>
              )}
            </div>
          ))}
          {writable && (
            <AssignForm
              d={d}
              recId={r.id}
              departments={(departments.data?.items ?? []).map((n) => ({ value: n.id, label: n.name }))}
              done={() => {
                resps.reload();
                reload();
              }}
            />
          )}
        </Card>
      ))}
      {writable && (
        <Card size="small" title={<h3 className="card-title">{t('delib.addRecommendation')}</h3>} className="block">
          <AppForm<RecValues>
            form={form}
            name="recommendation"
            initialValues={{ agree: 0, disagree: 0, abstain: 0 }}
            submitLabel={t('delib.addRecommendation')}
            onSubmit={async (v) => {
              await deliberationsApi.recommend(d.id, { ...v, rationale: v.rationale || undefined });
              form.resetFields();
              recs.reload();
              reload();
            }}
          >
            <Form.Item name="text" label={t('delib.recText')} rules={[required(t, t('delib.recText'))]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="rationale" label={t('delib.rationale')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item label={t('delib.voteCounts')}>
              <Space wrap>
                <Form.Item name="agree" noStyle>
                  <InputNumber min={0} addonBefore={t('delib.agree')} aria-label={t('delib.agree')} />
                </Form.Item>
                <Form.Item name="disagree" noStyle>
                  <InputNumber min={0} addonBefore={t('delib.disagree')} aria-label={t('delib.disagree')} />
                </Form.Item>
                <Form.Item name="abstain" noStyle>
                  <InputNumber min={0} addonBefore={t('delib.abstain')} aria-label={t('delib.abstain')} />
                </Form.Item>
              </Space>
            </Form.Item>
          </AppForm>
        </Card>
      )}
      {d.feedbackPublishedAt && (
        <Alert type="success" showIcon title={t('delib.feedbackPublished', { date: formatDate(d.feedbackPublishedAt, locale) })} />
      )}
    </>
  );
}

function AssignForm({
  d,
  recId,
  departments,
  done,
}: {
  d: Deliberation;
  recId: string;
  departments: { value: string; label: string }[];
  done: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<RespValues>();
  return (
    <AppForm<RespValues>
      form={form}
      name={`assign-${recId}`}
      submitLabel={t('delib.assign')}
      onSubmit={async (v) => {
        await deliberationsApi.assign(d.id, recId, v);
        form.resetFields();
        done();
      }}
    >
      <Form.Item name="departmentId" label={t('participant.department')} rules={[required(t, t('participant.department'), true)]}>
        <Select options={departments} showSearch={{ optionFilterProp: 'label' }} style={{ maxWidth: 360 }} />
      </Form.Item>
      <Form.Item name="personInCharge" label={t('resp.personInCharge')} rules={[required(t, t('resp.personInCharge'))]}>
        <Input maxLength={40} style={{ maxWidth: 240 }} />
      </Form.Item>
      <Form.Item name="action" label={t('resp.action')} rules={[required(t, t('resp.action'))]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="deadline" label={t('resp.deadline')} rules={[required(t, t('resp.deadline'))]}>
        <Input type="date" style={{ maxWidth: 200 }} />
      </Form.Item>
    </AppForm>
  );
}

export function EvaluationTab({ d, reload }: TabProps) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ rating: string; comment?: string }>();
  const [rated, setRated] = useState(false);
  return (
    <>
      {d.abilities.rate && !rated && (
        <Card size="small" title={<h3 className="card-title">{t('delib.rate')}</h3>} className="block narrow-card">
          <AppForm<{ rating: string; comment?: string }>
            form={form}
            name="rating"
            vertical
            blockSubmit
            submitLabel={t('delib.rateSubmit')}
            onSubmit={async (v) => {
              await deliberationsApi.rate(d.id, { ...v, comment: v.comment || undefined });
              void message.success(t('delib.rated'));
              setRated(true);
              reload();
            }}
          >
            <Form.Item name="rating" label={t('delib.rating')} rules={[required(t, t('delib.rating'), true)]}>
              <Radio.Group className="radio-stack">
                {(['satisfied', 'basicallySatisfied', 'unsatisfied'] as const).map((r) => (
                  <Radio key={r} value={r} className="touch-radio">
                    {t(`rating.${r}`)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="comment" label={t('delib.ratingComment')}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </AppForm>
        </Card>
      )}
      {(rated || d.myRating) && (
        <Alert
          type="success"
          showIcon
          title={t('delib.rated')}
          description={d.myRating ? t('delib.myRating', { rating: t(`rating.${d.myRating}`) }) : undefined}
          className="block"
        />
      )}
      {d.quality ? (
        <Card
          size="small"
          title={<h3 className="card-title">{t('delib.quality', { total: Math.round(d.quality.total) })}</h3>}
          data-testid="quality"
        >
          <Descriptions column={1} size="small" bordered>
            {Object.entries(d.quality.parts).map(([k, v]) => (
              <Descriptions.Item key={k} label={isMessageKey(`quality.${k}`) ? t(`quality.${k}` as never) : k}>
                {Math.round(v)}（{t('delib.weight', { w: d.quality?.weights[k] ?? 0 })}）
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t('dash.satisfactionRate')}>{Math.round(d.quality.satisfactionRate * 100)}%</Descriptions.Item>
          </Descriptions>
        </Card>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="empty-text">{t('delib.qualityEmpty')}</span>} />
      )}
    </>
  );
}
