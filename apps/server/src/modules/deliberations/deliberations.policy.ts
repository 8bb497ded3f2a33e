import { publicCategories, type DeliberationSettings, type ParticipantCategory } from '@shangliang/contract';

/** Participants who count towards the rules: invited and not declined, by category. */
export type ParticipantCounts = Partial<Record<ParticipantCategory, number>>;

/**
 * The two participation rules (seed 十一): a moderate size within the body's bounds, and residents
 * plus stakeholders at least their share of everyone (ceil, so that "a third of 10" needs 4).
 */
export function participationCheck(counts: ParticipantCounts, s: DeliberationSettings) {
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const publicCount = publicCategories.reduce((a, c) => a + (counts[c] ?? 0), 0);
  const size = Math.max(total, s.minParticipants);
  const requiredPublic = Math.ceil((size * s.minPublicSharePct) / 100);
  const shortfalls: { rule: 'minParticipants' | 'maxParticipants' | 'publicShare'; count: number }[] = [];
  if (publicCount < requiredPublic) {
    // Adding public participants also grows the total; solve for the smallest k that satisfies
    // (publicCount + k) ≥ ceil(max(total + k, min) × pct / 100).
    let k = 0;
    while (publicCount + k < Math.ceil((Math.max(total + k, s.minParticipants) * s.minPublicSharePct) / 100)) k++;
    shortfalls.push({ rule: 'publicShare', count: k });
  }
  const afterPublic = total + (shortfalls[0]?.count ?? 0);
  if (afterPublic < s.minParticipants) shortfalls.push({ rule: 'minParticipants', count: s.minParticipants - afterPublic });
  if (total > s.maxParticipants) shortfalls.push({ rule: 'maxParticipants', count: total - s.maxParticipants });
  return { total, publicCount, minParticipants: s.minParticipants, maxParticipants: s.maxParticipants, requiredPublic, shortfalls };
}
