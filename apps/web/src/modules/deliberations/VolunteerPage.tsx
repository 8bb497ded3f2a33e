import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Result, Skeleton, type RadioGroupProps } from 'antd';
import { CheckCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import type { PublicLottery } from '@shangliang/contract';
import { ApiError } from '../../platform/api/client.ts';
import { useApi } from '../../platform/api/useApi.ts';
import { errorMessage } from '../../platform/errors.ts';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { formatDate } from '../../platform/format.ts';
import { useLocale } from '../../platform/i18n/index.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { refusalLines } from '../../platform/lifecycle/refusal.ts';
import { lotteryApi, publishedLotteryPath } from './api.ts';
import { askedFeatures, featureLabel, valueLabel, volunteerCategories } from './lotteryLabels.ts';

interface VolunteerValues {
  category: string;
  /** Named as the API names them (community, gender, ageBand, q1 …), so that the server's field errors land beside the fields. */
  features?: Record<string, string | undefined>;
}

/**
 * A closed list of answers as big radio buttons, with "不愿透露" last unless the answer is required
 * (Form.Item gives it value, onChange and id).
 */
function Choices({
  choices,
  mustAnswer = false,
  ...group
}: { choices: readonly { value: string; text: string }[]; mustAnswer?: boolean } & Omit<RadioGroupProps, 'options'>) {
  const t = useLocale().t;
  return (
    <Radio.Group {...group} className="radio-stack">
      {choices.map((o) => (
        <Radio key={o.value} value={o.value} className="touch-radio">
          {o.text}
        </Radio>
      ))}
      {!mustAnswer && (
        <Radio value="" className="touch-radio">
          {t('lottery.preferNot')}
        </Radio>
      )}
    </Radio.Group>
  );
}

/** Why sign-up is closed, in plain words, with the way to the result once published. */
function ClosedNotice({ l }: { l: PublicLottery }) {
  const t = useLocale().t;
  const reason = l.closedReason ?? 'state';
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="sign-up-closed"
      title={t(`lottery.closedReason.${reason}`)}
      description={
        reason === 'published' ? (
          <Link to={publishedLotteryPath(l.deliberationId)}>{t('lottery.seeResult')}</Link>
        ) : (
          t(`lottery.closedNext.${reason}`)
        )
      }
    />
  );
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
  const [refused, setRefused] = useState<string[] | null>(null);
  const l = info.data;
  const labels: Record<string, string> = {
    category: t('lottery.field.category'),
    community: featureLabel(t, 'community'),
    gender: featureLabel(t, 'gender'),
    ageBand: featureLabel(t, 'ageBand'),
    ...Object.fromEntries((l?.questions ?? []).map((q) => [q.key, q.label])),
  };
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
                  {l.questions.length > 0 && <p className="privacy-note">{t('lottery.whyQuestions')}</p>}
                  <p className="privacy-note">{t('lottery.whoSees')}</p>
                </>
              }
              data-testid="volunteer-privacy"
            />
            {refused && <Alert type="error" showIcon role="alert" className="block" title={refused.join('；')} />}
            {!l.open ? (
              <ClosedNotice l={l} />
            ) : !l.abilities.volunteer ? (
              <Alert type="warning" showIcon title={t('lottery.closed')} />
            ) : (
              <AppForm<VolunteerValues>
                form={form}
                name="volunteer"
                vertical
                blockSubmit
                labels={labels}
                initialValues={{
                  features: Object.fromEntries(['community', 'gender', 'ageBand', ...l.questions.map((q) => q.key)].map((k) => [k, ''])),
                }}
                submitLabel={t('lottery.submit')}
                onSubmit={async (v) => {
                  // Features left empty are not sent: the lottery counts them as 未填写 (the server refuses a required question left empty).
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
                    // Closed meanwhile: say why, plainly, and show the page as it now is.
                    else if (e instanceof ApiError && e.status === 409) {
                      setRefused(refusalLines(t, e));
                      info.reload();
                    } else throw e;
                  }
                }}
              >
                <Form.Item name="category" label={labels.category} rules={[required(t, labels.category!, true)]}>
                  <Radio.Group className="radio-stack">
                    {volunteerCategories.map((c) => (
                      <Radio key={c} value={c} className="touch-radio">
                        {valueLabel(t, 'category', c)}
                      </Radio>
                    ))}
                  </Radio.Group>
                </Form.Item>
                <Form.Item name={['features', 'community']} label={<Optional label={labels.community!} />}>
                  {l.communities.length > 0 ? (
                    <Choices choices={l.communities.map((c) => ({ value: c, text: c }))} />
                  ) : (
                    <Input size="large" maxLength={32} placeholder={t('lottery.communityPlaceholder')} autoComplete="off" />
                  )}
                </Form.Item>
                {(Object.keys(askedFeatures) as (keyof typeof askedFeatures)[]).map((k) => (
                  <Form.Item key={k} name={['features', k]} label={<Optional label={labels[k]!} />}>
                    <Choices choices={askedFeatures[k].map((v) => ({ value: v, text: valueLabel(t, k, v) }))} />
                  </Form.Item>
                ))}
                {l.questions.map((q) => (
                  <Form.Item
                    key={q.key}
                    className="question-item"
                    name={['features', q.key]}
                    // A required question has the form's required mark and must be answered; an optional one may be skipped.
                    rules={q.required ? [{ required: true, message: t('lottery.answerRequired', { label: q.label }) }] : []}
                    label={
                      // Why it is asked, read before answering (UI.md: say why it is asked).
                      <span>
                        {q.required ? q.label : <Optional label={q.label} />}
                        <span className="question-why muted" data-testid="question-why">
                          {t('lottery.whyAsked', { why: q.why })}
                        </span>
                      </span>
                    }
                  >
                    <Choices choices={q.options.map((o) => ({ value: o, text: o }))} mustAnswer={q.required} />
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
