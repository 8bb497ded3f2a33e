import { useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Flex, Form, Input, Modal, Select } from 'antd';
import { AppForm, required } from '../form/FormKit.tsx';
import { isMessageKey, useT } from '../i18n/index.tsx';
import { refusalLines } from './refusal.ts';

/** A field an action asks for before it runs (in a modal). */
export type ActionField = 'reason' | 'mergeIntoId' | 'feedback' | 'evidence';

export interface ActionBarProps {
  /** The reply's `nextActions`: only these are shown. */
  actions: readonly string[];
  /** The dictionary prefix of the actions' labels, e.g. `topic.action` for `topic.action.accept`. */
  labelPrefix: string;
  /** Runs an action with what the modal asked for. */
  run: (action: string, body: Record<string, string>) => Promise<unknown>;
  /** Called after an action succeeded (to reload the page). */
  onDone: () => void;
  /** The fields each action asks for; actions not named here run at once. */
  ask?: Record<string, ActionField[]>;
  /** The options of the merge target. */
  mergeOptions?: { value: string; label: string }[];
  /** Actions shown as the primary button (the usual way forward). */
  primary?: readonly string[];
  /** Actions that undo or refuse (shown as danger). */
  danger?: readonly string[];
  extra?: ReactNode;
}

/**
 * The next steps of a lifecycle as buttons (only those the reply offers); actions that need a
 * reason, a target or a report ask for it in a modal; a refusal is said once, with its reasons.
 */
export function ActionBar({
  actions,
  labelPrefix,
  run,
  onDone,
  ask = {},
  mergeOptions = [],
  primary = [],
  danger = [],
  extra,
}: ActionBarProps) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ action: string; lines: string[] } | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const [form] = Form.useForm<Record<string, string>>();
  const label = (a: string) => {
    const key = `${labelPrefix}.${a}`;
    return isMessageKey(key) ? t(key) : a;
  };

  const perform = async (action: string, body: Record<string, string>) => {
    setBusy(action);
    setRefusal(null);
    try {
      await run(action, body);
      void message.success(t('lifecycle.done', { action: label(action) }));
      setAsking(null);
      onDone();
    } catch (e) {
      if (asking) throw e;
      setRefusal({ action, lines: refusalLines(t, e) });
    } finally {
      setBusy(null);
    }
  };

  const fields = asking ? (ask[asking] ?? []) : [];
  return (
    <div className="action-bar">
      {refusal && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          closable={{ onClose: () => setRefusal(null) }}
          className="block"
          title={t('lifecycle.refused', { action: label(refusal.action) })}
          description={
            <ul className="refusal-list">
              {refusal.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          }
          data-testid="refusal"
        />
      )}
      {(actions.length > 0 || extra) && (
        <Flex gap={8} wrap>
          {actions.map((a) => (
            <Button
              key={a}
              type={primary.includes(a) ? 'primary' : 'default'}
              danger={danger.includes(a)}
              loading={busy === a}
              disabled={busy !== null}
              className="touch-target"
              onClick={() => {
                if (ask[a]?.length) {
                  form.resetFields();
                  setAsking(a);
                } else void perform(a, {});
              }}
            >
              {label(a)}
            </Button>
          ))}
          {extra}
        </Flex>
      )}
      <Modal open={asking !== null} title={asking ? label(asking) : ''} footer={null} onCancel={() => setAsking(null)} destroyOnHidden>
        {asking && (
          <AppForm<Record<string, string>>
            form={form}
            name={`action-${asking}`}
            vertical
            submitLabel={label(asking)}
            onCancel={() => setAsking(null)}
            onSubmit={(v) => perform(asking, Object.fromEntries(Object.entries(v).filter(([, x]) => x)))}
          >
            {fields.includes('mergeIntoId') && (
              <Form.Item name="mergeIntoId" label={t('lifecycle.mergeInto')} rules={[required(t, t('lifecycle.mergeInto'), true)]}>
                <Select options={mergeOptions} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            )}
            {fields.includes('reason') && (
              <Form.Item name="reason" label={t('lifecycle.reason')} rules={[required(t, t('lifecycle.reason'))]}>
                <Input.TextArea rows={3} maxLength={500} showCount />
              </Form.Item>
            )}
            {fields.includes('feedback') && (
              <Form.Item name="feedback" label={t('lifecycle.feedback')} rules={[required(t, t('lifecycle.feedback'))]}>
                <Input.TextArea rows={4} maxLength={5000} />
              </Form.Item>
            )}
            {fields.includes('evidence') && (
              <Form.Item name="evidence" label={t('lifecycle.evidence')} rules={[required(t, t('lifecycle.evidence'))]}>
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
            )}
          </AppForm>
        )}
      </Modal>
    </div>
  );
}
