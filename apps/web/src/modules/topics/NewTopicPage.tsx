import { Card, Form, Input, Radio } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useSession } from '../../platform/auth/session.tsx';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { useT } from '../../platform/i18n/index.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { topicCategories, topicsApi, type NewTopic } from './api.ts';

/** Raising a topic for a room, on a phone: what, where, which kind of matter. */
export default function NewTopicPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { acting } = useSession();
  const roomId = params.get('roomId') ?? (acting?.nodeKind === 'room' ? acting.nodeId : '');
  const [form] = Form.useForm<NewTopic>();
  const labels = {
    title: t('topic.title'),
    description: t('topic.description'),
    category: t('topic.categoryLabel'),
    place: t('topic.place'),
  };
  return (
    <>
      <PageHeader title={t('topic.new')} backTo={roomId ? `/r/${roomId}` : '/'} />
      <Card className="narrow-card">
        <AppForm<NewTopic>
          form={form}
          name="topic"
          vertical
          blockSubmit
          labels={labels}
          submitLabel={t('topic.submit')}
          submittingLabel={t('topic.submitting')}
          onSubmit={async (v) => {
            const created = await topicsApi.propose({ ...v, roomId, place: v.place || undefined });
            navigate(`/topics/${created.id}`, { replace: true });
          }}
        >
          <Form.Item
            name="title"
            label={labels.title}
            rules={[required(t, labels.title), { min: 4, message: t('validation.minLength', { label: labels.title, min: 4 }) }]}
          >
            <Input maxLength={80} size="large" placeholder={t('topic.titlePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="description"
            label={labels.description}
            rules={[
              required(t, labels.description),
              { min: 10, message: t('validation.minLength', { label: labels.description, min: 10 }) },
            ]}
          >
            <Input.TextArea rows={5} maxLength={5000} placeholder={t('topic.descriptionPlaceholder')} />
          </Form.Item>
          <Form.Item name="category" label={labels.category} rules={[required(t, labels.category, true)]}>
            <Radio.Group className="radio-stack">
              {topicCategories.map((c) => (
                <Radio key={c} value={c} className="touch-radio">
                  {t(`topic.category.${c}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="place" label={labels.place}>
            <Input maxLength={200} size="large" />
          </Form.Item>
        </AppForm>
      </Card>
    </>
  );
}
