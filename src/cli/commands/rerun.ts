import { existsSync } from 'node:fs';
import { rerunWorkflow } from '../../engine/continue-run.js';
import { Git } from '../../git/git.js';
import { findRun } from '../../state/find-run.js';
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
  const loaded = await loadOrExit({ ...flags, ...(flags.file ? {} : await recordedFile(flags.run)) });
  return withReporter(
    flags.json === true,
    (onEvent, signal) =>
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
    { notify: loaded.workflow.raw.notify },
  );
}

export const rerunCommand = (tasks: string[], flags: RerunFlags) => continueCommand('rerun', tasks, flags);
export const resumeCommand = (flags: RerunFlags) => continueCommand('resume', [], flags);

/**
 * Without -f, a run is continued with the workflow file it was started from (`run -f other.yaml`),
 * not whichever one discovery finds; if the run cannot be found, discovery goes on and the run
 * lookup reports why.
 */
async function recordedFile(runId: string | undefined): Promise<{ file?: string }> {
  const repoRoot = await Git.topLevel(process.cwd());
  const found = repoRoot ? await findRun(repoRoot, runId) : undefined;
  const file = found?.ok ? found.value.record.workflowFile : undefined;
  return file && existsSync(file) ? { file } : {};
}
