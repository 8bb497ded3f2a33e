import { lazy, Suspense } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { RequireAnonymous, RequireAuth, RequireRoles } from './platform/auth/guards.tsx';
import { SessionProvider } from './platform/auth/session.tsx';
import { LocaleProvider, useLocale } from './platform/i18n/index.tsx';
import { AppLayout, PageLoading } from './platform/layout/AppLayout.tsx';
import { theme } from './platform/theme.ts';
import { homeSections, moduleRoutes, navItems, publicRoutes } from './modules/index.ts';
import { HomeSectionsProvider } from './platform/home.tsx';

const LoginPage = lazy(() => import('./modules/auth/LoginPage.tsx'));
const RegisterPage = lazy(() => import('./modules/auth/RegisterPage.tsx'));
const ChangePasswordPage = lazy(() => import('./modules/auth/ChangePasswordPage.tsx'));
const NotFound = lazy(() => import('./platform/layout/NotFound.tsx'));

/** The antd theme and language, set once for the whole app. */
function Themed({ children }: { children: React.ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider theme={theme} locale={locale === 'zh-CN' ? zhCN : enUS} button={{ autoInsertSpace: false }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** The single-page app: pages before login, then the logged-in shell with every module's pages. */
export function App() {
  return (
    <LocaleProvider>
      <Themed>
        <SessionProvider>
          <HomeSectionsProvider value={homeSections}>
            <BrowserRouter>
              <Suspense fallback={<PageLoading />}>
                <Routes>
                  {publicRoutes.map((r) => (
                    <Route key={r.path} path={r.path} element={<r.page />} />
                  ))}
                  <Route
                    path="/login"
                    element={
                      <RequireAnonymous>
                        <LoginPage />
                      </RequireAnonymous>
                    }
                  />
                  <Route
                    path="/register"
                    element={
                      <RequireAnonymous>
                        <RegisterPage />
                      </RequireAnonymous>
                    }
                  />
                  <Route
                    path="/change-password"
                    element={
                      <RequireAuth allowPending>
                        <ChangePasswordPage />
                      </RequireAuth>
                    }
                  />
                  <Route
                    element={
                      <RequireAuth>
                        <AppLayout nav={navItems} />
                      </RequireAuth>
                    }
                  >
                    {moduleRoutes.map((r) => (
                      <Route
                        key={r.path}
                        path={r.path}
                        element={
                          <RequireRoles roles={r.roles}>
                            <r.page />
                          </RequireRoles>
                        }
                      />
                    ))}
                    <Route path="*" element={<NotFound />} />
                  </Route>
                </Routes>
              </Suspense>
            </BrowserRouter>
          </HomeSectionsProvider>
        </SessionProvider>
      </Themed>
    </LocaleProvider>
  );
}
