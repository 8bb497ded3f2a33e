import { builtInFeatures, NOT_ANSWERED, type Quota, type SignUpQuestion } from '@shangliang/contract';
import { isMessageKey, type Translate } from '../../platform/i18n/index.tsx';

/*
 * The lottery's features in plain words. Volunteers sign up with `category` and the optional
 * features below; the server adds `share` (residents and stakeholders, the public share the rules
 * protect) and gives a feature not answered (an optional question skipped, a built-in feature
 * left empty) the value NOT_ANSWERED (`unknown`, 未填写), which quotas may name. Values stay as codes in the data so that
 * the published pool reads the same in any language.
 */

/** The optional built-in features the sign-up page asks as choices, with their values (the server checks the same lists). */
export const askedFeatures = { gender: builtInFeatures.gender, ageBand: builtInFeatures.ageBand } as const;

/** The convener's questions of a sign-up (features `q1` …): their labels name the features. */
export type Questions = readonly Pick<SignUpQuestion, 'key' | 'label'>[];

/** The categories a volunteer may sign up as (departments are invited, never drawn). */
export const volunteerCategories = ['resident', 'stakeholder', 'representative', 'member', 'expert', 'localWorthy'] as const;

/** The name of a feature (`community` → 社区（村）; a convener's question `q1` → its label). */
export function featureLabel(t: Translate, key: string, questions: Questions = []): string {
  const asked = questions.find((q) => q.key === key);
  if (asked) return asked.label;
  const k = `lottery.feature.${key}`;
  return isMessageKey(k) ? t(k) : key;
}

/** A feature's value in words (`category`/`resident` → 基层群众; free text as typed). */
export function valueLabel(t: Translate, key: string, value: string): string {
  if (value === NOT_ANSWERED) return t('lottery.value.unknown');
  const k = key === 'category' ? `participant.cat.${value}` : `lottery.value.${key}.${value}`;
  return isMessageKey(k) ? t(k) : value;
}

/** One quota's row label: "身份类别 · 基层群众". */
export function quotaLabel(t: Translate, q: Pick<Quota, 'category' | 'feature'>, questions: Questions = []): string {
  return `${featureLabel(t, q.category, questions)} · ${valueLabel(t, q.category, q.feature)}`;
}

/** The order features are shown in: the ones people read first, then the rest alphabetically. */
export function featureOrder(keys: string[]): string[] {
  // The convener's questions q1 … q5 come after the built-in ones, in the order they were asked.
  const first = ['category', 'share', 'community', 'gender', 'ageBand'];
  return [...keys].sort((a, b) => {
    const ia = first.indexOf(a);
    const ib = first.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
}

/** How many of `people` hold each value of each feature: { category: { resident: 8, … }, … }. */
export function countByFeature(people: { features: Record<string, string> }[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const p of people) {
    for (const [k, v] of Object.entries(p.features)) {
      const byValue = (out[k] ??= {});
      byValue[v] = (byValue[v] ?? 0) + 1;
    }
  }
  return out;
}

/** A probability as a percentage with one decimal (0.3333 → 33.3%). */
export function percent(p: number): string {
  return `${(Math.round(p * 1000) / 10).toFixed(1)}%`;
}
