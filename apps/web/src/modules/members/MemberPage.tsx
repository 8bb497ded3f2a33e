import { Alert, Card } from 'antd';
import { useParams } from 'react-router-dom';
import { useApi } from '../../platform/api/useApi.ts';
import { errorMessage } from '../../platform/errors.ts';
import { useT } from '../../platform/i18n/index.tsx';
import { PageLoading } from '../../platform/layout/AppLayout.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { membersApi } from './api.ts';
import { MemberFields } from './MemberFields.tsx';

/** One member's record. */
export default function MemberPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { data, error, loading } = useApi(() => membersApi.get(id), [id]);
  if (loading && !data) return <PageLoading />;
  if (error || !data) return <Alert type="error" showIcon title={t('common.loadFailed', { reason: errorMessage(t, error) })} />;
  return (
    <>
      <PageHeader
        title={data.name}
        crumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('members.title'), to: '/members' },
        ]}
      />
      <Card>
        <MemberFields member={data} />
      </Card>
    </>
  );
}
