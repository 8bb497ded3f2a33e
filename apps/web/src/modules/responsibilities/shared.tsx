import { Tag } from 'antd';
import { isMessageKey, useT } from '../../platform/i18n/index.tsx';

export { responsibilitiesApi } from './api.ts';

const colors: Record<string, string> = {
  assigned: 'blue',
  accepted: 'cyan',
  inProgress: 'gold',
  done: 'green',
  declined: 'red',
  cannotDo: 'red',
};

/** A responsibility's state as a tag. */
export function ResponsibilityStateTag({ state }: { state: string }) {
  const t = useT();
  const key = `resp.state.${state}`;
  return <Tag color={colors[state]}>{isMessageKey(key) ? t(key) : state}</Tag>;
}
