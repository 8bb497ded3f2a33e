import { Alert, App as AntApp, Card, Descriptions, Form, Input, Result, Skeleton } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../../platform/api/useApi.ts';
import { errorMessage } from '../../platform/errors.ts';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { formatDate } from '../../platform/format.ts';
import { useLocale } from '../../platform/i18n/index.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { ActionBar } from '../../platform/lifecycle/ActionBar.tsx';
import { responsibilitiesApi } from './api.ts';
import { ResponsibilityStateTag } from './shared.tsx';

/** One responsibility: what, by when, its state; the department's next steps and progress reports. */
export default function ResponsibilityPage() {
  const { id = '' } = useParams();
  const { t, locale } = useLocale();
  const { message } = AntApp.useApp();
  const r = useApi(() => responsibilitiesApi.get(id), [id]);
  const [form] = Form.useForm<{ note: string; evidence?: string }>();
  if (r.error) return <Alert type="error" showIcon title={errorMessage(t, r.error)} />;
  if (r.loading) return <Skeleton active />;
  if (!r.data) return <Result status="404" title={t('resp.notFound')} />;
  const resp = r.data;
  return (
    <>
      <PageHeader
        title={resp.action}
        crumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('resp.title'), to: '/responsibilities' },
        ]}
      />
      <Card className="block">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('common.state')}>
            <ResponsibilityStateTag state={resp.state} />
            {resp.overdue && <strong className="overdue">{t('resp.overdueDays', { days: resp.overdueDays })}</strong>}
          </Descriptions.Item>
          <Descriptions.Item label={t('resp.deliberation')}>
            <Link to={`/deliberations/${resp.deliberationId}?tab=outcome`}>{resp.deliberationTitle}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('participant.department')}>{resp.departmentName}</Descriptions.Item>
          <Descriptions.Item label={t('resp.personInCharge')}>{resp.personInCharge}</Descriptions.Item>
          <Descriptions.Item label={t('resp.deadline')}>{formatDate(resp.deadline, locale)}</Descriptions.Item>
          {resp.reason && <Descriptions.Item label={t('lifecycle.reason')}>{resp.reason}</Descriptions.Item>}
          {resp.feedback && <Descriptions.Item label={t('room.feedback')}>{resp.feedback}</Descriptions.Item>}
          {resp.feedbackEvidence && <Descriptions.Item label={t('lifecycle.evidence')}>{resp.feedbackEvidence}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {resp.nextActions.length > 0 && (
        <Card title={<h2 className="card-title">{t('lifecycle.next')}</h2>} className="block">
          <ActionBar
            actions={resp.nextActions}
            labelPrefix="resp.action"
            run={(a, body) => responsibilitiesApi.act(id, a, body)}
            onDone={r.reload}
            ask={{ complete: ['feedback', 'evidence'], decline: ['reason'], cannotDo: ['reason'] }}
            primary={['accept', 'start', 'complete']}
            danger={['decline', 'cannotDo']}
          />
        </Card>
      )}
      {resp.abilities.reportProgress && (
        <Card title={<h2 className="card-title">{t('resp.progress')}</h2>}>
          <AppForm<{ note: string; evidence?: string }>
            form={form}
            name="progress"
            submitLabel={t('resp.reportProgress')}
            onSubmit={async (v) => {
              await responsibilitiesApi.progress(id, { note: v.note, evidence: v.evidence || undefined });
              void message.success(t('resp.progressSaved'));
              form.resetFields();
              r.reload();
            }}
          >
            <Form.Item name="note" label={t('resp.progressNote')} rules={[required(t, t('resp.progressNote'))]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="evidence" label={t('lifecycle.evidence')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </AppForm>
        </Card>
      )}
    </>
  );
}
