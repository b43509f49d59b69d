import { existsSync } from 'node:fs';
import { rerunWorkflow } from '../../engine/continue-run.js';
import { findRun } from '../../state/find-run.js';
import type { WorkflowOptions } from '../load.js';
import { loadOrExit } from '../load.js';
import { repoOrExit } from '../repo.js';
import type { RunFlags } from './run.js';
import { withReporter } from './run.js';

export interface RerunFlags extends WorkflowOptions, Pick<RunFlags, 'keep' | 'failFast' | 'failureMode'> {
  run?: string;
  /** A run of `orchestra job`s on this git remote: fetched, rerun here, pushed back. */
  remote?: string;
  failed?: boolean;
  allowStale?: boolean;
}

/** `orchestra rerun <task…>` / `--failed` and `orchestra resume`: a new attempt of a recorded run. */
export async function continueCommand(
  command: 'rerun' | 'resume',
  tasks: string[],
  flags: RerunFlags,
): Promise<number> {
  if (flags.remote !== undefined && command === 'rerun')
    return (await import('./job.js')).rerunRemoteCommand(tasks, { ...flags, remote: flags.remote });
  const recorded = await recordedRun(flags.run, flags.json === true);
  const loaded = await loadOrExit(
    { ...flags, ...(flags.file || !recorded.file ? {} : { file: recorded.file }) },
    recorded.vars,
  );
  return withReporter(
    flags.json === true,
    (onEvent, signal) =>
      rerunWorkflow(loaded, {
        command,
        tasks,
        ...(flags.run ? { runId: flags.run } : {}),
        ...rerunChoices(flags),
        onEvent,
        signal,
      }),
    { notify: loaded.workflow.raw.notify },
  );
}

/** What the flags of `rerun` choose, for a local run and a distributed one alike. */
export function rerunChoices(flags: RerunFlags) {
  return {
    failed: flags.failed === true,
    allowStale: flags.allowStale === true,
    failureMode: flags.failFast ? ('kill' as const) : (flags.failureMode ?? 'continue'),
    ...(flags.keep ? { keep: flags.keep } : {}),
  };
}

export const rerunCommand = (tasks: string[], flags: RerunFlags) => continueCommand('rerun', tasks, flags);
export const resumeCommand = (flags: RerunFlags) => continueCommand('resume', [], flags);

/**
 * What the run to continue was started with. Without -f, a run is continued with the workflow file
 * it was started from (`run -f other.yaml`), not whichever one discovery finds; and with the values
 * its variables had (`run --var x=y`), not the defaults. If the run cannot be found, discovery goes
 * on and the run lookup reports why; outside a repository (or in one git refuses) nothing goes on.
 */
async function recordedRun(
  runId: string | undefined,
  json: boolean,
): Promise<{ file?: string; vars?: Readonly<Record<string, string>> }> {
  const found = await findRun(await repoOrExit(json), runId);
  if (!found.ok) return {};
  const { workflowFile, vars } = found.value.record;
  return { ...(workflowFile && existsSync(workflowFile) ? { file: workflowFile } : {}), vars };
}
