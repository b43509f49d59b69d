import type { Combination, MatrixValue } from './matrix-spec.js';

/**
 * The combinations of a matrix as GitHub Actions makes them: the product of the value lists (keys in
 * the order written), without those an `exclude` entry matches (all of its pairs), then each
 * `include` entry added to every combination whose original values it does not change (its new keys
 * may replace values added by an earlier include), or, when it fits none, added as a combination of
 * its own.
 */
export function combinations(
  axes: Readonly<Record<string, readonly MatrixValue[]>>,
  include: readonly Combination[] = [],
  exclude: readonly Combination[] = [],
): Combination[] {
  const keys = Object.keys(axes);
  let product: Record<string, MatrixValue>[] = keys.length ? [{}] : [];
  for (const key of keys) product = product.flatMap((c) => axes[key]!.map((v) => ({ ...c, [key]: v })));
  const matches = (c: Combination, pattern: Combination) =>
    Object.entries(pattern).every(([k, v]) => c[k] === v);
  const kept = product.filter((c) => !exclude.some((x) => matches(c, x)));
  const original = new Set(keys);
  const out: Record<string, MatrixValue>[] = kept;
  const extra: Record<string, MatrixValue>[] = [];
  for (const entry of include) {
    const fixed = Object.fromEntries(Object.entries(entry).filter(([k]) => original.has(k)));
    let fitted = false;
    for (const c of kept) {
      if (!matches(c, fixed)) continue;
      Object.assign(c, entry);
      fitted = true;
    }
    if (!fitted) extra.push({ ...entry });
  }
  return [...out, ...extra];
}

/**
 * The id of one instance: `<id>-<value>[-<value>…]`, lower-cased and reduced to what a task id (a
 * git ref component and a file name) may hold; a clash gets `-2`, `-3`, … appended.
 */
export function instanceIds(id: string, combos: readonly Combination[]): string[] {
  const taken = new Set<string>();
  return combos.map((c) => {
    const parts = Object.values(c).map((v) =>
      String(v)
        .toLowerCase()
        .replace(/[^a-z0-9._]+/g, '-')
        .replace(/\.{2,}/g, '.')
        .replace(/^[-.]+|[-.]+$/g, ''),
    );
    const base = [id, ...parts.filter(Boolean)].join('-').replace(/\.lock$/, '-lock');
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return name;
  });
}
