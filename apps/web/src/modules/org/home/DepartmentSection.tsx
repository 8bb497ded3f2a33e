import { Alert, Card, Descriptions, Skeleton } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../../../platform/api/useApi.ts';
import { errorMessage } from '../../../platform/errors.ts';
import { useT } from '../../../platform/i18n/index.tsx';
import type { HomeSectionProps } from '../../../platform/module.ts';
import { orgApi } from '../api.ts';
import { kindLabel } from '../labels.ts';

/** The department the person acts for. */
export default function DepartmentSection({ acting }: HomeSectionProps) {
  const t = useT();
  const { data, error, loading } = useApi(() => orgApi.node(acting.nodeId), [acting.nodeId]);
  return (
    <Card title={<h2 className="card-title">{t('home.department')}</h2>} data-testid="home-department-node">
      {error ? (
        <Alert type="error" showIcon title={errorMessage(t, error)} />
      ) : loading || !data ? (
        <Skeleton active />
      ) : (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('org.name')}>
            <Link to={`/org/${data.id}`}>{data.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('org.kind')}>{kindLabel(t, data)}</Descriptions.Item>
          {data.ancestors.length > 0 && (
            <Descriptions.Item label={t('org.parents')}>{data.ancestors.map((a) => a.name).join(' / ')}</Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Card>
  );
}
