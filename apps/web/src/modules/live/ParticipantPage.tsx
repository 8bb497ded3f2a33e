import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Flex, Form, Input, Result, Skeleton, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { STATEMENT_MAX } from '@shangliang/contract';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../platform/api/client.ts';
import { useSession } from '../../platform/auth/session.tsx';
import { errorMessage } from '../../platform/errors.ts';
import { formatDateTime } from '../../platform/format.ts';
import { useLocale, useT } from '../../platform/i18n/index.tsx';
import { PublicPage } from '../../platform/layout/PublicPage.tsx';
import { liveApi, type Hand, type LiveVote, type Statement } from './api.ts';
import { mayAct } from './actions.ts';
import { liveError } from './errors.ts';
import { OpinionMap } from './OpinionMap.tsx';
import { ConnectionTag, PollAnswerForm, PollResults, RevokedNotice, StatementStateTag } from './parts.tsx';
import { clock, secondsLeft, useLive, useNow, type UseLive } from './useLive.ts';

/**
 * Taking part in a live session on a phone (the page the QR code opens): join, vote on one
 * statement at a time, write a statement, raise a hand, answer polls and see the opinion map.
 * One column, large touch targets, no tables; updates arrive over the WebSocket.
 */
export default function ParticipantPage() {
  const { id = '' } = useParams();
  const { t, locale, setLocale } = useLocale();
  const live = useLive(id);
  const { state, error } = live;
  const s = state.session;
  useEffect(() => {
    document.title = `${s?.title ?? t('live.participant.title')} · ${t('app.name')}`;
  }, [s?.title, t]);

  return (
    <PublicPage
      className="live-page"
      error={error}
      ready={!!s}
      problem={(e: unknown) => <LoadProblem error={e} />}
      headerEnd={
        <span className="header-end">
          {s && s.state === 'open' && <ConnectionTag connection={state.connection} />}
          <Button
            type="link"
            className="touch-target lang-link"
            lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
            aria-label={t('header.switchToLabel')}
            onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}
          >
            {t('header.switchTo')}
          </Button>
        </span>
      }
    >
      {() => (
        <>
          <RevokedNotice code={state.revoked} />
          <Participate live={live} />
        </>
      )}
    </PublicPage>
  );
}

function LoadProblem({ error }: { error: unknown }) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  if (error instanceof ApiError && error.status === 401)
    return (
      <Result
        status="info"
        title={t('live.participant.loginTitle')}
        subTitle={t('live.participant.loginText')}
        extra={
          <Flex vertical gap={8}>
            <Button
              type="primary"
              size="large"
              block
              onClick={() => navigate('/login', { state: { from: location.pathname + location.search } })}
            >
              {t('login.submit')}
            </Button>
            <Link to="/register">{t('room.register')}</Link>
          </Flex>
        }
      />
    );
  if (error instanceof ApiError && error.status === 403)
    return <Result status="403" title={t('live.participant.invitedOnlyTitle')} subTitle={t('live.participant.invitedOnlyText')} />;
  return <Alert type="error" showIcon title={errorMessage(t, error)} />;
}

