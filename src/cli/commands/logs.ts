import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FINAL_STATUSES } from '../../events/task-status.js';
import type { RunPaths } from '../../state/run-paths.js';
import type { RunStore } from '../../state/run-store.js';
import type { AttemptRecord, RunRecord } from '../../state/run-state.js';
import { Exit, ExitCode } from '../exit-codes.js';
import { printDiagnostics } from '../load.js';
import { runOrExit } from '../repo.js';

export interface LogsFlags {
  run?: string;
  file?: string;
  attempt?: number;
  gate?: string;
  follow?: boolean;
  prompt?: boolean;
  json?: boolean;
}

/** `orchestra logs <task>`: the agent's or a gate's output; `--follow` tails a task still running. */
export async function logsCommand(task: string, flags: LogsFlags): Promise<number> {
  if (flags.json && flags.follow) usage('--json prints a whole log: it cannot be combined with --follow');
  const { store, record } = await runOrExit(flags.run, flags.json, flags.file);
  // Own keys only: a task named "constructor" or "__proto__" is not in the record.
  const t = Object.hasOwn(record.tasks, task) ? record.tasks[task] : undefined;
  if (!t) usage(`run ${record.id} has no task "${task}"`, `its tasks: ${record.selected.join(', ')}`);
  if (flags.prompt) return showPrompt(store, task, pickAttempt(record, task, flags));
  if (!flags.follow) {
    const log = logPath(store.paths, record, task, flags);
    if (!log)
      usage(
        t.failure
          ? `"${task}" has no log: it failed before its first attempt (${t.failure.reason}: ${t.failure.message})`
          : `"${task}" has no log yet (${t.status})`,
      );
    // A live run may be about to create it; a finished one lost it.
    if (!existsSync(store.paths.abs(log)) && !(await store.isLocked())) missingLog(store, log);
    if (flags.json) return printJson(store, record, task, log, flags);
    await pipe(store.paths.abs(log), 0);
    return 0;
  }
  return follow(store, task, flags);
}

/** `--json`: the log's text with what it is the log of, as one object. */
async function printJson(
  store: RunStore,
  record: RunRecord,
  task: string,
  log: string,
  flags: LogsFlags,
): Promise<number> {
  const path = store.paths.abs(log);
  const attempt = flags.attempt ?? record.tasks[task]!.attempts.at(-1)?.n ?? null;
  const text = existsSync(path) ? await readFile(path, 'utf8') : '';
  process.stdout.write(
    `${JSON.stringify({ run: record.id, task, attempt, gate: flags.gate ?? null, log: path, text })}\n`,
  );
  return 0;
}

function missingLog(store: RunStore, log: string): never {
  usage(
    `the log ${relative(process.cwd(), store.paths.abs(log))} is missing: it was deleted`,
    `the record still holds the result: orchestra status --run ${store.runId}`,
  );
}

/** The attempt asked for (default: the last), undefined when the task has none yet. */
function pickAttempt(record: RunRecord, task: string, flags: LogsFlags): AttemptRecord | undefined {
  const t = record.tasks[task]!;
  const attempt = flags.attempt ? t.attempts.find((a) => a.n === flags.attempt) : t.attempts.at(-1);
  if (flags.attempt && !attempt)
    usage(
      `"${task}" has no attempt ${flags.attempt}`,
      `attempts: ${t.attempts.map((a) => a.n).join(', ') || 'none'}`,
    );
  return attempt;
}

function logPath(paths: RunPaths, record: RunRecord, task: string, flags: LogsFlags): string | undefined {
  const t = record.tasks[task]!;
  const attempt = pickAttempt(record, task, flags);
  // A task whose setup failed made no attempt: its setup's output is its log.
  if (!attempt) return !flags.gate && t.failure?.reason === 'setup-failed' ? paths.setupLog(task) : undefined;
  if (!flags.gate) return attempt.log;
  const gate = attempt.gates.find((g) => g.name === flags.gate);
  if (!gate)
    usage(
      `attempt ${attempt.n} of "${task}" ran no gate "${flags.gate}"`,
      `gates run: ${attempt.gates.map((g) => g.name).join(', ') || 'none'}`,
    );
  return gate.log;
}

/** `--prompt`: what the attempt was told, as saved before it started. */
async function showPrompt(
  store: RunStore,
  task: string,
  attempt: AttemptRecord | undefined,
): Promise<number> {
  if (!attempt) usage(`"${task}" has not started yet: it has no prompt`);
  const file = store.paths.abs(store.paths.attemptPrompt(task, attempt.n));
  if (!existsSync(file))
    usage(
      `attempt ${attempt.n} of "${task}" has no saved prompt (${relative(process.cwd(), file)})`,
      'a run made by an older orchestra kept only the logs',
    );
  await pipe(file, 0);
  return 0;
}

/** Prints the log as it grows, moving on to each new attempt, until the task has finished. */
async function follow(store: RunStore, task: string, flags: LogsFlags): Promise<number> {
  let current: string | undefined;
  let offset = 0;
  for (;;) {
    const loaded = await store.load();
    if (!loaded.ok) usage(loaded.error);
    const record = loaded.ok ? loaded.value : undefined;
    const log = record && logPath(store.paths, record, task, flags);
    if (log && log !== current) {
      if (current) process.stdout.write(`\n--- ${log} ---\n`);
      current = log;
      offset = 0;
    }
    if (current) offset = await pipe(store.paths.abs(current), offset);
    const status = record?.tasks[task]?.status;
    const live = await store.isLocked();
    if (!live || (status && FINAL_STATUSES.includes(status))) {
      if (current && !existsSync(store.paths.abs(current))) missingLog(store, current);
      if (current) await pipe(store.paths.abs(current), offset);
      return 0;
    }
    await sleep(250);
  }
}

/** Copies the file from `offset` to stdout; returns the new offset. */
async function pipe(path: string, offset: number): Promise<number> {
  if (!existsSync(path)) return offset;
  const size = statSync(path).size;
  if (size <= offset) return offset;
  await new Promise<void>((resolve, reject) => {
    const s = createReadStream(path, { start: offset, end: size - 1 });
    s.on('error', reject);
    s.on('end', resolve);
    s.pipe(process.stdout, { end: false });
  });
  return size;
}

function usage(message: string, hint?: string): never {
  printDiagnostics(
    [{ severity: 'error', code: 'usage', message, ...(hint ? { hint } : {}) }],
    new Map(),
    false,
  );
  throw new Exit(ExitCode.usage);
}
