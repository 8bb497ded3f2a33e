import type { ReactNode } from 'react';
import { Alert, Skeleton } from 'antd';
import { errorMessage } from '../errors.ts';
import { useT } from '../i18n/index.tsx';

/**
 * The frame of a page anyone may open without logging in (a room's public page, a published
 * lottery, a live session's phone page): the platform's name on top (and `headerEnd` at its end),
 * one column, and while its data loads a skeleton, or the error in plain words (`problem` says it
 * otherwise, e.g. with a way to log in).
 */
export function PublicPage({
  error,
  ready,
  children,
  className,
  headerEnd,
  problem,
}: {
  error: unknown;
  ready: boolean;
  children: () => ReactNode;
  className?: string;
  headerEnd?: ReactNode;
  problem?: (error: unknown) => ReactNode;
}) {
  const t = useT();
  return (
    <div className={className ? `public-page ${className}` : 'public-page'}>
      <header className="public-header">
        <span className="brand-mark" aria-hidden>
          商
        </span>
        <span className="brand-name">{t('app.fullName')}</span>
        {headerEnd}
      </header>
      <main className="public-main" id="main">
        {error ? (
          problem ? (
            problem(error)
          ) : (
            <Alert type="error" showIcon title={errorMessage(t, error)} />
          )
        ) : !ready ? (
          <Skeleton active />
        ) : (
          children()
        )}
      </main>
    </div>
  );
}