function Participate({ live }: { live: UseLive }) {
  const t = useT();
  const { state } = live;
  const s = state.session!;
  const { me: account } = useSession();
  const [params] = useSearchParams();
  const [joining, setJoining] = useState(false);
  const [joinError, setJoinError] = useState<string | null>(null);
  const [venueNote, setVenueNote] = useState<string | null>(null);
  const tried = useRef(false);

  // Scanned at a venue (the room's screen or a sub-venue): sign in there once joined.
  const venueId = params.get('venue');
  const code = params.get('code');
  useEffect(() => {
    if (!s.me || !venueId || !code || tried.current || s.me.venueId === venueId || s.state !== 'open') return;
    tried.current = true;
    liveApi
      .venueSignIn(s.id, venueId, code)
      .then(() => live.reloadSession())
      .catch((e: unknown) => setVenueNote(liveError(t, e)));
  }, [s.me, s.id, s.state, venueId, code, live, t]);

  const join = async () => {
    setJoining(true);
    setJoinError(null);
    try {
      await liveApi.join(s.id);
      await live.reload();
    } catch (e) {
      setJoinError(liveError(t, e));
    } finally {
      setJoining(false);
    }
  };

  const venue = s.venues.find((v) => v.id === s.me?.venueId);
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {s.title}
      </Typography.Title>
      <p className="muted">
        {s.deliberationTitle !== s.title && <>{s.deliberationTitle} · </>}
        {t(`live.kind.${s.kind}`)}
        {venue && <> · {t('live.participant.atVenue', { venue: venue.name })}</>}
        {s.closesAt && s.state === 'open' && <> · {t('live.console.closesAt', { time: formatDateTime(s.closesAt) })}</>}
      </p>
      {venue?.videoUrl && (
        <p>
          <a href={venue.videoUrl} target="_blank" rel="noopener noreferrer" className="touch-target lang-link">
            {t('live.participant.venueVideo', { venue: venue.name })}
          </a>
        </p>
      )}
      {venueNote && <Alert type="warning" showIcon role="alert" title={venueNote} className="block" />}
      {s.state !== 'open' ? (
        <>
          <Alert type="info" showIcon title={t('live.participant.closed')} className="block" />
          <MapSection live={live} />
        </>
      ) : !s.me ? (
        <Card className="block" data-testid="join-card">
          <h2 className="section-title">{t('live.participant.joinTitle')}</h2>
          <p>
            {t(s.joinPolicy === 'link' && !account ? 'live.participant.joinPseudonymous' : 'live.participant.joinAsYou', {
              name: account?.account.displayName ?? '',
            })}
          </p>
          <p className="muted small-note">{t('live.participant.privacy')}</p>
          {joinError && <Alert type="error" showIcon role="alert" title={joinError} className="block" />}
          <Button type="primary" size="large" block className="big-button" loading={joining} disabled={joining} onClick={join}>
            {t('live.participant.join')}
          </Button>
        </Card>
      ) : (
        <>
          <p className="muted small-note" data-testid="pseudonym">
            {t('live.participant.youAre', { name: s.me.pseudonym })}
          </p>
          <MySpeech live={live} />
          <PollsSection live={live} />
          <VoteSection live={live} />
          <WriteSection live={live} />
          <HandSection live={live} />
          <MapSection live={live} />
        </>
      )}
    </>
  );
}

