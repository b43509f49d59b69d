import type { RunSummary, RunView } from '../server/run-views.js';

/** The server's token, in the page it served: actions send it (the cookie is not readable here). */
const token = document.querySelector<HTMLMetaElement>('meta[name="orchestra-token"]')?.content ?? '';

/** What went wrong, as the server (and the CLI) say it. */
export interface Problem {
  message: string;
  hint?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.message);
  }
}

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json()) as T & { error?: Problem };
  if (!res.ok) throw new ApiError(res.status, body.error ?? { message: res.statusText });
  return body;
}

export const getRuns = async () => json<{ repoRoot: string; runs: RunSummary[] }>(await fetch('/api/runs'));

export const getRun = async (id: string) => json<RunView>(await fetch(`/api/runs/${encodeURIComponent(id)}`));

export const getDiff = async (id: string, task: string) =>
  json<{ text: string; cut: boolean; from: string; to: string }>(
    await fetch(`/api/runs/${encodeURIComponent(id)}/diff?task=${encodeURIComponent(task)}`),
  );

/** Which log of a task: see LogQuery on the server. */
export interface LogRef {
  task: string;
  kind: 'agent' | 'gate' | 'prompt' | 'setup';
  attempt?: number;
  gate?: string;
}

/** A window of a log: bytes [start, end) of a file of `size` bytes. */
export interface LogWindow {
  text: string;
  start: number;
  end: number;
  size: number;
}

export async function getLog(
  run: string,
  ref: LogRef,
  range: { from?: number; to?: number } = {},
): Promise<LogWindow> {
  const q = new URLSearchParams({ task: ref.task, kind: ref.kind });
  if (ref.attempt !== undefined) q.set('attempt', String(ref.attempt));
  if (ref.gate !== undefined) q.set('gate', ref.gate);
  if (range.from !== undefined) q.set('from', String(range.from));
  if (range.to !== undefined) q.set('to', String(range.to));
  const res = await fetch(`/api/runs/${encodeURIComponent(run)}/log?${q.toString()}`);
  if (!res.ok) throw new ApiError(res.status, ((await res.json()) as { error: Problem }).error);
  const header = (name: string) => Number(res.headers.get(name) ?? 0);
  return {
    text: await res.text(),
    start: header('X-Log-Start'),
    end: header('X-Log-End'),
    size: header('X-Log-Size'),
  };
}

export async function act(
  run: string,
  action: string,
  body: { tasks?: string[]; failed?: boolean } = {},
): Promise<string> {
  const res = await fetch(`/api/runs/${encodeURIComponent(run)}/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Orchestra-Token': token },
    body: JSON.stringify(body),
  });
  return (await json<{ message: string }>(res)).message;
}
