import { useEffect, type ReactNode } from 'react';
import { Breadcrumb, Button, Flex, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useT } from '../i18n/index.tsx';
import { useIsMobile } from './responsive.ts';

export interface Crumb {
  label: string;
  to?: string;
}

interface Props {
  title: string;
  /** The path above this page, root first (not including this page). */
  crumbs?: Crumb[];
  /** Actions at the right of the title (buttons the person may take). */
  extra?: ReactNode;
  /** Where the phone's back arrow goes; the last crumb with a link when absent. */
  backTo?: string;
  /** The home page has no way back. */
  noBack?: boolean;
}

/**
 * The top of every page: breadcrumbs on desktop, a back arrow on phones (UI.md), the page's
 * title as its one h1, and the actions. It also names the browser tab.
 */
export function PageHeader({ title, crumbs = [], extra, backTo, noBack }: Props) {
  const t = useT();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  const back = backTo ?? [...crumbs].reverse().find((c) => c.to)?.to;
  return (
    <div className="page-header">
      {!mobile && crumbs.length > 0 && (
        <nav aria-label={t('nav.breadcrumb')}>
          <Breadcrumb
            items={[...crumbs, { label: title }].map((c, i, all) => ({
              key: i,
              title:
                c.to && i < all.length - 1 ? (
                  <Link to={c.to}>{c.label}</Link>
                ) : (
                  <span aria-current={i === all.length - 1 ? 'page' : undefined}>{c.label}</span>
                ),
            }))}
          />
        </nav>
      )}
      <Flex align="center" justify="space-between" gap={8} wrap>
        <Flex align="center" gap={4} style={{ minWidth: 0 }}>
          {mobile && !noBack && (
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              aria-label={t('common.back')}
              className="touch-target"
              onClick={() => (back ? navigate(back) : navigate(-1))}
            />
          )}
          <Typography.Title level={1} className="page-title">
            {title}
          </Typography.Title>
        </Flex>
        {extra && (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
    </div>
  );
}
