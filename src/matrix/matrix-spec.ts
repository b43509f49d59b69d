import { isRecord } from '../util/is-record.js';

export type MatrixValue = string | number | boolean;
export type Combination = Readonly<Record<string, MatrixValue>>;

/** A task's `matrix:` as written: static value lists, or an expression for a dynamic key. */
export interface MatrixSpec {
  /** Each key's values, in order; a string is a `${{ … }}` expression (a dynamic matrix). */
  axes: Readonly<Record<string, readonly MatrixValue[] | string>>;
  include: readonly Combination[];
  exclude: readonly Combination[];
}

/** The matrix of a task as written, leaving malformed parts out (the schema reports them). */
export function readMatrixSpec(value: unknown): MatrixSpec | undefined {
  if (!isRecord(value)) return undefined;
  const axes: Record<string, readonly MatrixValue[] | string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'include' || key === 'exclude') continue;
    if (typeof v === 'string') axes[key] = v;
    else if (Array.isArray(v)) axes[key] = v.filter(isValue);
  }
  return { axes, include: combinations(value.include), exclude: combinations(value.exclude) };
}

/** Every key `${{ matrix.<key> }}` may name. */
export function matrixKeys(spec: MatrixSpec): Set<string> {
  return new Set([...Object.keys(spec.axes), ...spec.include.flatMap((c) => Object.keys(c))]);
}

/** The keys whose values come from an upstream output. */
export function dynamicKeys(spec: MatrixSpec): string[] {
  return Object.entries(spec.axes).flatMap(([k, v]) => (typeof v === 'string' ? [k] : []));
}

function combinations(v: unknown): Combination[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter(isRecord)
    .map((c) =>
      Object.fromEntries(Object.entries(c).filter((e): e is [string, MatrixValue] => isValue(e[1]))),
    );
}

export function isValue(v: unknown): v is MatrixValue {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}
