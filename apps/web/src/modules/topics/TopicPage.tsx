import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, List, Skeleton, Space, Tag } from 'antd';
import { LikeFilled, LikeOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useApi } from '../../platform/api/useApi.ts';
import { useSession } from '../../platform/auth/session.tsx';
import { errorMessage } from '../../platform/errors.ts';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { formatDate, formatDateTime } from '../../platform/format.ts';
import { useLocale } from '../../platform/i18n/index.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { ActionBar } from '../../platform/lifecycle/ActionBar.tsx';
// The API module directly: the deliberations manifest imports this page's module (a cycle otherwise).
import { deliberationsApi } from '../deliberations/api.ts';
import { topicsApi } from './api.ts';
import { TopicStateTag } from './labels.tsx';

/** A topic: what it is, who supports it, the comments, and the next steps the person may take. */
export default function TopicPage() {
  const { id = '' } = useParams();
  const { t, locale } = useLocale();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const { me } = useSession();
  const topic = useApi(() => topicsApi.get(id), [id]);
  const comments = useApi(() => topicsApi.comments(id), [id]);
  const roomId = topic.data?.roomId;
  const others = useApi(() => (roomId ? topicsApi.list({ roomId }, null, 100) : Promise.resolve(null)), [roomId]);
  const [supporting, setSupporting] = useState(false);
  const [starting, setStarting] = useState(false);
  const [form] = Form.useForm<{ body: string }>();
  const isRunner = me?.roles.some((r) => r.role === 'convener' || r.role === 'staff') ?? false;

  if (topic.error) return <Alert type="error" showIcon title={errorMessage(t, topic.error)} />;
  if (!topic.data) return <Skeleton active />;
  const tp = topic.data;

  const toggleSupport = async () => {
    setSupporting(true);
    try {
      topic.setData(tp.supportedByMe ? await topicsApi.unsupport(id) : await topicsApi.support(id));
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setSupporting(false);
    }
  };

  const startDeliberation = async () => {
    setStarting(true);
    try {
      const d = await deliberationsApi.create(id);
      navigate(`/deliberations/${d.id}`);
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setStarting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={tp.title}
        crumbs={[
          { label: t('nav.home'), to: '/' },
          { label: tp.roomName, to: `/rooms/${tp.roomId}` },
        ]}
      />
      <Card className="block">
        <Space wrap className="block">
          <TopicStateTag state={tp.state} />
          <Tag>{t(`topic.category.${tp.category}`)}</Tag>
        </Space>
        <p className="pre-wrap">{tp.description}</p>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('topic.proposer')}>{tp.proposerName}</Descriptions.Item>
          <Descriptions.Item label={t('topic.proposedOn')}>{formatDate(tp.createdAt, locale)}</Descriptions.Item>
          {tp.place && <Descriptions.Item label={t('topic.place')}>{tp.place}</Descriptions.Item>}
          {tp.declineReason && <Descriptions.Item label={t('lifecycle.reason')}>{tp.declineReason}</Descriptions.Item>}
          {tp.mergedIntoId && (
            <Descriptions.Item label={t('topic.mergedInto')}>
              <Link to={`/topics/${tp.mergedIntoId}`}>{t('common.view')}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Space wrap>
          <Button
            icon={tp.supportedByMe ? <LikeFilled /> : <LikeOutlined />}
            className="touch-target"
            disabled={!tp.abilities.support || supporting}
            loading={supporting}
            aria-pressed={tp.supportedByMe}
            onClick={toggleSupport}
          >
            {tp.supportedByMe ? t('topic.supported') : t('topic.support')} · {tp.supportCount}
          </Button>
        </Space>
      </Card>

      {(tp.nextActions.length > 0 || (tp.state === 'selected' && isRunner)) && (
        <Card title={<h2 className="card-title">{t('lifecycle.next')}</h2>} className="block" data-testid="topic-actions">
          <ActionBar
            actions={tp.nextActions}
            labelPrefix="topic.action"
            run={(a, body) => topicsApi.act(id, a, body)}
            onDone={topic.reload}
            ask={{ decline: ['reason'], returnForRevision: ['reason'], merge: ['mergeIntoId', 'reason'], withdraw: [] }}
            mergeOptions={(others.data?.items ?? []).filter((o) => o.id !== id).map((o) => ({ value: o.id, label: o.title }))}
            primary={['accept', 'approve', 'submitForApproval', 'select']}
            danger={['decline', 'withdraw']}
            extra={
              tp.state === 'selected' && isRunner ? (
                <Button type="primary" loading={starting} className="touch-target" onClick={startDeliberation}>
                  {t('topic.startDeliberation')}
                </Button>
              ) : undefined
            }
          />
        </Card>
      )}

      <Card title={<h2 className="card-title">{t('topic.comments', { count: tp.commentCount })}</h2>}>
        {comments.error ? (
          <Alert type="error" showIcon title={errorMessage(t, comments.error)} />
        ) : (
          <List
            loading={comments.loading}
            dataSource={comments.data?.items ?? []}
            rowKey="id"
            locale={{ emptyText: <span className="empty-text">{t('topic.commentsEmpty')}</span> }}
            renderItem={(c) => (
              <List.Item>
                <div className="mobile-card">
                  <div>
                    <strong>{c.authorName}</strong> <span className="muted">{formatDateTime(c.createdAt)}</span>
                  </div>
                  <div className="pre-wrap">{c.body}</div>
                </div>
              </List.Item>
            )}
          />
        )}
        {tp.abilities.comment && (
          <AppForm<{ body: string }>
            form={form}
            name="comment"
            vertical
            submitLabel={t('topic.comment')}
            onSubmit={async (v) => {
              await topicsApi.comment(id, v.body);
              form.resetFields();
              comments.reload();
              topic.reload();
            }}
          >
            <Form.Item name="body" label={t('topic.commentLabel')} rules={[required(t, t('topic.commentLabel'))]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </AppForm>
        )}
      </Card>
    </>
  );
}
