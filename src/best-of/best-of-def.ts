import { isRecord } from '../util/is-record.js';
import type { BestOf, CandidateOverride } from '../config/workflow.js';

/**
 * `best_of` and `pick` of a task as written, or undefined when it has no `best_of`. Tolerant like
 * the rest of normalizing: the schema reports malformed values, the rule `bestOfRule` unknown names.
 */
export function bestOfDef(task: Record<string, unknown>): BestOf | undefined {
  const raw = task.best_of;
  const candidates: CandidateOverride[] | undefined =
    typeof raw === 'number' && Number.isInteger(raw) && raw >= 2
      ? Array.from({ length: raw }, () => ({}))
      : Array.isArray(raw) && raw.length >= 2
        ? raw.map((c) => (isRecord(c) ? override(c) : {}))
        : undefined;
  if (!candidates) return undefined;
  const pick = task.pick;
  return {
    candidates,
    pick:
      pick === 'smallest' || pick === 'first'
        ? pick
        : isRecord(pick) && typeof pick.role === 'string'
          ? { role: pick.role }
          : 'first',
  };
}

function override(c: Record<string, unknown>): CandidateOverride {
  const text = (k: string) => (typeof c[k] === 'string' && c[k] !== '' ? { [k]: c[k] } : {});
  return { ...text('agent'), ...text('model'), ...text('role') };
}
