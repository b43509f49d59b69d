import { open } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import type { RunStore } from '../../state/run-store.js';
import type { RunRecord } from '../../state/run-state.js';
import type { Result } from '../../util/result.js';
import { err, ok } from '../../util/result.js';

/** Which of a task's files: the agent's output, a gate's, the prompt, or the setup's. */
export interface LogQuery {
  task: string;
  /** Default: the last attempt. */
  attempt?: number;
  kind: 'agent' | 'gate' | 'prompt' | 'setup';
  gate?: string;
}

/** Bytes `[start, end)` of a file `size` bytes long. */
export interface LogSlice {
  start: number;
  end: number;
  size: number;
  bytes: Buffer;
}

/** The most one request returns: a 1 GB log is read a window at a time. */
export const MAX_SLICE = 1024 * 1024;
/** What a log shows first: its end. */
export const TAIL = 64 * 1024;

/**
 * The file a query names, as a path inside the run folder. Only names the record holds are taken
 * (own keys, recorded gates), and a path the record gives that leads out of the run folder (a
 * hand-edited `log: ../../x`) is refused.
 */
export function logFile(store: RunStore, record: RunRecord, q: LogQuery): Result<string, string> {
  const t = Object.hasOwn(record.tasks, q.task) ? record.tasks[q.task] : undefined;
  if (!t) return err(`run ${record.id} has no task "${q.task}"`);
  const attempt = q.attempt === undefined ? t.attempts.at(-1) : t.attempts.find((a) => a.n === q.attempt);
  let file: string;
  if (q.kind === 'setup') file = store.paths.setupLog(q.task);
  else if (!attempt)
    return err(
      q.attempt === undefined ? `"${q.task}" has no attempt yet` : `"${q.task}" has no attempt ${q.attempt}`,
    );
  else if (q.kind === 'prompt') file = store.paths.attemptPrompt(q.task, attempt.n);
  else if (q.kind === 'agent') file = attempt.log;
  else {
    const gate = attempt.gates.find((g) => g.name === q.gate);
    if (!gate) return err(`attempt ${attempt.n} of "${q.task}" ran no gate "${q.gate ?? ''}"`);
    file = gate.log;
  }
  const path = store.paths.abs(file);
  const inside = relative(store.paths.dir, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside))
    return err(`the record of run ${record.id} names a log outside its folder: ${file}`);
  return ok(path);
}

/**
 * Bytes of a file without reading the rest: from `from` (to `to`, at most MAX_SLICE), or the TAIL
 * bytes before `to` (default: the end). A file not written yet is empty.
 */
export async function readSlice(path: string, from?: number, to?: number): Promise<LogSlice> {
  let file;
  try {
    file = await open(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      return { start: 0, end: 0, size: 0, bytes: Buffer.alloc(0) };
    throw e;
  }
  try {
    const { size } = await file.stat();
    let start: number;
    let end: number;
    if (from === undefined) {
      end = Math.min(size, to ?? size);
      start = Math.max(0, end - TAIL);
    } else {
      start = Math.min(size, from);
      end = Math.max(start, Math.min(size, to ?? size, start + MAX_SLICE));
    }
    const { buffer, bytesRead } = await file.read(Buffer.alloc(end - start), 0, end - start, start);
    return { start, end: start + bytesRead, size, bytes: buffer.subarray(0, bytesRead) };
  } finally {
    await file.close();
  }
}
