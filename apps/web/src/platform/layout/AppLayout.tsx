import { Suspense, useMemo, useState } from 'react';
import { App as AntApp, Avatar, Button, Drawer, Dropdown, Flex, Layout, Menu, Select, Spin, Typography } from 'antd';
import { DownOutlined, LockOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session.tsx';
import { useLocale, useT } from '../i18n/index.tsx';
import { reaches, type NavItem } from '../module.ts';
import { InboxBell } from './InboxBell.tsx';
import { useIsMobile } from './responsive.ts';

/** The logged-in shell: header, side menu (a drawer on phones), and the page in `<main>`. */
export function AppLayout({ nav }: { nav: NavItem[] }) {
  const t = useT();
  const mobile = useIsMobile();
  const { acting } = useSession();
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);

  const items = useMemo(() => nav.filter((n) => reaches(acting?.roles ?? [], n.roles)).sort((a, b) => a.order - b.order), [nav, acting]);
  const selected = useMemo(() => {
    const match = items
      .filter((n) => !n.external && (n.path === '/' ? location.pathname === '/' : location.pathname.startsWith(n.path)))
      .sort((a, b) => b.path.length - a.path.length)[0];
    return match ? [match.key] : [];
  }, [items, location.pathname]);

  const menu = (
    <nav aria-label={t('nav.main')}>
      <Menu
        mode="inline"
        selectedKeys={selected}
        style={{ borderInlineEnd: 'none' }}
        onClick={() => setDrawerOpen(false)}
        items={items.map((n) => ({
          key: n.key,
          icon: n.icon,
          label: n.external ? (
            <a href={n.path} target="_blank" rel="noreferrer">
              {t(n.label)}
            </a>
          ) : (
            <Link to={n.path}>{t(n.label)}</Link>
          ),
        }))}
      />
    </nav>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="app-header">
        <Flex align="center" gap={8} style={{ minWidth: 0, flex: 1 }}>
          {mobile && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.openMenu')}
              aria-expanded={drawerOpen}
              className="touch-target"
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              商
            </span>
            <span className="brand-name">{mobile ? t('app.name') : t('app.fullName')}</span>
          </Link>
        </Flex>
        <Flex align="center" gap={mobile ? 0 : 12}>
          {!mobile && <ActingNodeSwitcher />}
          <InboxBell />
          <LanguageSwitch />
          <UserMenu />
        </Flex>
      </Layout.Header>
      <Layout>
        {!mobile && (
          <Layout.Sider width={216} theme="light" className="app-sider">
            {menu}
          </Layout.Sider>
        )}
        {mobile && (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={280}
            title={t('nav.menu')}
            styles={{ body: { padding: 0 } }}
          >
            <div style={{ padding: 16 }}>
              <ActingNodeSwitcher block />
            </div>
            {menu}
          </Drawer>
        )}
        <Layout.Content id="main" tabIndex={-1} className="app-main">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** A page while its code or data loads. */
export function PageLoading() {
  const t = useT();
  return (
    <Flex justify="center" align="center" style={{ padding: 48 }}>
      <Spin description={t('common.loading')} />
    </Flex>
  );
}

/** Chooses the node the person acts from, among those where they hold roles. */
function ActingNodeSwitcher({ block }: { block?: boolean }) {
  const t = useT();
  const { nodes, acting, setActing } = useSession();
  const navigate = useNavigate();
  if (nodes.length === 0) return null;
  const label = (n: (typeof nodes)[number]) => `${n.nodeName} · ${n.roles.map((r) => t(`role.${r}`)).join('、')}`;
  if (nodes.length === 1) {
    if (block) return <span className="acting-node block">{label(nodes[0]!)}</span>;
    return (
      <Typography.Text className="acting-node" ellipsis={{ tooltip: label(nodes[0]!) }} style={{ maxWidth: block ? '100%' : 320 }}>
        {label(nodes[0]!)}
      </Typography.Text>
    );
  }
  return (
    <Select
      aria-label={t('header.actingNode')}
      value={acting?.nodeId}
      style={{ width: block ? '100%' : 300 }}
      popupMatchSelectWidth={false}
      onChange={(id: string) => {
        setActing(id);
        navigate('/');
      }}
      options={nodes.map((n) => ({ value: n.nodeId, label: label(n) }))}
    />
  );
}

/** Switches between Chinese and English; the choice persists. */
function LanguageSwitch() {
  const { locale, setLocale, t } = useLocale();
  return (
    <Button
      type="text"
      className="touch-target"
      aria-label={t('header.switchToLabel')}
      lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
      onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}
    >
      {t('header.switchTo')}
    </Button>
  );
}

/** The person's name with change password and log out. */
function UserMenu() {
  const t = useT();
  const mobile = useIsMobile();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  if (!me) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'password', icon: <LockOutlined />, label: t('header.changePassword') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') },
        ],
        onClick: async ({ key }) => {
          if (key === 'password') navigate('/change-password');
          if (key === 'logout') {
            await logout();
            void message.success(t('header.loggedOut'));
            navigate('/login', { replace: true });
          }
        },
      }}
    >
      <Button type="text" className="touch-target user-button" aria-label={`${t('header.userMenu')}: ${me.account.displayName}`}>
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#C8161D' }} />
        {!mobile && <span className="user-name">{me.account.displayName}</span>}
        {!mobile && <DownOutlined style={{ fontSize: 10 }} />}
      </Button>
    </Dropdown>
  );
}
