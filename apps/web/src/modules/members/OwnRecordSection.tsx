import { Alert, Card, Empty, Skeleton } from 'antd';
import type { Member } from '@shangliang/contract';
import { useSession } from '../../platform/auth/session.tsx';
import { useApi } from '../../platform/api/useApi.ts';
import { errorMessage } from '../../platform/errors.ts';
import { useT } from '../../platform/i18n/index.tsx';
import type { HomeSectionProps } from '../../platform/module.ts';
import { membersApi } from './api.ts';
import { MemberFields } from './MemberFields.tsx';

/**
 * Finds the member record linked to the account among the members of the body the role is held
 * on. The API has no "my record" call yet (see the report to the server side); a body has a few
 * hundred members at most, so a handful of pages is a bounded search.
 */
async function findOwnRecord(accountId: string, bodyId: string): Promise<Member | null> {
  let cursor: string | null = null;
  let pages = 0;
  do {
    const p = await membersApi.list({ bodyId }, cursor, 100);
    const mine = p.items.find((m) => m.accountId === accountId);
    if (mine) return mine;
    cursor = p.nextCursor;
  } while (cursor && ++pages < 10);
  return null;
}

/** A member's own record on their home page. */
export default function OwnRecordSection({ acting }: HomeSectionProps) {
  const t = useT();
  const { me } = useSession();
  const accountId = me?.account.id ?? '';
  const { data, error, loading } = useApi(() => findOwnRecord(accountId, acting.nodeId), [accountId, acting.nodeId]);
  return (
    <Card title={<h2 className="card-title">{t('home.memberRecord')}</h2>} data-testid="home-member-record">
      {error ? (
        <Alert type="error" showIcon title={errorMessage(t, error)} />
      ) : loading ? (
        <Skeleton active />
      ) : data ? (
        <MemberFields member={data} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="empty-text">{t('home.memberNotLinked')}</span>} />
      )}
    </Card>
  );
}
