import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import type { Role } from '@shangliang/contract';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useT } from '../i18n/index.tsx';
import { PageLoading } from '../layout/AppLayout.tsx';
import { reaches } from '../module.ts';
import { useSession } from './session.tsx';

/**
 * Pages for logged-in people: the login page otherwise, and the change-password page while a
 * first password change is pending (the API refuses everything else until then).
 */
export function RequireAuth({ children, allowPending }: { children: ReactNode; allowPending?: boolean }) {
  const { status, me } = useSession();
  const location = useLocation();
  if (status === 'loading') return <PageLoading />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.account.mustChangePassword && !allowPending) return <Navigate to="/change-password" replace />;
  return <>{children}</>;
}

/** Pages for people who are not logged in (login, registration). */
export function RequireAnonymous({ children }: { children: ReactNode }) {
  const { status, me } = useSession();
  const location = useLocation();
  if (status === 'loading') return <PageLoading />;
  // Back to the page that sent the person to log in (e.g. raising a topic from a room's public page).
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (me) return <Navigate to={me.account.mustChangePassword ? '/change-password' : from} replace />;
  return <>{children}</>;
}

/** A page only some roles may open; the others are told so, not shown a broken page. */
export function RequireRoles({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { me } = useSession();
  const t = useT();
  const navigate = useNavigate();
  if (!roles || reaches(me?.roles.map((r) => r.role) ?? [], roles)) return <>{children}</>;
  return (
    <Result
      status="403"
      title={t('error.forbidden')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.goHome')}
        </Button>
      }
    />
  );
}
