import { rerunWorkflow } from '../../engine/continue-run.js';
import type { WorkflowOptions } from '../load.js';
import { loadOrExit } from '../load.js';
import type { RunFlags } from './run.js';
import { withReporter } from './run.js';

export interface RerunFlags extends WorkflowOptions, Pick<RunFlags, 'keep' | 'failFast' | 'failureMode'> {
  run?: string;
  failed?: boolean;
  allowStale?: boolean;
}

/** `orchestra rerun <task…>` / `--failed` and `orchestra resume`: a new attempt of a recorded run. */
export async function continueCommand(
  command: 'rerun' | 'resume',
  tasks: string[],
  flags: RerunFlags,
): Promise<number> {
  const loaded = await loadOrExit(flags);
  return withReporter(flags.json === true, (onEvent, signal) =>
    rerunWorkflow(loaded, {
      command,
      tasks,
      ...(flags.run ? { runId: flags.run } : {}),
      failed: flags.failed === true,
      allowStale: flags.allowStale === true,
      failureMode: flags.failFast ? 'kill' : (flags.failureMode ?? 'continue'),
      ...(flags.keep ? { keep: flags.keep } : {}),
      onEvent,
      signal,
    }),
  );
}

export const rerunCommand = (tasks: string[], flags: RerunFlags) => continueCommand('rerun', tasks, flags);
export const resumeCommand = (flags: RerunFlags) => continueCommand('resume', [], flags);
