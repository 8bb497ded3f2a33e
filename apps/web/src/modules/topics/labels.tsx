import { Tag } from 'antd';
import { isMessageKey, useT } from '../../platform/i18n/index.tsx';

const colors: Record<string, string> = {
  proposed: 'blue',
  accepted: 'cyan',
  awaitingApproval: 'orange',
  selected: 'green',
  declined: 'default',
  merged: 'default',
  withdrawn: 'default',
};

/** A topic's state as a tag. */
export function TopicStateTag({ state }: { state: string }) {
  const t = useT();
  const key = `topic.state.${state}`;
  return <Tag color={colors[state]}>{isMessageKey(key) ? t(key) : state}</Tag>;
}
