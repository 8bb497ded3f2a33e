import type { ResponsibilityState } from '@shangliang/contract';
import { holdsOver, type Actor } from '../../platform/auth/actor.ts';
import type { OrgNodeRow } from '../../platform/db/schema.ts';
import { defineLifecycle } from '../../platform/lifecycle.ts';

/** What a responsibility's transitions decide on. */
export interface ResponsibilitySubject {
  department: OrgNodeRow;
  feedback?: string | null;
  evidence?: string | null;
}

/** The department it is assigned to acts on it (its liaison accounts hold `department` there). */
const department = (a: Actor, s: ResponsibilitySubject) => holdsOver(a, ['department'], s.department.path);

/**
 * A responsibility (list 2): assigned → accepted → in progress → done, or declined with a reason,
 * or cannot be done with a reason. Completing it writes list 3's feedback: what was done, with
 * evidence. Overdue is derived from the deadline, not a state.
 */
export const responsibilityLifecycle = defineLifecycle<ResponsibilityState, ResponsibilitySubject, Actor>({
  name: 'responsibility',
  states: ['assigned', 'accepted', 'inProgress', 'done', 'declined', 'cannotDo'],
  transitions: [
    { action: 'accept', from: ['assigned'], to: 'accepted', who: department, whoLabel: 'the assigned department' },
    { action: 'start', from: ['accepted'], to: 'inProgress', who: department, whoLabel: 'the assigned department' },
    {
      action: 'complete',
      from: ['inProgress'],
      to: 'done',
      who: department,
      whoLabel: 'the assigned department',
      preconditions: [
        {
          name: 'feedback',
          check: (s) => (s.feedback?.trim() ? undefined : { reason: 'say what was done (feedback)', code: 'feedbackMissing' }),
        },
        {
          name: 'evidence',
          check: (s) =>
            s.evidence?.trim() ? undefined : { reason: 'give the evidence of what was done (evidence)', code: 'evidenceMissing' },
        },
      ],
    },
    { action: 'decline', from: ['assigned'], to: 'declined', who: department, whoLabel: 'the assigned department', needsReason: true },
    {
      action: 'cannotDo',
      from: ['accepted', 'inProgress'],
      to: 'cannotDo',
      who: department,
      whoLabel: 'the assigned department',
      needsReason: true,
    },
  ],
});

/** States in which a responsibility is still open (and so can be overdue). */
export const openResponsibilityStates: readonly ResponsibilityState[] = ['assigned', 'accepted', 'inProgress'];
