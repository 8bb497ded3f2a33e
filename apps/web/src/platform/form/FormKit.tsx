import { useState, type ReactNode } from 'react';
import { Alert, Button, Flex, Form, type FormInstance, type FormProps } from 'antd';
import type { FieldIssue } from '../api/client.ts';
import { ApiError } from '../api/client.ts';
import { errorMessage, fieldMessage } from '../errors.ts';
import { useT, type Translate } from '../i18n/index.tsx';
import { useIsMobile } from '../layout/responsive.ts';
import { fieldPath } from './paths.ts';

export { fieldPath };

/** Labels above fields on phones, beside them on desktop (UI.md). */
export function useFormLayout(wide = false): Pick<FormProps, 'layout' | 'labelCol' | 'wrapperCol'> {
  const mobile = useIsMobile();
  if (mobile) return { layout: 'vertical' };
  return { layout: 'horizontal', labelCol: { flex: wide ? '140px' : '120px' }, wrapperCol: { flex: 'auto' } };
}

/**
 * Puts the server's field errors beside the fields they name; returns the sentence to show
 * above the form for what no field of the form holds (or null when every issue found a field).
 */
export function applyServerErrors(form: FormInstance, e: unknown, t: Translate, labels: Record<string, string> = {}): string | null {
  if (!(e instanceof ApiError) || e.details.length === 0) return errorMessage(t, e);
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const unplaced: FieldIssue[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const issue of e.details) {
    const name = fieldPath(issue.field);
    if (registered.has(JSON.stringify(name))) {
      const label = labels[String(name[name.length - 1])] ?? '';
      fields.push({ name, errors: [fieldMessage(t, issue, label)] });
    } else unplaced.push(issue);
  }
  form.setFields(fields);
  if (unplaced.length === 0) return null;
  return [errorMessage(t, e), ...unplaced.map((i) => fieldMessage(t, i))].join('：');
}

interface AppFormProps<V> {
  form: FormInstance<V>;
  /** Names the form for screen readers and for the field ids. */
  name: string;
  onSubmit: (values: V) => Promise<unknown>;
  submitLabel: string;
  submittingLabel?: string;
  /** Field labels by field name, for messages like "请填写姓名". */
  labels?: Record<string, string>;
  onCancel?: () => void;
  initialValues?: Partial<V>;
  children: ReactNode;
  /** Stretch the submit button (phone-first pages such as login). */
  blockSubmit?: boolean;
  /** Force labels above fields (narrow cards and modals). */
  vertical?: boolean;
}

/**
 * The one form: required marks, client checks first, then the server's field errors mapped
 * onto the fields; anything else said once above the form; the submit button disabled while
 * it submits.
 */
export function AppForm<V>({
  form,
  name,
  onSubmit,
  submitLabel,
  submittingLabel,
  labels,
  onCancel,
  initialValues,
  children,
  blockSubmit,
  vertical,
}: AppFormProps<V>) {
  const t = useT();
  const layout = useFormLayout();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const finalLayout = vertical ? { layout: 'vertical' as const } : layout;

  const onFinish = async (values: V) => {
    setSubmitting(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (e) {
      setError(applyServerErrors(form, e, t, labels));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form<V>
      form={form}
      name={name}
      {...finalLayout}
      onFinish={onFinish}
      initialValues={initialValues}
      requiredMark
      scrollToFirstError
      onValuesChange={() => error && setError(null)}
    >
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      {children}
      <Form.Item label={finalLayout.layout === 'horizontal' ? ' ' : undefined} colon={false}>
        <Flex gap={8} wrap>
          <Button
            type="primary"
            htmlType="submit"
            loading={submitting}
            disabled={submitting}
            block={blockSubmit}
            size={blockSubmit ? 'large' : 'middle'}
          >
            {submitting && submittingLabel ? submittingLabel : submitLabel}
          </Button>
          {onCancel && (
            <Button onClick={onCancel} disabled={submitting}>
              {t('common.cancel')}
            </Button>
          )}
        </Flex>
      </Form.Item>
    </Form>
  );
}

/** A required-field rule with the plain message "请填写{label}". */
export function required(t: Translate, label: string, select = false) {
  return { required: true, whitespace: !select, message: t(select ? 'validation.select' : 'validation.required', { label }) };
}
