/**
 * Explaining infeasible quotas: an irreducible conflicting set of quota bounds (deletion filter,
 * Chinneck & Dravnieks 1991, with the composition ILP as the feasibility oracle) and the smallest
 * relaxation (an ILP minimising the total slack added to quota bounds).
 */
import type { Highs } from 'highs';
import { InfeasibleQuotasError, type QuotaBound, type QuotaRelaxation } from './errors.ts';
import type { Problem } from './model.ts';
import { compositionModelData, createModel, cscFromColumns, getHighs, MIP_OPTIONS } from './solver.ts';

/** True when some panel of the problem's size meets every quota. */
export async function isFeasible(problem: Problem): Promise<boolean> {
  const highs = await getHighs();
  const { quotas } = problem;
  const model = createModel(
    highs,
    compositionModelData(
      highs,
      problem.counts,
      problem.quotaTypes,
      quotas.map((q) => q.min),
      quotas.map((q) => q.max),
      problem.size,
    ),
    MIP_OPTIONS,
  );
  try {
    model.run();
    return model.getModelStatus() === highs.constants.modelStatus.optimal;
  } finally {
    model.dispose();
  }
}

/** Smallest relaxation: minimise the total number of seats by which quota bounds must move. */
function smallestRelaxation(highs: Highs, problem: Problem): { relaxation: QuotaRelaxation[]; total: number } {
  const { counts, quotaTypes, quotas, size } = problem;
  const T = counts.length;
  const Q = quotas.length;
  const columns = counts.map(() => ({ indices: [] as number[], values: [] as number[] }));
  quotaTypes.forEach((types, q) => types.forEach((t) => (columns[t]!.indices.push(q), columns[t]!.values.push(1))));
  columns.forEach((c) => (c.indices.push(Q), c.values.push(1)));
  // Slack columns: below[q] lifts the count up to min, above[q] brings it down to max.
  for (let q = 0; q < Q; q++) columns.push({ indices: [q], values: [1] });
  for (let q = 0; q < Q; q++) columns.push({ indices: [q], values: [-1] });
  const n = T + 2 * Q;
  const colCost = new Float64Array(n);
  colCost.fill(1, T);
  const colUpper = new Float64Array(n).fill(highs.infinity);
  counts.forEach((m, t) => (colUpper[t] = m));
  const model = createModel(
    highs,
    {
      numCols: n,
      numRows: Q + 1,
      colCost,
      colLower: new Float64Array(n),
      colUpper,
      rowLower: Float64Array.from([...quotas.map((q) => q.min), size]),
      rowUpper: Float64Array.from([...quotas.map((q) => q.max), size]),
      matrix: cscFromColumns(Q + 1, columns),
      integrality: new Int32Array(n).fill(highs.constants.variableType.integer),
    },
    MIP_OPTIONS,
  );
  try {
    model.run();
    const x = model.getSolution().colValue;
    const relaxation: QuotaRelaxation[] = [];
    let total = 0;
    quotas.forEach((q, i) => {
      const below = Math.round(x[T + i]!);
      const above = Math.round(x[T + Q + i]!);
      total += below + above;
      if (below > 0 || above > 0) relaxation.push({ ...q, relaxedMin: q.min - below, relaxedMax: q.max + above });
    });
    return { relaxation, total };
  } finally {
    model.dispose();
  }
}

/** Deletion filter over quota bounds: returns an irreducible infeasible subset. */
function conflictingBounds(highs: Highs, problem: Problem, relaxed: Set<string>): QuotaBound[] {
  const { quotas } = problem;
  const Q = quotas.length;
  const model = createModel(
    highs,
    compositionModelData(
      highs,
      problem.counts,
      problem.quotaTypes,
      quotas.map((q) => q.min),
      quotas.map((q) => q.max),
      problem.size,
    ),
    MIP_OPTIONS,
  );
  try {
    type B = { q: number; bound: 'min' | 'max' };
    const all: B[] = [];
    quotas.forEach((q, i) => {
      if (q.min > 0) all.push({ q: i, bound: 'min' });
      if (q.max < problem.size) all.push({ q: i, bound: 'max' });
    });
    // Test first the bounds the relaxation left alone, so the conflict keeps the relaxed ones.
    const key = (b: B): string => `${b.q}:${b.bound}`;
    all.sort((a, b) => Number(relaxed.has(key(a))) - Number(relaxed.has(key(b))));
    const active = new Set(all.map(key));
    const apply = (): void => {
      for (let q = 0; q < Q; q++)
        model.changeRowBounds(q, active.has(`${q}:min`) ? quotas[q]!.min : 0, active.has(`${q}:max`) ? quotas[q]!.max : highs.infinity);
    };
    for (const b of all) {
      active.delete(key(b));
      apply();
      model.run();
      if (model.getModelStatus() === highs.constants.modelStatus.optimal) active.add(key(b)); // needed
    }
    return all
      .filter((b) => active.has(key(b)))
      .sort((a, b) => a.q - b.q || a.bound.localeCompare(b.bound))
      .map((b) => ({
        category: quotas[b.q]!.category,
        feature: quotas[b.q]!.feature,
        bound: b.bound,
        value: b.bound === 'min' ? quotas[b.q]!.min : quotas[b.q]!.max,
      }));
  } finally {
    model.dispose();
  }
}

/** Build the InfeasibleQuotasError for an infeasible problem (conflict + smallest relaxation). */
export async function explainInfeasibility(problem: Problem): Promise<InfeasibleQuotasError> {
  const highs = await getHighs();
  const { relaxation, total } = smallestRelaxation(highs, problem);
  const relaxedKeys = new Set<string>();
  for (const r of relaxation) {
    const q = problem.quotas.findIndex((x) => x.category === r.category && x.feature === r.feature);
    if (r.relaxedMin !== r.min) relaxedKeys.add(`${q}:min`);
    if (r.relaxedMax !== r.max) relaxedKeys.add(`${q}:max`);
  }
  const conflict = conflictingBounds(highs, problem, relaxedKeys);
  return new InfeasibleQuotasError(problem.size, conflict, relaxation, total);
}
