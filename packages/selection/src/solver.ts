/**
 * HiGHS (MIT, compiled to WebAssembly; npm `highs`) loading and the small helpers the engine uses.
 * The runtime loads once per process; models are persistent and must be disposed.
 */
import loadHighs from 'highs';
import type { Highs, Model, ModelData } from 'highs';

let runtime: Promise<Highs> | undefined;

/** Load (once) and return the HiGHS runtime. */
export function getHighs(): Promise<Highs> {
  runtime ??= loadHighs();
  return runtime;
}

/** Options for all models: quiet, and tolerances tight enough for the 1e-6 equality checks. */
export const LP_OPTIONS = {
  output_flag: false,
  primal_feasibility_tolerance: 1e-9,
  dual_feasibility_tolerance: 1e-9,
} as const;

export const MIP_OPTIONS = {
  output_flag: false,
  mip_rel_gap: 1e-10,
  mip_abs_gap: 1e-10,
  primal_feasibility_tolerance: 1e-9,
  dual_feasibility_tolerance: 1e-9,
  mip_feasibility_tolerance: 1e-9,
} as const;

/** Column-major sparse matrix builder for `ModelData`. */
export function cscFromColumns(numRows: number, columns: readonly { indices: number[]; values: number[] }[]) {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const col of columns) {
    const order = col.indices.map((_, i) => i).sort((a, b) => col.indices[a]! - col.indices[b]!);
    for (const i of order) {
      indices.push(col.indices[i]!);
      values.push(col.values[i]!);
    }
    starts.push(indices.length);
  }
  return {
    format: 'csc' as const,
    numRows,
    numCols: columns.length,
    starts: new Int32Array(starts),
    indices: new Int32Array(indices),
    values: new Float64Array(values),
  };
}

/** Create a persistent model from data with the given options. */
export function createModel(highs: Highs, data: ModelData, options: Readonly<Record<string, string | number | boolean>>): Model {
  const model = highs.createModel();
  model.options.set(options);
  model.passModel(data);
  return model;
}

/**
 * The composition ILP over types: integer x_t in [0, m_t], every quota row in [min, max],
 * sum x = size. Used for pricing (with a cost vector) and for feasibility checks.
 */
export function compositionModelData(
  highs: Highs,
  counts: readonly number[],
  quotaTypes: readonly (readonly number[])[],
  rowLower: readonly number[],
  rowUpper: readonly number[],
  size: number,
  maximize = true,
): ModelData {
  const T = counts.length;
  const Q = quotaTypes.length;
  const columns = counts.map(() => ({ indices: [] as number[], values: [] as number[] }));
  quotaTypes.forEach((types, q) =>
    types.forEach((t) => {
      columns[t]!.indices.push(q);
      columns[t]!.values.push(1);
    }),
  );
  columns.forEach((c) => {
    c.indices.push(Q);
    c.values.push(1);
  });
  return {
    numCols: T,
    numRows: Q + 1,
    sense: maximize ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
    colCost: new Float64Array(T),
    colLower: new Float64Array(T),
    colUpper: Float64Array.from(counts),
    rowLower: Float64Array.from([...rowLower, size]),
    rowUpper: Float64Array.from([...rowUpper, size]),
    matrix: cscFromColumns(Q + 1, columns),
    integrality: new Int32Array(T).fill(highs.constants.variableType.integer),
  };
}
