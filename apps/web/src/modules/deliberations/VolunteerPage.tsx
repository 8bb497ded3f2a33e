import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Result, Skeleton } from 'antd';
import { CheckCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../platform/api/client.ts';
import { useApi } from '../../platform/api/useApi.ts';
import { errorMessage } from '../../platform/errors.ts';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { formatDate } from '../../platform/format.ts';
import { useLocale } from '../../platform/i18n/index.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { lotteryApi } from './api.ts';
import { askedFeatures, featureLabel, valueLabel, volunteerCategories } from './lotteryLabels.ts';

interface VolunteerValues {
  category: string;
  /** Named as the API names them, so that the server's field errors land beside the fields. */
  features?: { community?: string; gender?: string; ageBand?: string };
}

/** A field's label with "（选填）" after it. */
function Optional({ label }: { label: string }) {
  const t = useLocale().t;
  return (
    <>
      {label}
      <span className="muted">{t('lottery.optional')}</span>
    </>
  );
}

/**
 * Volunteering for a deliberation's lottery, on a phone: who you are (category) and a few
 * optional features the quotas use, with why they are asked and who sees them (UI.md, 个人信息保护法).
 */
export default function VolunteerPage() {
  const { id = '' } = useParams();
  const { t, locale } = useLocale();
  const info = useApi(() => lotteryApi.publicOne(id), [id]);
  const [form] = Form.useForm<VolunteerValues>();
  const [doneAt, setDoneAt] = useState<string | null>(null);
  const labels = {
    category: t('lottery.field.category'),
    community: featureLabel(t, 'community'),
    gender: featureLabel(t, 'gender'),
    ageBand: featureLabel(t, 'ageBand'),
  };
  const l = info.data;
  const backTo = l ? `/r/${l.roomId}` : '/';
  const volunteeredAt = doneAt ?? l?.volunteeredAt ?? null;

  return (
    <>
      <PageHeader title={t('lottery.signUpTitle')} backTo={backTo} />
      <Card className="narrow-card">
        {info.error ? (
          <Alert type="error" showIcon title={errorMessage(t, info.error)} />
        ) : !l ? (
          <Skeleton active />
        ) : volunteeredAt ? (
          <Result
            icon={<CheckCircleFilled style={{ color: '#2E7D32' }} />}
            status="success"
            title={t('lottery.done')}
            subTitle={`${t('lottery.doneOn', { date: formatDate(volunteeredAt, locale) })} ${t('lottery.doneNote')}`}
            extra={
              <Link to={backTo}>
                <Button size="large" className="touch-target">
                  {t('lottery.backToRoom')}
                </Button>
              </Link>
            }
            data-testid="volunteer-done"
          />
        ) : (
          <>
            <h2 className="card-title">{l.title}</h2>
            <p className="muted">
              {l.roomName} · {t('lottery.volunteerCount', { count: l.volunteerCount })}
            </p>
            <Alert
              type="info"
              showIcon
              icon={<SafetyCertificateOutlined />}
              className="block"
              title={t('lottery.whyTitle')}
              description={
                <>
                  <p className="privacy-note">{t('lottery.why')}</p>
                  <p className="privacy-note">{t('lottery.whoSees')}</p>
                </>
              }
              data-testid="volunteer-privacy"
            />
            {!l.abilities.volunteer ? (
              <Alert type="warning" showIcon title={t('lottery.closed')} />
            ) : (
              <AppForm<VolunteerValues>
                form={form}
                name="volunteer"
                vertical
                blockSubmit
                labels={labels}
                initialValues={{ features: { gender: '', ageBand: '' } }}
                submitLabel={t('lottery.submit')}
                onSubmit={async (v) => {
                  // Features left empty are not sent: the lottery counts them as 未填写.
                  const features = Object.fromEntries(
                    Object.entries(v.features ?? {})
                      .map(([k, x]) => [k, (x ?? '').trim()])
                      .filter(([, x]) => x),
                  );
                  try {
                    const created = await lotteryApi.volunteer(id, { category: v.category, features });
                    setDoneAt(created.createdAt);
                  } catch (e) {
                    // Signed up already (another tab, a double tap): show the sign-up as it stands.
                    if (e instanceof ApiError && e.code === 'conflict') info.reload();
                    else throw e;
                  }
                }}
              >
                <Form.Item name="category" label={labels.category} rules={[required(t, labels.category, true)]}>
                  <Radio.Group className="radio-stack">
                    {volunteerCategories.map((c) => (
                      <Radio key={c} value={c} className="touch-radio">
                        {valueLabel(t, 'category', c)}
                      </Radio>
                    ))}
                  </Radio.Group>
                </Form.Item>
                <Form.Item name={['features', 'community']} label={<Optional label={labels.community} />}>
                  <Input size="large" maxLength={32} placeholder={t('lottery.communityPlaceholder')} autoComplete="off" />
                </Form.Item>
                {(Object.keys(askedFeatures) as (keyof typeof askedFeatures)[]).map((k) => (
                  <Form.Item key={k} name={['features', k]} label={<Optional label={labels[k]} />}>
                    <Radio.Group className="radio-stack">
                      {askedFeatures[k].map((v) => (
                        <Radio key={v} value={v} className="touch-radio">
                          {valueLabel(t, k, v)}
                        </Radio>
                      ))}
                      <Radio value="" className="touch-radio">
                        {t('lottery.preferNot')}
                      </Radio>
                    </Radio.Group>
                  </Form.Item>
                ))}
              </AppForm>
            )}
          </>
        )}
      </Card>
    </>
  );
}
