import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Checkbox, Flex, Radio, Tag } from 'antd';
import { consentPositions, type LiveSocketRevocation } from '@shangliang/contract';
import { useLocale, useT, type Translate } from '../../platform/i18n/index.tsx';
import { formatNumber } from '../../platform/format.ts';
import { liveApi, type Poll, type PollAnswer, type Statement, type VoteCounts } from './api.ts';
import { liveError } from './errors.ts';
import type { Connection } from './useLive.ts';

/** Whether the live channel is up, said politely to screen readers when it changes. */
export function ConnectionTag({ connection, dark }: { connection: Connection; dark?: boolean }) {
  const t = useT();
  const live = connection === 'live';
  return (
    <span
      role="status"
      aria-live="polite"
      className={`live-connection ${live ? 'is-live' : 'is-down'}${dark ? ' on-dark' : ''}`}
      data-testid="connection"
    >
      <span className="live-dot" aria-hidden />
      {t(live ? 'live.connection.live' : connection === 'closed' ? 'live.connection.closed' : 'live.connection.reconnecting')}
    </span>
  );
}

/** The channel was closed for good by the server (see `revoked` in useLive): why, and what to do. */
export function RevokedNotice({ code }: { code: LiveSocketRevocation | null }) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  if (!code) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      className="block"
      data-testid="live-revoked"
      title={t(`live.revoked.${code}`)}
      action={
        code === 'session_ended' ? (
          <Button size="small" onClick={() => navigate('/login', { state: { from: location.pathname + location.search } })}>
            {t('live.revoked.login')}
          </Button>
        ) : (
          <Button size="small" onClick={() => window.location.reload()}>
            {t('live.revoked.reload')}
          </Button>
        )
      }
    />
  );
}

const stateColors: Record<Statement['state'], string> = {
  pending: 'orange',
  published: 'green',
  rejected: 'default',
  withdrawn: 'default',
};

export function StatementStateTag({ state }: { state: Statement['state'] }) {
  const t = useT();
  return <Tag color={stateColors[state]}>{t(`live.statement.${state}`)}</Tag>;
}

/** Agree / disagree / pass as three figures and a bar (the bar is decoration: the figures carry it). */
export function CountsBar({ counts, hands, large }: { counts: VoteCounts; hands?: VoteCounts | null; large?: boolean }) {
  const { t, locale } = useLocale();
  const sum = (c: VoteCounts) => c.agree + c.disagree + c.pass;
  const all = {
    agree: counts.agree + (hands?.agree ?? 0),
    disagree: counts.disagree + (hands?.disagree ?? 0),
    pass: counts.pass + (hands?.pass ?? 0),
  };
  const total = sum(all);
  const pct = (n: number) => (total ? (n / total) * 100 : 0);
  return (
    <div className={large ? 'counts counts-large' : 'counts'} data-testid="counts">
      <div className="counts-bar" aria-hidden>
        <span className="seg-agree" style={{ width: `${pct(all.agree)}%` }} />
        <span className="seg-disagree" style={{ width: `${pct(all.disagree)}%` }} />
        <span className="seg-pass" style={{ width: `${pct(all.pass)}%` }} />
      </div>
      <div className="counts-figures">
        <span className="fig-agree">
          {t('live.vote.agree')} <strong>{formatNumber(all.agree, locale)}</strong>
        </span>
        <span className="fig-disagree">
          {t('live.vote.disagree')} <strong>{formatNumber(all.disagree, locale)}</strong>
        </span>
        <span className="fig-pass">
          {t('live.vote.pass')} <strong>{formatNumber(all.pass, locale)}</strong>
        </span>
      </div>
      {hands && sum(hands) > 0 && (
        <div className="counts-hands">{t('live.handsIncluded', { agree: hands.agree, disagree: hands.disagree, pass: hands.pass })}</div>
      )}
    </div>
  );
}

/** The label of a tally key: an option, a score or a consent position. */
export function tallyLabel(t: Translate, poll: Poll, key: string): string {
  if (poll.kind === 'score') return t('live.poll.scoreN', { n: key });
  if (poll.kind === 'consent') return t(`live.consent.${key as (typeof consentPositions)[number]}`);
  return poll.options[Number(key)] ?? key;
}

/** A poll answer in words: the options chosen, the score or the consent position. */
export function answerText(t: Translate, poll: Poll, a: PollAnswer): string {
  if (a.choices) return a.choices.map((c) => poll.options[c] ?? String(c)).join('、');
  if (a.score !== undefined) return t('live.poll.scoreN', { n: a.score });
  return a.consent ? t(`live.consent.${a.consent}`) : '';
}

