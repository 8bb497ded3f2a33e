import { useState } from 'react';
import { App as AntApp, Button, Card, Col, Empty, Flex, Form, Input, Popconfirm, Radio, Row, Space, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { pollKinds } from '@shangliang/contract';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { formatTime } from '../../platform/format.ts';
import { useT } from '../../platform/i18n/index.tsx';
import { liveApi, type Poll } from './api.ts';
import { mayAct } from './actions.ts';
import { liveError } from './errors.ts';
import { PollResults } from './parts.tsx';
import type { UseLive } from './useLive.ts';

interface PollValues {
  question: string;
  kind: Poll['kind'];
  options?: string[];
  results: 'live' | 'hidden';
}

/** Polls: open one (single, multiple, score 1–5, consent), watch its results, close it. */
export function PollsPanel({ live }: { live: UseLive }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const s = live.state.session!;
  const [form] = Form.useForm<PollValues>();
  const kind = Form.useWatch('kind', form);
  const [busy, setBusy] = useState<string | null>(null);
  const polls = [...live.state.polls].sort((a, b) =>
    a.state === b.state ? b.createdAt.localeCompare(a.createdAt) : a.state === 'open' ? -1 : 1,
  );
  const choice = kind === 'single' || kind === 'multiple';

  const close = async (p: Poll) => {
    setBusy(p.id);
    try {
      live.put({ poll: await liveApi.closePoll(s.id, p.id) });
      void message.success(t('live.poll.closedDone'));
    } catch (e) {
      void message.error(liveError(t, e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Row gutter={[16, 16]}>
      {s.state === 'open' && s.abilities.run && (
        <Col xs={24} lg={10}>
          <Card size="small" title={<h3 className="card-title">{t('live.poll.new')}</h3>}>
            <AppForm<PollValues>
              form={form}
              name="poll"
              vertical
              initialValues={{ kind: 'single', results: 'live', options: ['', ''] }}
              labels={{ question: t('live.poll.question') }}
              submitLabel={t('live.poll.openSubmit')}
              onSubmit={async (v) => {
                const p = await liveApi.openPoll(s.id, {
                  question: v.question.trim(),
                  kind: v.kind,
                  options: choice ? (v.options ?? []).map((o) => o.trim()) : [],
                  results: v.results,
                });
                live.put({ poll: p });
                form.resetFields();
                void message.success(t('live.poll.opened'));
              }}
            >
              <Form.Item name="question" label={t('live.poll.question')} rules={[required(t, t('live.poll.question'))]}>
                <Input.TextArea rows={2} maxLength={200} showCount />
              </Form.Item>
              <Form.Item name="kind" label={t('live.poll.kind')}>
                <Radio.Group className="radio-stack">
                  {pollKinds.map((k) => (
                    <Radio key={k} value={k}>
                      <strong>{t(`live.poll.kind.${k}`)}</strong> <span className="muted">{t(`live.poll.kind.${k}Hint`)}</span>
                    </Radio>
                  ))}
                </Radio.Group>
              </Form.Item>
              {choice && (
                <Form.List
                  name="options"
                  rules={[
                    {
                      validator: async (_, v?: string[]) => {
                        const list = (v ?? []).map((x) => x?.trim()).filter(Boolean);
                        if (list.length < 2 || list.length > 10) throw new Error(t('live.refusal.optionsCount'));
                        if (new Set(list).size !== list.length) throw new Error(t('live.refusal.optionTwice'));
                      },
                    },
                  ]}
                >
                  {(fields, { add, remove }, { errors }) => (
                    <Form.Item label={t('live.poll.options')} required>
                      {fields.map((f, i) => (
                        <Flex key={f.key} gap={4} align="start">
                          <Form.Item
                            name={f.name}
                            rules={[required(t, t('live.poll.optionN', { n: i + 1 }))]}
                            style={{ flex: 1, marginBottom: 8 }}
                          >
                            <Input
                              maxLength={100}
                              aria-label={t('live.poll.optionN', { n: i + 1 })}
                              placeholder={t('live.poll.optionN', { n: i + 1 })}
                            />
                          </Form.Item>
                          {fields.length > 2 && (
                            <Button
                              type="text"
                              icon={<MinusCircleOutlined />}
                              aria-label={t('live.poll.removeOption')}
                              onClick={() => remove(f.name)}
                            />
                          )}
                        </Flex>
                      ))}
                      {fields.length < 10 && (
                        <Button icon={<PlusOutlined />} onClick={() => add('')}>
                          {t('live.poll.addOption')}
                        </Button>
                      )}
                      <Form.ErrorList errors={errors} />
                    </Form.Item>
                  )}
                </Form.List>
              )}
              <Form.Item name="results" label={t('live.poll.resultsMode')}>
                <Radio.Group>
                  <Radio value="live">{t('live.poll.resultsLive')}</Radio>
                  <Radio value="hidden">{t('live.poll.resultsHidden')}</Radio>
                </Radio.Group>
              </Form.Item>
            </AppForm>
          </Card>
        </Col>
      )}
      <Col xs={24} lg={s.state === 'open' && s.abilities.run ? 14 : 24}>
        {polls.length === 0 ? (
          <Card size="small">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="empty-text">{t('live.poll.empty')}</span>} />
          </Card>
        ) : (
          polls.map((p) => (
            <Card
              key={p.id}
              size="small"
              className="block"
              data-testid="console-poll"
              title={<h3 className="card-title">{p.question}</h3>}
              extra={
                mayAct(s, 'poll', { state: p.state }, 'close') && (
                  <Popconfirm
                    title={t('live.poll.closeConfirm')}
                    okText={t('live.poll.close')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => close(p)}
                  >
                    <Button loading={busy === p.id}>{t('live.poll.close')}</Button>
                  </Popconfirm>
                )
              }
            >
              <Space wrap className="block">
                <Tag color={p.state === 'open' ? 'red' : 'default'}>{t(p.state === 'open' ? 'live.poll.open' : 'live.poll.closed')}</Tag>
                <Tag>{t(`live.poll.kind.${p.kind}`)}</Tag>
                {p.results === 'hidden' && <Tag color="orange">{t('live.poll.resultsHidden')}</Tag>}
                <span className="muted">{formatTime(p.createdAt)}</span>
              </Space>
              <PollResults poll={p} />
            </Card>
          ))
        )}
      </Col>
    </Row>
  );
}
