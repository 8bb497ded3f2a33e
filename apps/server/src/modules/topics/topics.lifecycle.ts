import type { TopicState } from '@shangliang/contract';
import { holdsOver, type Actor } from '../../platform/auth/actor.ts';
import type { OrgNodeRow, TopicRow } from '../../platform/db/schema.ts';
import { defineLifecycle } from '../../platform/lifecycle.ts';

/** What the topic lifecycle decides on: the topic, its room, the body's rule, a merge target. */
export interface TopicSubject {
  topic: TopicRow;
  room: OrgNodeRow;
  approvalRequired: boolean;
  mergeInto?: TopicRow | null;
}

/** The room's convener and the body's staff screen topics (议题征集 → 确定). */
const screener = (a: Actor, s: TopicSubject) => holdsOver(a, ['convener', 'staff'], s.room.path);
/** The town's CPPCC work committee approves: staff or leaders over the room. */
const approver = (a: Actor, s: TopicSubject) => holdsOver(a, ['staff', 'leader'], s.room.path);
const proposer = (a: Actor, s: TopicSubject) => a.accountId === s.topic.proposer_id;

/**
 * The topic lifecycle (issue 3, point 2): proposed → accepted → (awaitingApproval →) selected;
 * declined with a reason the proposer sees; merged into a duplicate; withdrawn by the proposer.
 */
export const topicLifecycle = defineLifecycle<TopicState, TopicSubject, Actor>({
  name: 'topic',
  states: ['proposed', 'accepted', 'awaitingApproval', 'selected', 'declined', 'merged', 'withdrawn'],
  transitions: [
    { action: 'accept', from: ['proposed'], to: 'accepted', who: screener, whoLabel: 'the convener or staff' },
    {
      action: 'decline',
      from: ['proposed', 'accepted'],
      to: 'declined',
      who: screener,
      whoLabel: 'the convener or staff',
      needsReason: true,
    },
    {
      action: 'merge',
      from: ['proposed'],
      to: 'merged',
      who: screener,
      whoLabel: 'the convener or staff',
      preconditions: [
        {
          name: 'mergeTarget',
          check: (s) => {
            const m = s.mergeInto;
            if (!m) return { reason: 'choose the topic to merge into (mergeIntoId)', code: 'mergeTargetMissing' };
            if (m.id === s.topic.id) return { reason: 'a topic cannot be merged into itself', code: 'mergeIntoItself' };
            if (m.room_id !== s.topic.room_id) return { reason: 'the topic to merge into belongs to another room', code: 'mergeOtherRoom' };
            if (['declined', 'merged', 'withdrawn'].includes(m.state)) {
              return { reason: `the topic to merge into is ${m.state}`, code: 'mergeTargetClosed', params: { state: m.state } };
            }
            return undefined;
          },
        },
      ],
    },
    {
      action: 'submitForApproval',
      from: ['accepted'],
      to: 'awaitingApproval',
      who: screener,
      whoLabel: 'the convener or staff',
      preconditions: [
        {
          name: 'approvalRequired',
          check: (s) =>
            s.approvalRequired
              ? undefined
              : { reason: "this body's rules do not require approval: select it directly", code: 'approvalNotRequired' },
        },
      ],
    },
    { action: 'approve', from: ['awaitingApproval'], to: 'selected', who: approver, whoLabel: 'the work committee (staff or leaders)' },
    {
      action: 'returnForRevision',
      from: ['awaitingApproval'],
      to: 'accepted',
      who: approver,
      whoLabel: 'the work committee (staff or leaders)',
      needsReason: true,
    },
    {
      action: 'select',
      from: ['accepted'],
      to: 'selected',
      who: screener,
      whoLabel: 'the convener or staff',
      preconditions: [
        {
          name: 'noApprovalRequired',
          check: (s) =>
            s.approvalRequired ? { reason: 'the work committee must approve this topic first', code: 'approvalRequired' } : undefined,
        },
      ],
    },
    { action: 'withdraw', from: ['proposed'], to: 'withdrawn', who: proposer, whoLabel: 'the proposer' },
  ],
});

export const isScreener = screener;
