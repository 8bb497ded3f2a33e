import type { ReactNode } from 'react';
import { Alert, Skeleton } from 'antd';
import { errorMessage } from '../errors.ts';
import { useT } from '../i18n/index.tsx';

/**
 * The frame of a page anyone may open without logging in (a room's public page, a published
 * lottery): the platform's name on top, one column, and while its data loads a skeleton, or the
 * error in plain words.
 */
export function PublicPage({ error, ready, children }: { error: unknown; ready: boolean; children: () => ReactNode }) {
  const t = useT();
  return (
    <div className="public-page">
      <header className="public-header">
        <span className="brand-mark" aria-hidden>
          商
        </span>
        <span className="brand-name">{t('app.fullName')}</span>
      </header>
      <main className="public-main" id="main">
        {error ? <Alert type="error" showIcon title={errorMessage(t, error)} /> : !ready ? <Skeleton active /> : children()}
      </main>
    </div>
  );
}