/** One statement at a time, in the server's order (Pol.is's priority), with three big buttons. */
function VoteSection({ live }: { live: UseLive }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const s = live.state.session!;
  const [current, setCurrent] = useState<Statement | null>(null);
  const [beforeRoom, setBeforeRoom] = useState(false);
  const [remaining, setRemaining] = useState<number | null>(null);
  const [busy, setBusy] = useState<LiveVote | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  const loadNext = useCallback(async () => {
    try {
      const n = await liveApi.next(s.id);
      setCurrent(n.statement);
      setBeforeRoom(n.current);
      setRemaining(n.remaining);
      setLoaded(true);
    } catch (e) {
      setError(liveError(t, e));
    }
  }, [s.id, t]);

  // A new statement while there was nothing left to vote on: fetch it.
  const version = live.state.statementsVersion;
  useEffect(() => {
    if (!current) void loadNext();
  }, [version]);
  // The statement on screen was withdrawn or rejected meanwhile.
  const gone = current && live.state.statements.find((x) => x.id === current.id && x.state !== 'published');
  useEffect(() => {
    if (gone) void loadNext();
  }, [gone, loadNext]);
  // The convener put a statement before the room: offer it (the server does, until voted on).
  const roomStatement = s.currentStatementId;
  useEffect(() => {
    if (roomStatement && roomStatement !== current?.id) void loadNext();
  }, [roomStatement]);

  const vote = async (v: LiveVote) => {
    if (!current) return;
    setBusy(v);
    setError(null);
    try {
      await liveApi.vote(s.id, current.id, v);
      void message.success({ content: t('live.vote.recorded'), duration: 1 });
      await loadNext();
    } catch (e) {
      setError(liveError(t, e));
      if (e instanceof ApiError && e.status === 409) await loadNext();
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="vote-title" className="public-section">
      <h2 id="vote-title" className="section-title">
        {t('live.vote.title')}
      </h2>
      <Card className="vote-card" data-testid="vote-card">
        {!loaded ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : !current ? (
          <p className="empty-text" data-testid="vote-done">
            {t(live.state.statements.some((x) => x.state === 'published') ? 'live.vote.allDone' : 'live.vote.none')}
          </p>
        ) : (
          <>
            {beforeRoom && (
              <Tag color="red" data-testid="vote-current">
                {t('live.vote.current')}
              </Tag>
            )}
            <p className="vote-statement" data-testid="vote-statement" aria-live="polite">
              {current.text}
            </p>
            {current.mine && <p className="muted small-note">{t('live.vote.yours')}</p>}
            {error && <Alert type="error" showIcon role="alert" title={error} className="block" />}
            <div className="vote-buttons" role="group" aria-label={t('live.vote.title')}>
              <Button
                size="large"
                className="vote-btn vote-agree"
                icon={<CheckOutlined aria-hidden />}
                loading={busy === 'agree'}
                disabled={!!busy}
                onClick={() => vote('agree')}
              >
                {t('live.vote.agree')}
              </Button>
              <Button
                size="large"
                className="vote-btn vote-disagree"
                icon={<CloseOutlined aria-hidden />}
                loading={busy === 'disagree'}
                disabled={!!busy}
                onClick={() => vote('disagree')}
              >
                {t('live.vote.disagree')}
              </Button>
              <Button
                size="large"
                className="vote-btn vote-pass"
                icon={<MinusOutlined aria-hidden />}
                loading={busy === 'pass'}
                disabled={!!busy}
                onClick={() => vote('pass')}
              >
                {t('live.vote.pass')}
              </Button>
            </div>
            {remaining !== null && <p className="muted small-note">{t('live.vote.remaining', { n: remaining })}</p>}
          </>
        )}
      </Card>
    </section>
  );
}

/** Writing a statement: the limit shown as one types, refusals in plain words under the field. */
function WriteSection({ live }: { live: UseLive }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const s = live.state.session!;
  const [form] = Form.useForm<{ text: string }>();
  const [busy, setBusy] = useState(false);
  const mine = live.state.statements.filter((x) => x.mine);
  const submit = async ({ text }: { text: string }) => {
    setBusy(true);
    try {
      const st = await liveApi.write(s.id, text.trim());
      live.put({ statement: st });
      form.resetFields();
      void message.success(t(st.state === 'pending' ? 'live.write.pending' : 'live.write.published'));
    } catch (e) {
      form.setFields([{ name: 'text', errors: [liveError(t, e)] }]);
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async (st: Statement) => {
    try {
      live.put({ statement: await liveApi.moderate(s.id, st.id, 'withdraw') });
    } catch (e) {
      void message.error(liveError(t, e));
    }
  };
  return (
    <section aria-labelledby="write-title" className="public-section">
      <h2 id="write-title" className="section-title">
        {t('live.write.title')}
      </h2>
      <Card>
        <Form form={form} layout="vertical" name="statement" onFinish={submit} requiredMark>
          <Form.Item
            name="text"
            label={t('live.write.label')}
            extra={t(s.moderation === 'pre' ? 'live.write.helpPre' : 'live.write.helpPost', { max: STATEMENT_MAX })}
            rules={[
              { required: true, whitespace: true, message: t('live.refusal.statementEmpty') },
              { max: STATEMENT_MAX, message: t('live.error.tooLong', { max: STATEMENT_MAX }) },
            ]}
          >
            <Input.TextArea rows={3} showCount maxLength={STATEMENT_MAX} placeholder={t('live.write.placeholder')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block className="big-button" loading={busy} disabled={busy}>
            {t('live.write.submit')}
          </Button>
        </Form>
        {mine.length > 0 && (
          <>
            <h3 className="group-title">{t('live.write.mine')}</h3>
            <ul className="plain-list">
              {mine.map((x) => (
                <li key={x.id} className="mine-row" data-testid="my-statement">
                  <div>{x.text}</div>
                  <Flex gap={8} align="center" wrap>
                    <StatementStateTag state={x.state} />
                    {mayAct(s, 'statement', x, 'withdraw') && (
                      <Button type="link" className="touch-target inline-link" onClick={() => withdraw(x)}>
                        {t('live.write.withdraw')}
                      </Button>
                    )}
                  </Flex>
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
    </section>
  );
}

/** The caller's raised hand, as the server marks it (`mine`, also after a reload). */
function useMyHand(live: UseLive): Hand | undefined {
  return live.state.hands.find((h) => h.mine && (h.state === 'waiting' || h.state === 'speaking'));
}

/** When the convener gives the caller the floor: a banner at the top with the time left. */
function MySpeech({ live }: { live: UseLive }) {
  const t = useT();
  const hand = useMyHand(live);
  const speaking = hand?.state === 'speaking';
  const now = useNow(speaking);
  if (!speaking || !hand) return null;
  const left = secondsLeft(hand, now);
  return (
    <Alert
      type="success"
      showIcon
      className="block floor-banner"
      data-testid="my-floor"
      title={t('live.hand.yourTurn')}
      description={left === null ? undefined : t(left >= 0 ? 'live.hand.timeLeft' : 'live.hand.overTime', { time: clock(left) })}
    />
  );
}

function HandSection({ live }: { live: UseLive }) {
  const t = useT();
  const s = live.state.session!;
  const hand = useMyHand(live);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const waiting = live.state.hands.filter((h) => h.state === 'waiting');
  const speaker = live.state.hands.find((h) => h.state === 'speaking');
  const ahead = hand?.state === 'waiting' ? waiting.findIndex((h) => h.id === hand.id) : -1;
  const run = async (fn: () => Promise<Hand>) => {
    setBusy(true);
    setError(null);
    try {
      const h = await fn();
      live.put({ hands: [...live.state.hands.filter((x) => x.id !== h.id), h] });
    } catch (e) {
      setError(liveError(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="hand-title" className="public-section">
      <h2 id="hand-title" className="section-title">
        {t('live.hand.title')}
      </h2>
      <Card data-testid="hand-card">
        <p>
          {speaker ? t('live.hand.speakingNow', { name: speaker.name }) : t('live.hand.nobodySpeaking')} ·{' '}
          {t('live.hand.waitingCount', { n: waiting.length })}
        </p>
        {error && <Alert type="error" showIcon role="alert" title={error} className="block" />}
        {!hand ? (
          <Button
            type="primary"
            size="large"
            block
            className="big-button"
            icon={<PlusOutlined />}
            loading={busy}
            disabled={busy}
            onClick={() => run(() => liveApi.raiseHand(s.id))}
          >
            {t('live.hand.raise')}
          </Button>
        ) : hand.state === 'waiting' ? (
          <>
            <p data-testid="hand-waiting">
              <strong>{t('live.hand.raised')}</strong> {ahead > 0 ? t('live.hand.ahead', { n: ahead }) : t('live.hand.next')}
            </p>
            {mayAct(s, 'hand', hand, 'withdraw') && (
              <Button
                size="large"
                block
                className="big-button"
                loading={busy}
                disabled={busy}
                onClick={() => run(() => liveApi.withdrawHand(s.id, hand.id))}
              >
                {t('live.hand.lower')}
              </Button>
            )}
          </>
        ) : (
          <p data-testid="hand-speaking">
            <strong>{t('live.hand.yourTurn')}</strong>
          </p>
        )}
      </Card>
    </section>
  );
}

function PollsSection({ live }: { live: UseLive }) {
  const t = useT();
  const s = live.state.session!;
  const polls = useMemo(() => [...live.state.polls].sort((a, b) => b.createdAt.localeCompare(a.createdAt)), [live.state.polls]);
  const open = polls.filter((p) => p.state === 'open');
  const closed = polls.filter((p) => p.state === 'closed').slice(0, 3);
  if (!polls.length) return null;
  return (
    <section aria-labelledby="polls-title" className="public-section">
      <h2 id="polls-title" className="section-title">
        {t('live.poll.title')}
      </h2>
      {open.map((p) => (
        <Card key={p.id} className="block" data-testid="poll-open">
          <Tag color="red">{t('live.poll.open')}</Tag>
          <PollAnswerForm sessionId={s.id} poll={p} onAnswered={(x) => live.put({ poll: x })} />
          {p.tally && (
            <>
              <h3 className="group-title">{t('live.poll.resultsSoFar')}</h3>
              <PollResults poll={p} />
            </>
          )}
        </Card>
      ))}
      {closed.map((p) => (
        <Card key={p.id} size="small" className="block" data-testid="poll-closed">
          <h3 className="card-title">{p.question}</h3>
          <Tag>{t('live.poll.closed')}</Tag>
          <PollResults poll={p} />
        </Card>
      ))}
    </section>
  );
}

function MapSection({ live }: { live: UseLive }) {
  const t = useT();
  return (
    <section aria-labelledby="map-title" className="public-section">
      <h2 id="map-title" className="section-title">
        {t('live.map.title')}
      </h2>
      <Card>
        <OpinionMap
          map={live.state.map}
          statements={live.state.statements}
          me={live.state.me}
          beside={false}
          height={260}
          perGroup={2}
          tableToggle={false}
          testId="participant-map"
        />
      </Card>
    </section>
  );
}
