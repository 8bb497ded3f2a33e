import type { OrgNode } from '@shangliang/contract';
import type { MessageKey, Translate } from '../../platform/i18n/index.tsx';

/** The kind of a node in words, with its sub-kind where it has one (市政协, 街道, 民主党派). */
export function kindLabel(t: Translate, node: Pick<OrgNode, 'kind' | 'subkind'>): string {
  if (node.subkind) return t(`subkind.${node.subkind}` as MessageKey);
  return t(`kind.${node.kind}` as MessageKey);
}