/** A poll's results as labelled bars. */
export function PollResults({ poll, large }: { poll: Poll; large?: boolean }) {
  const { t, locale } = useLocale();
  if (!poll.tally) return <p className="muted">{t('live.poll.hiddenUntilClosed', { n: poll.responses })}</p>;
  const entries = Object.entries(poll.tally);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return (
    <div className={large ? 'poll-results poll-results-large' : 'poll-results'} data-testid="poll-results">
      {entries.map(([k, n]) => (
        <div key={k} className="poll-row">
          <span className="poll-label">{tallyLabel(t, poll, k)}</span>
          <span className="poll-track" aria-hidden>
            <span
              className={`poll-fill${poll.kind === 'consent' && k === 'block' ? ' is-block' : ''}`}
              style={{ width: `${(n / max) * 100}%` }}
            />
          </span>
          <span className="poll-n">{formatNumber(n, locale)}</span>
        </div>
      ))}
      <div className="muted poll-total">{t('live.poll.responses', { n: formatNumber(poll.responses, locale) })}</div>
    </div>
  );
}

/** Answering an open poll: one, several, a score 1–5 or a consent position; the last answer counts. */
export function PollAnswerForm({ sessionId, poll, onAnswered }: { sessionId: string; poll: Poll; onAnswered: (p: Poll) => void }) {
  const t = useT();
  // The caller's own answer (the server keeps it: it is there after a reload).
  const mine = poll.mine;
  const [single, setSingle] = useState<number | null>(poll.kind === 'single' ? (mine?.choices?.[0] ?? null) : null);
  const [multi, setMulti] = useState<number[]>(poll.kind === 'multiple' ? (mine?.choices ?? []) : []);
  const [score, setScore] = useState<number | null>(mine?.score ?? null);
  const [consent, setConsent] = useState<PollAnswer['consent'] | null>(mine?.consent ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sent = !!mine;
  const body: PollAnswer | null =
    poll.kind === 'single'
      ? single === null
        ? null
        : { choices: [single] }
      : poll.kind === 'multiple'
        ? multi.length
          ? { choices: multi }
          : null
        : poll.kind === 'score'
          ? score === null
            ? null
            : { score }
          : consent
            ? { consent }
            : null;
  const submit = async () => {
    if (!body) {
      setError(t('live.poll.chooseFirst'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onAnswered(await liveApi.answer(sessionId, poll.id, body));
    } catch (e) {
      setError(liveError(t, e));
    } finally {
      setBusy(false);
    }
  };
  const name = `poll-${poll.id}`;
  return (
    <div className="poll-form">
      <fieldset className="poll-fieldset">
        <legend className="poll-question">{poll.question}</legend>
        {poll.kind === 'single' && (
          <Radio.Group name={name} value={single} onChange={(e) => setSingle(e.target.value as number)} className="radio-stack">
            {poll.options.map((o, i) => (
              <Radio key={i} value={i} className="touch-radio">
                {o}
              </Radio>
            ))}
          </Radio.Group>
        )}
        {poll.kind === 'multiple' && (
          <Checkbox.Group value={multi} onChange={(v) => setMulti(v as number[])} className="radio-stack">
            {poll.options.map((o, i) => (
              <Checkbox key={i} value={i} className="touch-radio">
                {o}
              </Checkbox>
            ))}
          </Checkbox.Group>
        )}
        {poll.kind === 'score' && (
          <>
            <Radio.Group
              name={name}
              value={score}
              onChange={(e) => setScore(e.target.value as number)}
              optionType="button"
              buttonStyle="solid"
              className="score-group"
              options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n), title: t('live.poll.scoreN', { n }) }))}
            />
            <Flex justify="space-between" className="muted small-note">
              <span>{t('live.poll.scoreLow')}</span>
              <span>{t('live.poll.scoreHigh')}</span>
            </Flex>
          </>
        )}
        {poll.kind === 'consent' && (
          <Radio.Group
            name={name}
            value={consent}
            onChange={(e) => setConsent(e.target.value as PollAnswer['consent'])}
            className="radio-stack"
          >
            {consentPositions.map((c) => (
              <Radio key={c} value={c} className="touch-radio">
                <strong>{t(`live.consent.${c}`)}</strong> <span className="muted">{t(`live.consent.${c}Hint`)}</span>
              </Radio>
            ))}
          </Radio.Group>
        )}
      </fieldset>
      {error && <Alert type="error" showIcon role="alert" title={error} className="block" />}
      {mine && !error && (
        <Alert
          type="success"
          showIcon
          className="block"
          data-testid="poll-mine"
          title={t('live.poll.yourAnswer', { answer: answerText(t, poll, mine) })}
          description={t('live.poll.answered')}
        />
      )}
      <Button type="primary" size="large" block className="big-button" loading={busy} disabled={busy} onClick={submit}>
        {t(sent ? 'live.poll.change' : 'live.poll.submit')}
      </Button>
    </div>
  );
}
