import { Alert, Button, Card, Flex, Tag } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useApi } from '../../platform/api/useApi.ts';
import { useSession } from '../../platform/auth/session.tsx';
import { errorMessage } from '../../platform/errors.ts';
import { useT } from '../../platform/i18n/index.tsx';
import { lotteryApi, publishedLotteryPath } from './api.ts';

/**
 * On a room's public page: the deliberations that take volunteers for their lottery, how many
 * have signed up (no names), and a big button to sign up; nothing when none is open.
 */
export function VolunteerSection({ roomId }: { roomId: string }) {
  const t = useT();
  const navigate = useNavigate();
  const { me } = useSession();
  const list = useApi(() => lotteryApi.publicForRoom(roomId), [roomId, me?.account.id]);
  // Open ones, those you signed up for, closed ones (said plainly) and published results to check.
  const items = (list.data?.items ?? []).filter((l) => l.open || l.volunteeredAt || l.publishedAt || l.closedReason === 'closed');
  if (list.error) return <Alert type="error" showIcon className="public-section" title={errorMessage(t, list.error)} />;
  if (!items.length) return null;
  const signUp = (id: string) => {
    const target = `/volunteer/${id}`;
    if (me) navigate(target);
    else navigate('/login', { state: { from: target } });
  };
  return (
    <section aria-labelledby="room-lotteries" className="public-section" data-testid="public-lotteries">
      <h2 id="room-lotteries" className="section-title">
        {t('lottery.publicTitle')}
      </h2>
      <p className="muted">{t('lottery.publicIntro')}</p>
      {items.map((l) => (
        <Card key={l.deliberationId} size="small" className="block" data-testid="public-lottery">
          <h3 className="card-title">{l.title}</h3>
          <Flex gap={8} wrap align="center" className="small-note">
            <span className="muted">{t('lottery.volunteerCount', { count: l.volunteerCount })}</span>
            {l.volunteeredAt && <Tag color="green">{t('lottery.volunteered')}</Tag>}
            {l.publishedAt ? (
              <Tag color="red">{t('lottery.publishedTag')}</Tag>
            ) : (
              // Why it is closed, once, in plain words (召集人已关闭报名).
              !l.open && <Tag>{t(l.closedReason ? `lottery.closedReason.${l.closedReason}` : 'lottery.closed')}</Tag>
            )}
          </Flex>
          {l.publishedAt && (
            <Link to={publishedLotteryPath(l.deliberationId)} className="small-note block-link" data-testid="published-link">
              {t('lottery.seeResult')}
            </Link>
          )}
          {l.open && !l.volunteeredAt && (me === null || l.abilities.volunteer) && (
            <Button
              type="primary"
              size="large"
              block
              icon={<TeamOutlined />}
              className="big-button"
              onClick={() => signUp(l.deliberationId)}
            >
              {t('lottery.signUp')}
            </Button>
          )}
        </Card>
      ))}
      {!me && (
        <p className="muted small-note">
          {t('lottery.signUpLoginNote')} <Link to="/register">{t('room.register')}</Link>
        </p>
      )}
    </section>
  );
}
