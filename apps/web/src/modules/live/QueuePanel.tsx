import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Empty, Flex, Form, Input, List, Row, Select, Space, Tag } from 'antd';
import { useApi } from '../../platform/api/useApi.ts';
import { formatTime } from '../../platform/format.ts';
import { isMessageKey, useT } from '../../platform/i18n/index.tsx';
import { deliberationsApi } from '../deliberations/index.tsx';
import { liveApi, type Hand } from './api.ts';
import { mayAct } from './actions.ts';
import { liveError } from './errors.ts';
import { clock, secondsLeft, useNow, type UseLive } from './useLive.ts';

const durations = [60, 120, 180, 300, 600];

/** The speaker queue: give the floor with a time, end the speech (logged to the meeting record), raise hands for people in the room. */
export function QueuePanel({ live, deliberationId }: { live: UseLive; deliberationId: string }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const s = live.state.session!;
  // Only the room's convener and staff run the session; others (leaders) watch.
  const open = s.state === 'open' && !!s.abilities.run;
  const participants = useApi(() => deliberationsApi.participants(deliberationId), [deliberationId]);
  const people = (participants.data?.items ?? []).filter((p) => p.answer !== 'declined');
  const speaking = live.state.hands.find((h) => h.state === 'speaking');
  const waiting = live.state.hands.filter((h) => h.state === 'waiting');
  const done = live.state.hands.filter((h) => h.state === 'done').reverse();
  const [seconds, setSeconds] = useState<Record<string, number>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const now = useNow(!!speaking);
  const cat = (c: string | null) => (c && isMessageKey(`participant.cat.${c}`) ? t(`participant.cat.${c}` as never) : null);

  const run = async (key: string, fn: () => Promise<Hand>, done: string) => {
    setBusy(key);
    try {
      await fn();
      void message.success(done);
    } catch (e) {
      void message.error(liveError(t, e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card
          size="small"
          className="block"
          title={<h3 className="card-title">{t('live.queue.speaking')}</h3>}
          data-testid="queue-speaking"
        >
          {speaking && mayAct(s, 'hand', speaking, 'finish') ? (
            <FinishSpeech live={live} hand={speaking} people={people} now={now} />
          ) : speaking ? (
            <strong className="speaker-name" data-testid="speaker-name">
              {speaking.name}
            </strong>
          ) : (
            <p className="muted">{t('live.hand.nobodySpeaking')}</p>
          )}
        </Card>
        <Card size="small" className="block" title={<h3 className="card-title">{t('live.queue.waiting', { n: waiting.length })}</h3>}>
          <List
            dataSource={waiting}
            rowKey="id"
            locale={{ emptyText: <span className="empty-text">{t('live.queue.waitingEmpty')}</span> }}
            renderItem={(h, i) => (
              <List.Item data-testid="queue-waiting">
                <Flex justify="space-between" align="center" wrap gap={8} style={{ width: '100%' }}>
                  <span>
                    <strong>
                      {i + 1}. {h.name}
                    </strong>{' '}
                    {cat(h.category) && <Tag>{cat(h.category)}</Tag>}
                    {h.venueName && <Tag color="blue">{h.venueName}</Tag>}
                    <span className="muted">{t('live.queue.raisedAt', { time: formatTime(h.raisedAt) })}</span>
                  </span>
                  {open && (
                    <Space wrap>
                      <Select
                        aria-label={t('live.queue.time')}
                        value={seconds[h.id] ?? 180}
                        onChange={(v) => setSeconds({ ...seconds, [h.id]: v })}
                        options={durations.map((d) => ({ value: d, label: t('live.queue.minutes', { n: d / 60 }) }))}
                        style={{ width: 110 }}
                      />
                      {mayAct(s, 'hand', h, 'giveFloor') && (
                        <Button
                          type="primary"
                          disabled={!!speaking}
                          loading={busy === `f${h.id}`}
                          onClick={() =>
                            run(
                              `f${h.id}`,
                              () => liveApi.giveFloor(s.id, h.id, seconds[h.id] ?? 180),
                              t('live.queue.floorGiven', { name: h.name }),
                            )
                          }
                        >
                          {t('live.queue.giveFloor')}
                        </Button>
                      )}
                      {mayAct(s, 'hand', h, 'withdraw') && (
                        <Button
                          loading={busy === `w${h.id}`}
                          onClick={() => run(`w${h.id}`, () => liveApi.withdrawHand(s.id, h.id), t('live.queue.lowered'))}
                        >
                          {t('live.queue.lower')}
                        </Button>
                      )}
                    </Space>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        {open && <RaiseForSomeone live={live} people={people} />}
        <Card size="small" title={<h3 className="card-title">{t('live.queue.done', { n: done.length })}</h3>}>
          {done.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="empty-text">{t('live.queue.doneEmpty')}</span>} />
          ) : (
            <List
              dataSource={done}
              rowKey="id"
              size="small"
              renderItem={(h) => (
                <List.Item data-testid="queue-done">
                  <span>
                    {h.name} {h.venueName && <Tag color="blue">{h.venueName}</Tag>}
                    {h.speechId ? <Tag color="green">{t('live.queue.logged')}</Tag> : <Tag>{t('live.queue.notLogged')}</Tag>}
                  </span>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}

type Person = Awaited<ReturnType<typeof deliberationsApi.participants>>['items'][number];

function FinishSpeech({ live, hand, people, now }: { live: UseLive; hand: Hand; people: Person[]; now: number }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const s = live.state.session!;
  const [form] = Form.useForm<{ summary: string; participantId?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const left = secondsLeft(hand, now);
  const submit = async (v: { summary: string; participantId?: string }) => {
    setBusy(true);
    setError(null);
    try {
      await liveApi.finish(s.id, hand.id, { summary: v.summary.trim(), participantId: hand.participantId ? undefined : v.participantId });
      void message.success(t('live.queue.finished'));
      form.resetFields();
    } catch (e) {
      setError(liveError(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Flex align="baseline" gap={12} wrap className="block">
        <strong className="speaker-name" data-testid="speaker-name">
          {hand.name}
        </strong>
        {hand.venueName && <Tag color="blue">{hand.venueName}</Tag>}
        {left !== null && (
          <span
            className={left < 0 ? 'speaker-clock over' : 'speaker-clock'}
            aria-label={t(left >= 0 ? 'live.hand.timeLeft' : 'live.hand.overTime', { time: clock(left) })}
          >
            {clock(left)}
          </span>
        )}
      </Flex>
      {error && <Alert type="error" showIcon title={error} className="block" />}
      <Form form={form} layout="vertical" name="finish-speech" onFinish={submit} requiredMark>
        <Form.Item
          name="summary"
          label={t('delib.summary')}
          rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('delib.summary') }) }]}
        >
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        {!hand.participantId && (
          <Form.Item name="participantId" label={t('live.queue.who')} extra={t('live.queue.whoHint')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={people.map((p) => ({ value: p.id, label: p.name }))}
              style={{ maxWidth: 320 }}
            />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy} disabled={busy}>
          {t('live.queue.finish')}
        </Button>
      </Form>
    </>
  );
}

function RaiseForSomeone({ live, people }: { live: UseLive; people: Person[] }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const s = live.state.session!;
  const [form] = Form.useForm<{ participantId?: string; name?: string; venueId?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { participantId?: string; name?: string; venueId?: string }) => {
    if (!v.participantId && !v.name?.trim()) {
      form.setFields([{ name: 'name', errors: [t('live.queue.whoRequired')] }]);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await liveApi.raiseHand(s.id, {
        participantId: v.participantId,
        name: v.participantId ? undefined : v.name?.trim(),
        venueId: v.venueId,
      });
      void message.success(t('live.queue.added'));
      form.resetFields();
    } catch (e) {
      setError(liveError(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" className="block" title={<h3 className="card-title">{t('live.queue.addTitle')}</h3>}>
      <p className="muted">{t('live.queue.addIntro')}</p>
      {error && <Alert type="error" showIcon title={error} className="block" />}
      <Form form={form} layout="vertical" name="raise-for" onFinish={submit}>
        <Form.Item name="participantId" label={t('live.queue.participant')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={people.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="name" label={t('live.queue.orName')}>
          <Input maxLength={40} />
        </Form.Item>
        {s.venues.length > 1 && (
          <Form.Item name="venueId" label={t('live.queue.venue')}>
            <Select allowClear options={s.venues.map((v) => ({ value: v.id, label: v.name }))} />
          </Form.Item>
        )}
        <Button htmlType="submit" loading={busy} disabled={busy}>
          {t('live.queue.add')}
        </Button>
      </Form>
    </Card>
  );
}
