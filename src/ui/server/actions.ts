import { existsSync } from 'node:fs';
import { loadWorkflow } from '../../config/load-workflow.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { rerunWorkflow } from '../../engine/continue-run.js';
import type { RunResult } from '../../engine/run-workflow.js';
import { runNotify } from '../../notify/run-notify.js';
import { findRun } from '../../state/find-run.js';
import { requestCancel } from '../../control/cancel-run.js';
import { decideApproval } from '../../control/decide-approval.js';
import type { Result } from '../../util/result.js';
import { err, ok } from '../../util/result.js';
import { eventJournal } from '../event-journal.js';

/** What the page can ask of a run. */
export type ActionName = 'rerun' | 'resume' | 'cancel' | 'approve' | 'reject';
export const ACTIONS: readonly ActionName[] = ['rerun', 'resume', 'cancel', 'approve', 'reject'];

export interface ActionRequest {
  runId: string;
  /** rerun: the tasks to run again; approve, reject: the waiting task. */
  tasks: string[];
  /** rerun: every task without a result. */
  failed: boolean;
}

/** Why an action was not done: the CLI's own diagnostic, and whether the run's state forbids it. */
export interface Refusal {
  status: 409;
  diagnostics: Diagnostic[];
}

/**
 * The runs this server started (rerun, resume): they run in this process, like `orchestra rerun`
 * would, and are cancelled (and awaited) when the server stops.
 */
export class Actions {
  readonly #running = new Set<{ abort: AbortController; done: Promise<unknown> }>();

  constructor(readonly repoRoot: string) {}

  /** Does the action; resolves once it has begun (a rerun: its run started) or was refused. */
  do(name: ActionName, req: ActionRequest): Promise<Result<string, Refusal>> {
    switch (name) {
      case 'rerun':
      case 'resume':
        return this.#continue(name, req);
      case 'cancel':
        return this.#cancel(req);
      case 'approve':
      case 'reject':
        return this.#decide(name === 'approve' ? 'approved' : 'rejected', req);
    }
  }

  /** `orchestra cancel`: asks the process running the run to stop it; the page sees it stop. */
  async #cancel(req: ActionRequest): Promise<Result<string, Refusal>> {
    const found = await findRun(this.repoRoot, req.runId);
    if (!found.ok) return refused([found.error]);
    const asked = await requestCancel(this.repoRoot, found.value.store, found.value.record);
    return asked.ok
      ? ok(`cancelling run ${req.runId} (orchestra process ${asked.value})`)
      : refused([asked.error]);
  }

  /** `orchestra approve|reject <task>`: the waiting run goes on at once. */
  async #decide(decision: 'approved' | 'rejected', req: ActionRequest): Promise<Result<string, Refusal>> {
    const task = req.tasks[0];
    if (task === undefined || req.tasks.length !== 1)
      return refused([
        {
          severity: 'error',
          code: 'usage',
          message: `${decision === 'approved' ? 'approve' : 'reject'} takes one task`,
        },
      ]);
    const found = await findRun(this.repoRoot, req.runId);
    if (!found.ok) return refused([found.error]);
    const decided = await decideApproval(this.repoRoot, found.value, task, decision);
    return decided.ok ? ok(`${task} ${decision} by ${decided.value.given.by}`) : refused([decided.error]);
  }

  /** Cancels the runs this server started and waits until their state is saved. */
  async close(): Promise<void> {
    for (const r of this.#running) r.abort.abort();
    await Promise.all([...this.#running].map((r) => r.done));
  }

  /** `orchestra rerun` / `orchestra resume` of the run, as the CLI does it: same library call. */
  async #continue(command: 'rerun' | 'resume', req: ActionRequest): Promise<Result<string, Refusal>> {
    const found = await findRun(this.repoRoot, req.runId);
    if (!found.ok) return refused([found.error]);
    // The workflow file and variables the run was started with, as the CLI continues it.
    const { workflowFile, vars } = found.value.record;
    const loaded = await loadWorkflow(existsSync(workflowFile) ? workflowFile : undefined, {
      cwd: this.repoRoot,
      recordedVars: vars,
    });
    if (!loaded.ok) return refused(loaded.error.diagnostics);
    const journal = eventJournal();
    const abort = new AbortController();
    let started!: () => void;
    const running = new Promise<'started'>((resolve) => (started = () => resolve('started')));
    const done = rerunWorkflow(loaded.value, {
      command,
      runId: req.runId,
      ...(command === 'rerun' ? { tasks: req.tasks, failed: req.failed } : {}),
      failureMode: 'continue',
      cwd: this.repoRoot,
      signal: abort.signal,
      onEvent: (e) => {
        journal.onEvent(e);
        if (e.type === 'run-started') started();
      },
    }).finally(() => journal.close());
    const entry = { abort, done: done.then(notify(loaded.value.workflow.raw.notify), () => undefined) };
    this.#running.add(entry);
    void entry.done.finally(() => this.#running.delete(entry));
    const first = await Promise.race([running, done]);
    if (first === 'started') return ok(`${command} of run ${req.runId} started`);
    return first.ok
      ? ok(`${command} of run ${req.runId} finished: ${first.value.outcome}`)
      : refused(first.error);
  }
}

/** After a run this server started: the workflow's `notify`, as the CLI runs it. */
function notify(settings: Parameters<typeof runNotify>[0] | undefined) {
  return async (result: Result<RunResult, Diagnostic[]>) => {
    if (settings !== undefined && result.ok) await runNotify(settings, result.value);
  };
}

const refused = (diagnostics: Diagnostic[]): Result<never, Refusal> => err({ status: 409, diagnostics });
