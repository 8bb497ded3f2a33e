import { Alert, Button, Card, List, Skeleton } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../../../platform/api/useApi.ts';
import { errorMessage } from '../../../platform/errors.ts';
import { formatDate } from '../../../platform/format.ts';
import { useLocale } from '../../../platform/i18n/index.tsx';
import { responsibilitiesApi } from '../api.ts';
import { ResponsibilityStateTag } from '../shared.tsx';

const open = ['assigned', 'accepted', 'inProgress'];

/** A department's home: the responsibilities handed to it that are still open, overdue first. */
export default function DepartmentSection() {
  const { t, locale } = useLocale();
  const { data, error, loading } = useApi(() => responsibilitiesApi.list({}, null, 100), []);
  const items = (data?.items ?? []).filter((r) => open.includes(r.state)).sort((a, b) => b.overdueDays - a.overdueDays);
  return (
    <Card
      title={<h2 className="card-title">{t('resp.ourOpen', { count: items.length })}</h2>}
      extra={<Link to="/responsibilities">{t('resp.all')}</Link>}
      data-testid="home-department"
    >
      {error ? (
        <Alert type="error" showIcon title={errorMessage(t, error)} />
      ) : loading ? (
        <Skeleton active />
      ) : (
        <List
          dataSource={items.slice(0, 8)}
          rowKey="id"
          locale={{ emptyText: <span className="empty-text">{t('home.departmentEmpty')}</span> }}
          renderItem={(r) => (
            <List.Item>
              <div className="mobile-card">
                <Link to={`/responsibilities/${r.id}`}>{r.action}</Link>
                <div className="muted">
                  {r.deliberationTitle} · {t('resp.deadlineOn', { date: formatDate(r.deadline, locale) })}{' '}
                  <ResponsibilityStateTag state={r.state} />
                  {r.overdue && <strong className="overdue">{t('resp.overdueDays', { days: r.overdueDays })}</strong>}
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
      {items.length > 8 && (
        <Link to="/responsibilities">
          <Button type="link">{t('resp.all')}</Button>
        </Link>
      )}
    </Card>
  );
}
