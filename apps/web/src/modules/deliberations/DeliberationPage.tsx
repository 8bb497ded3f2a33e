import { Alert, Button, Card, Descriptions, Flex, Skeleton, Space, Tabs } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useApi } from '../../platform/api/useApi.ts';
import { errorMessage } from '../../platform/errors.ts';
import { formatDateTime } from '../../platform/format.ts';
import { useT } from '../../platform/i18n/index.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { useIsMobile } from '../../platform/layout/responsive.ts';
import { ActionBar } from '../../platform/lifecycle/ActionBar.tsx';
import { deliberationsApi } from './api.ts';
import { DeliberationStateTag } from './labels.tsx';
import { EvaluationTab, MeetingTab, OutcomeTab, ParticipantsTab, ResearchTab, TopicTab } from './tabs.tsx';

/**
 * A deliberation, link by link (topic, participants, research, meeting, outcome, evaluation),
 * with the next lifecycle steps as buttons and any refusal said once, with its reasons.
 */
export default function DeliberationPage() {
  const { id = '' } = useParams();
  const t = useT();
  const [params, setParams] = useSearchParams();
  const mobile = useIsMobile();
  const d = useApi(() => deliberationsApi.get(id), [id]);
  if (d.error) return <Alert type="error" showIcon title={errorMessage(t, d.error)} />;
  if (!d.data) return <Skeleton active />;
  const del = d.data;
  const tab = params.get('tab') ?? 'participants';
  const props = { d: del, reload: d.reload };
  const items = [
    { key: 'topic', label: t('delib.tab.topic'), children: <TopicTab {...props} /> },
    { key: 'participants', label: t('delib.tab.participants'), children: <ParticipantsTab {...props} /> },
    { key: 'research', label: t('delib.tab.research'), children: <ResearchTab {...props} /> },
    { key: 'meeting', label: t('delib.tab.meeting'), children: <MeetingTab {...props} /> },
    { key: 'outcome', label: t('delib.tab.outcome'), children: <OutcomeTab {...props} /> },
    { key: 'evaluation', label: t('delib.tab.evaluation'), children: <EvaluationTab {...props} /> },
  ];
  return (
    <>
      <PageHeader
        title={del.title}
        crumbs={[
          { label: t('nav.home'), to: '/' },
          { label: del.roomName, to: `/rooms/${del.roomId}` },
        ]}
      />
      <Card className="block" data-testid="delib-summary">
        <Space wrap className="block">
          <DeliberationStateTag state={del.state} />
          <span className="muted">
            {t('delib.meetingAt')}：{formatDateTime(del.meetingAt)} · {t('delib.place')}：{del.place ?? t('common.none')}
          </span>
          <Link to={`/topics/${del.topicId}`}>{t('delib.topicLink')}</Link>
        </Space>
        {del.cancelReason && (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('lifecycle.reason')}>{del.cancelReason}</Descriptions.Item>
          </Descriptions>
        )}
        <ActionBar
          actions={del.nextActions}
          labelPrefix="delib.action"
          run={(a, body) => deliberationsApi.act(id, a, body)}
          onDone={d.reload}
          ask={{ cancel: ['reason'] }}
          primary={['prepare', 'schedule', 'open', 'closeMeeting', 'startImplementing', 'publishFeedback', 'evaluate', 'close']}
          danger={['cancel']}
        />
      </Card>
      {mobile ? (
        // On phones the seven links wrap as buttons: antd's tab bar would hide some behind a menu.
        <>
          <nav aria-label={t('delib.links')} className="block">
            <Flex gap={8} wrap>
              {items.map((i) => (
                <Button
                  key={i.key}
                  type={i.key === tab ? 'primary' : 'default'}
                  aria-current={i.key === tab ? 'page' : undefined}
                  className="touch-target"
                  onClick={() => setParams({ tab: i.key }, { replace: true })}
                >
                  {i.label}
                </Button>
              ))}
            </Flex>
          </nav>
          {items.find((i) => i.key === tab)?.children}
        </>
      ) : (
        <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })} destroyOnHidden items={items} />
      )}
    </>
  );
}
