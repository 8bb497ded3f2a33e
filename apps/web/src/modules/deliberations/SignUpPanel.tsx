import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Flex, Form, Input, Switch, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { MAX_QUESTIONS, type Deliberation, type SignUp } from '@shangliang/contract';
import { ApiError } from '../../platform/api/client.ts';
import { useApi } from '../../platform/api/useApi.ts';
import { errorMessage } from '../../platform/errors.ts';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { useT, type Translate } from '../../platform/i18n/index.tsx';
import { refusalLines } from '../../platform/lifecycle/refusal.ts';
import { lotteryApi } from './api.ts';

/*
 * The convener's side of sign-up (issue 5): the switch that opens and closes it, and, while
 * nobody has answered, the convener's own questions (each with why it is asked and a closed list
 * of options and a switch that makes it required or optional; they become lottery features with
 * quotas, a skipped optional one counted as 未填写) and the communities or villages
 * volunteers choose from, so that a typo does not make a new kind of volunteer.
 */

interface FormValues {
  /** One per line. */
  communities: string;
  questions: { label: string; why: string; options: string; required: boolean }[];
}

const lines = (s: string | undefined) =>
  (s ?? '')
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The status of a sign-up in words, with its colour. */
function statusOf(t: Translate, s: SignUp): { text: string; color: string } {
  if (s.open) return { text: t('signUp.statusOpen'), color: 'green' };
  return { text: t(`signUp.status.${s.closedReason ?? 'closed'}`), color: s.closedReason === 'notOpened' ? 'orange' : 'default' };
}

/** A line of options checked on the page as the server will: at least `min`, none twice. */
function optionRule(t: Translate, min: number) {
  return {
    validator: (_r: unknown, v: string | undefined) => {
      const list = lines(v);
      if (list.length < min) return Promise.reject(new Error(t('signUp.optionsMin', { count: min })));
      if (new Set(list).size !== list.length) return Promise.reject(new Error(t('signUp.optionsTwice')));
      if (list.some((x) => [...x].length > 32)) return Promise.reject(new Error(t('validation.maxLength', { label: '', max: '32' })));
      return Promise.resolve();
    },
  };
}

