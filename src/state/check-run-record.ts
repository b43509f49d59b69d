import { isAbsolute } from 'node:path';
import type { RunRecord } from './run-state.js';

/** The record version this orchestra writes and reads. */
export const RECORD_VERSION = 1;

/** How a record from a newer orchestra is described: such a run is not damaged, only not ours to read. */
export const NEWER_RECORD = 'was written by a newer orchestra';

const TASK_STATUSES = new Set([
  'pending',
  'running',
  'verifying',
  'succeeded',
  'failed',
  'blocked',
  'cancelled',
  'skipped',
  'interrupted',
  'waiting',
]);

const OUTCOMES = new Set(['succeeded', 'failed', 'cancelled']);

type Check = (value: unknown, at: string) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const string: Check = (v, at) => (typeof v === 'string' ? undefined : `${at} is not a string`);
const number: Check = (v, at) =>
  typeof v === 'number' && Number.isFinite(v) ? undefined : `${at} is not a number`;
const absolutePath: Check = (v, at) =>
  typeof v === 'string' && isAbsolute(v) ? undefined : `${at} is not an absolute path`;
const optional =
  (check: Check): Check =>
  (v, at) =>
    v === undefined ? undefined : check(v, at);
const list =
  (item: Check): Check =>
  (v, at) => {
    if (!Array.isArray(v)) return `${at} is not a list`;
    for (const [i, x] of v.entries()) {
      const problem = item(x, `${at}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
const record =
  (value: Check): Check =>
  (v, at) => {
    if (!isObject(v)) return `${at} is not an object`;
    for (const [k, x] of Object.entries(v)) {
      const problem = value(x, `${at}.${k}`);
      if (problem) return problem;
    }
    return undefined;
  };
const shape =
  (fields: Record<string, Check>): Check =>
  (v, at) => {
    if (!isObject(v)) return `${at} is not an object`;
    for (const [k, check] of Object.entries(fields)) {
      const problem = check(v[k], at ? `${at}.${k}` : k);
      if (problem) return problem;
    }
    return undefined;
  };

const boolean: Check = (v, at) => (typeof v === 'boolean' ? undefined : `${at} is not true or false`);
const gate = shape({
  name: string,
  log: string,
  ok: optional(boolean),
  // The runs of a gate with `attempts` (`orchestra report` reads each one's log).
  runs: optional(list(shape({ log: string, ok: boolean, durationMs: number }))),
});
const failure = shape({ message: string, files: optional(list(string)) });
const usage = shape({
  inputTokens: optional(number),
  outputTokens: optional(number),
  costUsd: optional(number),
});
const task = shape({
  status: (v, at) =>
    typeof v === 'string' && TASK_STATUSES.has(v) ? undefined : `${at} is not a task status`,
  branch: string,
  commit: optional(string),
  startCommit: optional(string),
  sandbox: optional(string),
  startedAt: optional(number),
  finishedAt: optional(number),
  attempts: list(
    shape({
      n: number,
      log: string,
      gates: list(gate),
      failure: optional(failure),
      commit: optional(string),
    }),
  ),
  failure: optional(failure),
  blockedBy: optional(string),
  usage: optional(usage),
  outputs: optional(record(string)),
  processGroup: optional(number),
});
const integration = shape({
  status: string,
  branch: string,
  commit: optional(string),
  tasks: list(string),
  gates: list(gate),
  failure: optional(failure),
});
const runRecord = shape({
  id: string,
  workflowFile: string,
  workflowName: string,
  repoRoot: string,
  sandboxRoot: absolutePath,
  baseRef: string,
  baseCommit: string,
  startedAt: number,
  finishedAt: optional(number),
  outcome: optional((v, at) =>
    typeof v === 'string' && OUTCOMES.has(v) ? undefined : `${at} is not a run outcome`,
  ),
  selected: list(string),
  vars: record(string),
  concurrency: number,
  tasks: record(task),
  integration,
  repos: optional(
    record(
      shape({ root: absolutePath, baseRef: string, baseCommit: string, url: optional(string), integration }),
    ),
  ),
  history: list(shape({ at: number, command: string })),
});

/**
 * Checks that a parsed run.json is a record this version can work with: every field the commands
 * read has the type they expect, so a damaged or hand-edited record is reported, never a crash.
 * Returns what is wrong, as the end of a sentence about the file ("run.json …"), or undefined.
 */
export function checkRunRecord(value: unknown, runId: string): string | undefined {
  if (!isObject(value)) return 'is damaged: it is not a JSON object';
  if (value.version !== RECORD_VERSION) {
    return typeof value.version === 'number' && value.version > RECORD_VERSION
      ? `${NEWER_RECORD} (record version ${value.version}; this one reads version ${RECORD_VERSION})`
      : `is damaged: its record version is ${JSON.stringify(value.version) ?? 'missing'} (expected ${RECORD_VERSION})`;
  }
  const problem = runRecord(value, '');
  if (problem) return `is damaged: ${problem}`;
  const r = value as unknown as RunRecord;
  if (r.id !== runId) return `is damaged: it is the record of run "${r.id}", not of "${runId}"`;
  const missing = r.selected.find((id) => !Object.hasOwn(r.tasks, id));
  if (missing !== undefined) return `is damaged: tasks has no entry for the selected task "${missing}"`;
  return undefined;
}
