import { Alert, Card, Col, Row, Skeleton, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../../../platform/api/useApi.ts';
import { errorMessage } from '../../../platform/errors.ts';
import { formatNumber } from '../../../platform/format.ts';
import { useLocale, type MessageKey } from '../../../platform/i18n/index.tsx';
import type { HomeSectionProps } from '../../../platform/module.ts';
import { orgApi } from '../api.ts';

const figures: [string, MessageKey][] = [
  ['body', 'home.summary.bodies'],
  ['town', 'home.summary.towns'],
  ['room', 'home.summary.rooms'],
  ['sector', 'home.summary.sectors'],
  ['department', 'home.summary.departments'],
];

/** Counts under the acting node: bodies, towns, rooms, sectors, departments, members. */
export default function SummarySection({ acting }: HomeSectionProps) {
  const { t, locale } = useLocale();
  const { data, error, loading } = useApi(() => orgApi.summary(acting.nodeId), [acting.nodeId]);
  return (
    <Card
      title={<h2 className="card-title">{t('home.summaryTitle', { node: acting.nodeName })}</h2>}
      extra={<Link to={`/org/${acting.nodeId}`}>{t('nav.org')}</Link>}
      data-testid="home-summary"
    >
      {error ? (
        <Alert type="error" showIcon title={errorMessage(t, error)} />
      ) : loading || !data ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (
        <Row gutter={[16, 16]}>
          {figures.map(([kind, label]) => (
            <Col key={kind} xs={12} sm={8} xl={4}>
              <Statistic title={t(label)} value={formatNumber(data.byKind[kind] ?? 0, locale)} />
            </Col>
          ))}
          <Col xs={12} sm={8} xl={4}>
            <Statistic title={t('home.summary.members')} value={formatNumber(data.members, locale)} />
          </Col>
        </Row>
      )}
    </Card>
  );
}
