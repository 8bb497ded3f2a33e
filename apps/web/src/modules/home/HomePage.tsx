import { Suspense } from 'react';
import { Alert, Card, Col, Row, Skeleton, Typography } from 'antd';
import { useSession } from '../../platform/auth/session.tsx';
import { useT } from '../../platform/i18n/index.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { useHomeSections } from '../../platform/home.tsx';
import { reaches } from '../../platform/module.ts';

/**
 * The home page (工作台): the sections the modules contribute for the roles the person holds at
 * the acting node, in their declared order.
 */
export default function HomePage() {
  const t = useT();
  const { me, acting } = useSession();
  const homeSections = useHomeSections();
  if (!me) return null;
  const sections = acting ? homeSections.filter((s) => reaches(acting.roles, s.roles)) : [];
  return (
    <>
      <PageHeader title={t('home.title')} noBack />
      <Typography.Paragraph className="greeting">
        <strong>{t('home.greeting', { name: me.account.displayName })}</strong>
        {acting && (
          <span className="acting-line">
            {t('home.actingAs', { roles: acting.roles.map((r) => t(`role.${r}`)).join('、'), node: acting.nodeName })}
          </span>
        )}
      </Typography.Paragraph>
      {!acting && <Alert type="info" showIcon title={t('home.noRoles')} />}
      <Row gutter={[16, 16]}>
        {acting &&
          sections.map((s) => (
            <Col key={s.key} xs={24} lg={s.width === 'full' ? 24 : 12}>
              <Suspense
                fallback={
                  <Card>
                    <Skeleton active />
                  </Card>
                }
              >
                <s.component acting={acting} />
              </Suspense>
            </Col>
          ))}
      </Row>
    </>
  );
}
