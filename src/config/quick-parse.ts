import { CORE_SCHEMA, load } from 'js-yaml';
import { isRecord } from '../util/is-record.js';
import type { YamlPath } from './source-document.js';

/**
 * The fast path for files that are probably fine: js-yaml parses about ten times faster than the
 * position-keeping parser, which a large valid workflow would otherwise spend most of its start-up
 * in. Anything unusual returns undefined and the caller takes the full path, which is the only one
 * that reports problems: a parse error, several documents, duplicate keys (js-yaml rejects them),
 * and any alias (js-yaml shares aliased nodes, and a "billion laughs" file must meet the bounded
 * expansion of the full path). Both parsers use the YAML 1.2 core schema, so they agree on values.
 */
export function quickParse(text: string, root: YamlPath): unknown {
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  // Only an anchor (`&name`) can make an alias; most files have none, and the walk is skipped.
  if (MAY_HAVE_ANCHOR.test(text) && hasSharedNodes(data)) return undefined;
  return root.reduce<unknown>((v, k) => (isRecord(v) ? v[k as string] : undefined), data);
}

/** An `&` followed by a character an anchor name may start with (shell `&&` also matches: harmless). */
const MAY_HAVE_ANCHOR = /&[^\s,[\]{}]/;

/** Whether any object is reachable twice, i.e. the document used an alias. */
function hasSharedNodes(data: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (seen.has(v)) return true;
    seen.add(v);
    // A loop, not a spread: a list of a million items would overflow the call stack.
    for (const child of Array.isArray(v) ? (v as unknown[]) : Object.values(v as Record<string, unknown>))
      stack.push(child);
  }
  return false;
}
