import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { useEffect } from 'react';
import { useLocale } from '../../platform/i18n/index.tsx';

/** The frame of the pages before login: the platform's name, a language switch, one card. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const { t, locale, setLocale } = useLocale();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="auth-page">
      <header className="auth-header">
        <Flex align="center" justify="space-between" style={{ maxWidth: 440, margin: '0 auto' }}>
          <Flex align="center" gap={8}>
            <span className="brand-mark" aria-hidden="true">
              商
            </span>
            <span className="brand-name">{t('app.fullName')}</span>
          </Flex>
          <Typography.Link
            className="touch-target lang-link"
            aria-label={t('header.switchToLabel')}
            lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
            onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}
          >
            {t('header.switchTo')}
          </Typography.Link>
        </Flex>
      </header>
      <main id="main" className="auth-main">
        <Card className="auth-card">
          <Typography.Title level={1} className="page-title">
            {title}
          </Typography.Title>
          {children}
        </Card>
        <Typography.Paragraph className="auth-subtitle">{t('app.subtitle')}</Typography.Paragraph>
      </main>
    </div>
  );
}
