import { Tag } from 'antd';
import { isMessageKey, useT } from '../../platform/i18n/index.tsx';

const colors: Record<string, string> = {
  draft: 'default',
  preparing: 'blue',
  scheduled: 'cyan',
  inSession: 'red',
  outcome: 'orange',
  implementing: 'gold',
  feedbackPublished: 'green',
  evaluated: 'purple',
  closed: 'default',
  cancelled: 'default',
};

/** A deliberation's state as a tag. */
export function DeliberationStateTag({ state }: { state: string }) {
  const t = useT();
  const key = `delib.state.${state}`;
  return <Tag color={colors[state]}>{isMessageKey(key) ? t(key) : state}</Tag>;
}