/** `version` changes when the lottery changed (publication ends sign-up); `onChange` after the switch or the form changed. */
export function SignUpPanel({ d, version, onChange }: { d: Deliberation; version: number; onChange: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const signUp = useApi(() => lotteryApi.signUp(d.id), [d.id, version]);
  const [switching, setSwitching] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const s = signUp.data;
  if (signUp.error) return <Alert type="error" showIcon className="block" title={errorMessage(t, signUp.error)} />;
  if (!s) return null;
  const status = statusOf(t, s);

  const flip = async (open: boolean) => {
    setSwitching(true);
    try {
      signUp.setData(await lotteryApi.switchSignUp(d.id, open));
      onChange();
      void message.success(t(open ? 'signUp.opened' : 'signUp.closedDone'));
    } catch (e) {
      void message.error(refusalLines(t, e).join('；'));
    } finally {
      setSwitching(false);
    }
  };

  const labels = {
    communities: t('signUp.communities'),
    label: t('signUp.questionLabel'),
    why: t('signUp.questionWhy'),
    options: t('signUp.options'),
  };
  return (
    <Card size="small" className="block" title={<h3 className="card-title">{t('signUp.title')}</h3>} data-testid="sign-up">
      <Flex gap={8} wrap align="center" className="block">
        <Tag color={status.color} data-testid="sign-up-status">
          {status.text}
        </Tag>
        <span className="muted">{t('lottery.volunteerCount', { count: s.volunteerCount })}</span>
        {s.abilities.open && (
          <Button type="primary" loading={switching} onClick={() => void flip(true)} className="touch-target">
            {t('signUp.open')}
          </Button>
        )}
        {s.abilities.close && (
          <Button loading={switching} onClick={() => void flip(false)} className="touch-target">
            {t('signUp.close')}
          </Button>
        )}
      </Flex>
      <p className="muted">{t(s.abilities.edit ? 'signUp.intro' : 'signUp.locked')}</p>

      {s.abilities.edit ? (
        <AppForm<FormValues>
          form={form}
          name="sign-up-form"
          vertical
          labels={labels}
          initialValues={{
            communities: s.communities.join('\n'),
            questions: s.questions.map((q) => ({ label: q.label, why: q.why, options: q.options.join('\n'), required: q.required })),
          }}
          submitLabel={t('signUp.save')}
          onSubmit={async (v) => {
            try {
              const saved = await lotteryApi.setSignUpForm(d.id, {
                communities: lines(v.communities),
                questions: (v.questions ?? []).map((q) => ({
                  label: q.label.trim(),
                  why: q.why.trim(),
                  options: lines(q.options),
                  required: q.required !== false,
                })),
              });
              signUp.setData(saved);
              onChange();
              void message.success(t('signUp.saved'));
            } catch (e) {
              // Someone signed up meanwhile: say why, and show the form as it now stands.
              if (!(e instanceof ApiError) || e.status !== 409) throw e;
              void message.error(refusalLines(t, e).join('；'));
              signUp.reload();
            }
          }}
        >
          <Form.Item name="communities" label={labels.communities} extra={t('signUp.communitiesHelp')} rules={[optionRule(t, 0)]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('signUp.communitiesPlaceholder')} />
          </Form.Item>
          <Form.List name="questions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <fieldset key={f.key} className="quota-group" data-testid="sign-up-question">
                    <legend className="quota-legend">{t('signUp.question', { n: i + 1 })}</legend>
                    <Form.Item name={[f.name, 'label']} label={labels.label} rules={[required(t, labels.label)]}>
                      <Input maxLength={40} placeholder={t('signUp.questionLabelPlaceholder')} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'why']}
                      label={labels.why}
                      rules={[required(t, labels.why)]}
                      extra={t('signUp.questionWhyHelp')}
                    >
                      <Input maxLength={120} placeholder={t('signUp.questionWhyPlaceholder')} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'options']}
                      label={labels.options}
                      required
                      rules={[optionRule(t, 2)]}
                      extra={t('signUp.optionsHelp')}
                    >
                      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('signUp.optionsPlaceholder')} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'required']}
                      label={t('signUp.required')}
                      valuePropName="checked"
                      extra={t('signUp.requiredHelp')}
                    >
                      <Switch checkedChildren={t('signUp.requiredOn')} unCheckedChildren={t('signUp.requiredOff')} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} className="touch-target">
                      {t('signUp.removeQuestion', { n: i + 1 })}
                    </Button>
                  </fieldset>
                ))}
                {fields.length < MAX_QUESTIONS && (
                  <Form.Item>
                    <Button
                      icon={<PlusOutlined />}
                      onClick={() => add({ label: '', why: '', options: '', required: true })}
                      className="touch-target"
                    >
                      {t('signUp.addQuestion')}
                    </Button>
                  </Form.Item>
                )}
              </>
            )}
          </Form.List>
        </AppForm>
      ) : (
        <FormSummary s={s} />
      )}
    </Card>
  );
}

/** The questions and communities as they were asked, once nobody may change them. */
function FormSummary({ s }: { s: SignUp }) {
  const t = useT();
  if (!s.questions.length && !s.communities.length) return <p className="muted">{t('signUp.nothingExtra')}</p>;
  return (
    <dl className="pairs wide">
      {s.communities.length > 0 && (
        <div className="pair">
          <dt>{t('signUp.communities')}</dt>
          <dd>{s.communities.join('、')}</dd>
        </div>
      )}
      {s.questions.map((q) => (
        <div key={q.key} className="pair" data-testid="sign-up-question">
          <dt>
            {q.label} <Tag>{t(q.required ? 'signUp.requiredOn' : 'signUp.requiredOff')}</Tag>
          </dt>
          <dd>
            {q.options.join('、')}
            <div className="muted small-print">{q.why}</div>
          </dd>
        </div>
      ))}
    </dl>
  );
}
