import { deliberationStates, type DeliberationSettings, type DeliberationState } from '@shangliang/contract';
import { holdsOver, type Actor } from '../../platform/auth/actor.ts';
import { chinaTime, now } from '../../platform/clock.ts';
import type { DeliberationRow, OrgNodeRow } from '../../platform/db/schema.ts';
import { defineLifecycle } from '../../platform/lifecycle.ts';
import { participationCheck, type ParticipantCounts } from './deliberations.policy.ts';

/** What the deliberation lifecycle decides on, loaded by the service before a transition. */
export interface DeliberationSubject {
  deliberation: DeliberationRow;
  room: OrgNodeRow;
  settings: DeliberationSettings;
  counts: ParticipantCounts;
  topicState: string;
  openResearchTasks: number;
  interactions: number;
  outcome: { recommendations: number; recommendationsWithoutResponsibility: number; openResponsibilities: number };
}

const runner = (a: Actor, s: DeliberationSubject) => holdsOver(a, ['convener', 'staff'], s.room.path);
const runnerLabel = "the room's convener or staff";

const DAY = 86_400_000;

/**
 * The deliberation lifecycle (issue 3, point 8): draft → preparing → scheduled → in session →
 * outcome → implementing → feedback published → evaluated → closed; cancelled with a reason from
 * any state before the meeting.
 */
export const deliberationLifecycle = defineLifecycle<DeliberationState, DeliberationSubject, Actor>({
  name: 'deliberation',
  states: deliberationStates,
  transitions: [
    {
      action: 'prepare',
      from: ['draft'],
      to: 'preparing',
      who: runner,
      whoLabel: runnerLabel,
      preconditions: [
        { name: 'topicSelected', check: (s) => (s.topicState === 'selected' ? undefined : 'the topic has not been selected') },
      ],
    },
    {
      action: 'schedule',
      from: ['preparing'],
      to: 'scheduled',
      who: runner,
      whoLabel: runnerLabel,
      preconditions: [
        {
          name: 'participants',
          check: (s) => {
            const c = participationCheck(s.counts, s.settings);
            if (!c.shortfalls.length) return undefined;
            return c.shortfalls.map((f) =>
              f.rule === 'publicShare'
                ? { reason: `${f.count} more residents or stakeholders needed`, code: 'publicShareShort', params: { count: f.count } }
                : f.rule === 'minParticipants'
                  ? { reason: `${f.count} more participants needed`, code: 'tooFewParticipants', params: { count: f.count } }
                  : { reason: `${f.count} participants too many`, code: 'tooManyParticipants', params: { count: f.count } },
            );
          },
        },
        {
          name: 'researchReport',
          check: (s) =>
            s.settings.researchReportRequired && !s.deliberation.research_report?.trim()
              ? { reason: 'the research report is missing', code: 'researchReportMissing' }
              : undefined,
        },
        {
          name: 'meetingDate',
          check: (s) => {
            const at = s.deliberation.meeting_at;
            if (!at || !s.deliberation.place) return { reason: 'set the meeting date and place first', code: 'meetingDateMissing' };
            if (new Date(at).getTime() < now().getTime() + s.settings.noticeDays * DAY) {
              return {
                reason: `the meeting must be at least ${s.settings.noticeDays} days away so that the notice reaches everyone in time`,
                code: 'noticeTooShort',
                params: { days: s.settings.noticeDays },
              };
            }
            return undefined;
          },
        },
      ],
    },
    {
      action: 'open',
      from: ['scheduled'],
      to: 'inSession',
      who: runner,
      whoLabel: runnerLabel,
      preconditions: [
        {
          name: 'meetingDay',
          check: (s) =>
            new Date(s.deliberation.meeting_at!).getTime() - now().getTime() > DAY
              ? { reason: 'the meeting is not today', code: 'meetingNotToday' }
              : undefined,
        },
      ],
    },
    {
      action: 'closeMeeting',
      from: ['inSession'],
      to: 'outcome',
      who: runner,
      whoLabel: runnerLabel,
      preconditions: [
        {
          name: 'interaction',
          // Seed 七: 把协商互动列为必要环节.
          check: (s) =>
            s.interactions > 0
              ? undefined
              : { reason: 'record at least one exchange between a department and the participants', code: 'interactionMissing' },
        },
        {
          name: 'minutes',
          check: (s) => (s.deliberation.minutes?.trim() ? undefined : { reason: 'the minutes are missing', code: 'minutesMissing' }),
        },
      ],
    },
    {
      action: 'startImplementing',
      from: ['outcome'],
      to: 'implementing',
      who: runner,
      whoLabel: runnerLabel,
      preconditions: [
        {
          name: 'recommendations',
          check: (s) =>
            s.outcome.recommendations > 0 ? undefined : { reason: 'write at least one recommendation', code: 'recommendationsMissing' },
        },
        {
          name: 'responsibilities',
          check: (s) =>
            s.outcome.recommendationsWithoutResponsibility > 0
              ? {
                  reason: `${s.outcome.recommendationsWithoutResponsibility} recommendations have no responsible department yet`,
                  code: 'recommendationsUnassigned',
                  params: { count: s.outcome.recommendationsWithoutResponsibility },
                }
              : undefined,
        },
      ],
    },
    {
      action: 'publishFeedback',
      from: ['implementing'],
      to: 'feedbackPublished',
      who: runner,
      whoLabel: runnerLabel,
      preconditions: [
        {
          name: 'responsibilitiesFinished',
          check: (s) =>
            s.outcome.openResponsibilities > 0
              ? {
                  reason: `${s.outcome.openResponsibilities} responsibilities are not finished yet`,
                  code: 'responsibilitiesOpen',
                  params: { count: s.outcome.openResponsibilities },
                }
              : undefined,
        },
      ],
    },
    {
      action: 'evaluate',
      from: ['feedbackPublished'],
      to: 'evaluated',
      who: runner,
      whoLabel: runnerLabel,
      preconditions: [
        {
          name: 'evaluationWindow',
          check: (s) => {
            const published = s.deliberation.feedback_published_at;
            const ends = published ? new Date(published).getTime() + s.settings.evaluationDays * DAY : 0;
            if (ends <= now().getTime()) return undefined;
            const until = chinaTime(ends);
            return { reason: `participants may rate until ${until}`, code: 'ratingOpen', params: { date: until } };
          },
        },
      ],
    },
    { action: 'close', from: ['evaluated'], to: 'closed', who: runner, whoLabel: runnerLabel },
    { action: 'cancel', from: ['draft', 'preparing', 'scheduled'], to: 'cancelled', who: runner, whoLabel: runnerLabel, needsReason: true },
  ],
});

export const isRunner = runner;
