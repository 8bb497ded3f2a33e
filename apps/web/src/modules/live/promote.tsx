import { useState } from 'react';
import { App as AntApp, Button, Form, Input, Modal, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../../platform/api/useApi.ts';
import { useT } from '../../platform/i18n/index.tsx';
import { deliberationsApi } from '../deliberations/index.tsx';
import { liveApi } from './api.ts';
import { liveError } from './errors.ts';

export interface Promoted {
  /** The recommendation's number by statement text (a promoted statement keeps its text). */
  seqOf: (text: string) => number | null;
  reload: () => void;
}

/** Which statements are already recommendations of the deliberation. */
export function usePromoted(deliberationId: string): Promoted {
  const recs = useApi(() => deliberationsApi.recommendations(deliberationId), [deliberationId]);
  return {
    seqOf: (text) => recs.data?.items.find((r) => r.text === text)?.seq ?? null,
    reload: recs.reload,
  };
}

/** Promotes a consensus statement into the recommendations list (list 1), with an optional rationale. */
export function PromoteButton({
  sessionId,
  deliberationId,
  statementId,
  text,
  promoted,
}: {
  sessionId: string;
  deliberationId: string;
  statementId: string;
  text?: string;
  promoted: Promoted;
}) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rationale, setRationale] = useState('');
  const [done, setDone] = useState<number | null>(null);
  const seq = done ?? (text ? promoted.seqOf(text) : null);
  if (seq !== null)
    return (
      <span className="promoted" data-testid="promoted">
        <Tag color="green">{t('live.promote.done', { seq })}</Tag>
        <Link to={`/deliberations/${deliberationId}?tab=outcome`}>{t('live.promote.view')}</Link>
      </span>
    );
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await liveApi.promote(sessionId, statementId, rationale.trim() || undefined);
      setDone(r.seq);
      setOpen(false);
      promoted.reload();
      void message.success(t('live.promote.done', { seq: r.seq }));
    } catch (e) {
      setError(liveError(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" type="primary" ghost onClick={() => setOpen(true)} data-testid="promote">
        {t('live.promote.button')}
      </Button>
      <Modal
        open={open}
        title={t('live.promote.title')}
        okText={t('live.promote.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <p>{t('live.promote.intro')}</p>
        <Form layout="vertical">
          <Form.Item
            label={t('live.promote.rationale')}
            extra={t('live.promote.rationaleHint')}
            validateStatus={error ? 'error' : undefined}
            help={error ?? undefined}
          >
            <Input.TextArea rows={3} maxLength={5000} value={rationale} onChange={(e) => setRationale(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
