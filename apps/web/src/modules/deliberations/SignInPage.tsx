import { useState } from 'react';
import { Alert, Button, Card, Result, Skeleton } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useApi } from '../../platform/api/useApi.ts';
import { errorMessage } from '../../platform/errors.ts';
import { formatDateTime } from '../../platform/format.ts';
import { useT } from '../../platform/i18n/index.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { deliberationsApi } from './api.ts';

/** Signing in at a meeting on the phone, after scanning the code shown in the room: one big button. */
export default function SignInPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const code = params.get('code') ?? '';
  const t = useT();
  const d = useApi(() => deliberationsApi.get(id).catch(() => null), [id]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [signedAt, setSignedAt] = useState<string | null>(null);

  const signIn = async () => {
    setBusy(true);
    setError(null);
    try {
      const p = await deliberationsApi.signIn(id, code);
      setSignedAt(p.signedInAt ?? new Date().toISOString());
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('signIn.title')} backTo="/" />
      <Card className="narrow-card">
        {d.loading ? (
          <Skeleton active />
        ) : signedAt ? (
          <Result
            icon={<CheckCircleFilled style={{ color: '#2E7D32' }} />}
            status="success"
            title={t('signIn.done')}
            subTitle={t('signIn.doneAt', { time: formatDateTime(signedAt) })}
            extra={
              <Link to={`/deliberations/${id}`}>
                <Button size="large">{t('signIn.viewMeeting')}</Button>
              </Link>
            }
            data-testid="sign-in-done"
          />
        ) : (
          <>
            {d.data && (
              <>
                <h2 className="card-title">{d.data.title}</h2>
                <p className="muted">
                  {formatDateTime(d.data.meetingAt)} · {d.data.place ?? ''}
                </p>
              </>
            )}
            {!code && <Alert type="warning" showIcon title={t('signIn.noCode')} className="block" />}
            {error && <Alert type="error" showIcon role="alert" title={error} className="block" />}
            <Button type="primary" size="large" block className="sign-in-button" loading={busy} disabled={!code || busy} onClick={signIn}>
              {t('signIn.button')}
            </Button>
          </>
        )}
      </Card>
    </>
  );
}
