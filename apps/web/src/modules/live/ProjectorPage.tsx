import { useEffect, useState } from 'react';
import { Alert, Button, Skeleton } from 'antd';
import { CompressOutlined, ExpandOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../../platform/errors.ts';
import { useLocale } from '../../platform/i18n/index.tsx';
import { formatNumber } from '../../platform/format.ts';
import { ConsensusList, OpinionMap } from './OpinionMap.tsx';
import { ConnectionTag, CountsBar, PollResults, RevokedNotice } from './parts.tsx';
import { QrCode } from './QrCode.tsx';
import { clock, secondsLeft, useLive, useNow } from './useLive.ts';

/**
 * The room's screen (大屏) during a hybrid meeting: dark, large type, full screen, live. The
 * statement being voted on with its counts, the opinion map with each group's views and the
 * consensus so far, the open poll, the speaker queue, and a QR code to join from a phone (it
 * signs the phone in at the room's venue).
 */
export default function ProjectorPage() {
  const { id = '' } = useParams();
  const { t, locale } = useLocale();
  // A screen in the room is public: the queue as everyone sees it, even when staff opened it.
  const { state, error } = useLive(id, { publicQueue: true });
  const s = state.session;
  const [full, setFull] = useState(false);
  const speaking = state.hands.find((h) => h.state === 'speaking');
  const now = useNow(!!speaking);
  useEffect(() => {
    document.title = `${t('live.screen.title')} · ${s?.title ?? ''}`;
  }, [s?.title, t]);
  useEffect(() => {
    const on = () => setFull(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, []);
  const toggleFull = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };

  if (error)
    return (
      <main className="screen" id="main">
        <Alert type="error" showIcon title={errorMessage(t, error)} />
      </main>
    );
  if (!s)
    return (
      <main className="screen" id="main">
        <Skeleton active />
      </main>
    );

  const published = state.statements.filter((x) => x.state === 'published');
  // The statement the convener put before the room; without one, the one being voted on now.
  const chosen = published.find((x) => x.id === s.currentStatementId);
  const current = chosen ?? published.find((x) => x.id === state.activeStatementId) ?? published[published.length - 1];
  const index = current ? published.indexOf(current) + 1 : 0;
  const votes = (x: (typeof published)[number]) => x.counts.agree + x.counts.disagree + x.counts.pass;
  const others = published
    .filter((x) => x.id !== current?.id)
    .sort((a, b) => votes(b) - votes(a) || b.createdAt.localeCompare(a.createdAt))
    .slice(0, 4);
  const consensusCount = (state.map?.consensus ?? []).filter((c) => c.direction === 'agree').length;
  const poll = [...state.polls].filter((p) => p.state === 'open').sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const waiting = state.hands.filter((h) => h.state === 'waiting');
  const main = s.venues.find((v) => v.main);
  const join = main?.signInCode ? `${s.joinUrl}?venue=${main.id}&code=${encodeURIComponent(main.signInCode)}` : s.joinUrl;
  const left = speaking ? secondsLeft(speaking, now) : null;

  return (
    <main className="screen" id="main" data-testid="screen">
      <header className="screen-top">
        <h1 className="screen-title">{s.title}</h1>
        <div className="screen-top-end">
          <span className="screen-figure">
            {t('live.screen.people', { n: formatNumber(state.map?.participants ?? 0, locale) })} ·{' '}
            {t('live.screen.statements', { n: formatNumber(published.length, locale) })}
          </span>
          <ConnectionTag connection={state.connection} dark />
          <RevokedNotice code={state.revoked} />
          <Button ghost icon={full ? <CompressOutlined /> : <ExpandOutlined />} onClick={toggleFull} className="touch-target">
            {t(full ? 'live.screen.exitFullscreen' : 'live.screen.fullscreen')}
          </Button>
        </div>
      </header>
      <div className="screen-grid">
        <section className="screen-panel screen-current" aria-labelledby="screen-current" data-testid="screen-current">
          <h2 id="screen-current" className="screen-heading">
            {t('live.screen.current')}
            {current && <span className="screen-sub">{t('live.screen.nOfM', { n: index, m: published.length })}</span>}
            {chosen && (
              <span className="screen-sub screen-chosen" data-testid="screen-chosen">
                {t('live.screen.chosen')}
              </span>
            )}
          </h2>
          {current ? (
            <>
              <p className="screen-statement" data-testid="screen-statement">
                {current.text}
              </p>
              <CountsBar counts={current.counts} hands={current.hands} large />
            </>
          ) : (
            <p className="screen-empty">{t('live.screen.noStatement')}</p>
          )}
          {consensusCount > 0 && (
            <div className="screen-consensus opinion-map-dark" data-testid="screen-consensus">
              <ConsensusList map={state.map} statements={state.statements} variant="dark" max={poll ? 2 : 4} heading="h2" />
            </div>
          )}
          {others.length > 0 && !poll && consensusCount === 0 && (
            <div className="screen-others">
              <h2 className="screen-heading">{t('live.screen.others')}</h2>
              <ul className="screen-other-list">
                {others.map((x) => (
                  <li key={x.id}>
                    <span className="screen-other-text">{x.text}</span>
                    <span className="screen-other-counts">
                      <span className="fig-agree">
                        {t('live.vote.agree')} <strong>{x.counts.agree + (x.hands?.agree ?? 0)}</strong>
                      </span>{' '}
                      <span className="fig-disagree">
                        {t('live.vote.disagree')} <strong>{x.counts.disagree + (x.hands?.disagree ?? 0)}</strong>
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {poll && (
            <div className="screen-poll" data-testid="screen-poll">
              <h2 className="screen-heading">{t('live.screen.poll')}</h2>
              <p className="screen-poll-q">{poll.question}</p>
              <PollResults poll={poll} large />
            </div>
          )}
        </section>
        <section className="screen-panel screen-map" aria-labelledby="screen-map">
          <h2 id="screen-map" className="screen-heading">
            {t('live.map.title')}
          </h2>
          <OpinionMap
            map={state.map}
            statements={state.statements}
            variant="dark"
            beside={false}
            height={330}
            perGroup={2}
            showConsensus={false}
            testId="screen-map"
          />
        </section>
        <aside className="screen-panel screen-side">
          <section aria-labelledby="screen-join" className="screen-join">
            <h2 id="screen-join" className="screen-heading">
              {t('live.screen.join')}
            </h2>
            <QrCode text={join} size={260} alt={t('live.screen.qrAlt')} />
            <p className="screen-url">{s.joinUrl.replace(/^https?:\/\//, '')}</p>
          </section>
          <section aria-labelledby="screen-queue" data-testid="screen-queue">
            <h2 id="screen-queue" className="screen-heading">
              {t('live.hand.title')}
            </h2>
            {speaking ? (
              <div className="screen-speaking" data-testid="screen-speaking">
                <div className="screen-speaker">{t('live.screen.speaking', { name: speaking.name })}</div>
                {speaking.venueName && <div className="screen-sub">{speaking.venueName}</div>}
                {left !== null && <div className={left < 0 ? 'screen-clock over' : 'screen-clock'}>{clock(left)}</div>}
              </div>
            ) : (
              <p className="screen-empty">{t('live.hand.nobodySpeaking')}</p>
            )}
            {waiting.length > 0 && (
              <ol className="screen-waiting">
                {waiting.slice(0, 6).map((h) => (
                  <li key={h.id}>
                    {h.name}
                    {h.venueName && <span className="screen-sub"> · {h.venueName}</span>}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </aside>
      </div>
    </main>
  );
}
