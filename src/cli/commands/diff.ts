import { spawn } from 'node:child_process';
import { Git } from '../../git/git.js';
import type { RunRecord } from '../../state/run-state.js';
import { ExitCode } from '../exit-codes.js';
import { usageError as usage } from '../usage-error.js';
import { runOrExit } from '../repo.js';

/** `orchestra diff <task>`: what the task changed, from the commit it started at to its result. */
export async function diffCommand(task: string, opts: { run?: string; stat?: boolean }): Promise<number> {
  const { repoRoot, record } = await runOrExit(opts.run);
  const range = await taskRange(new Git(repoRoot), record, task);
  // git itself prints: its pager and colours behave as with any `git diff`.
  const child = spawn('git', ['diff', ...(opts.stat ? ['--stat'] : []), range.from, range.to, '--'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  const code = await new Promise<number>((done) => {
    child.on('error', () => done(ExitCode.failed));
    child.on('close', (c) => done(c ?? ExitCode.failed));
  });
  return code === 0 ? ExitCode.ok : ExitCode.failed;
}

/**
 * The task's start commit and its result: the recorded commit, else its branch (a failed task's
 * last attempt is committed there too).
 */
async function taskRange(repo: Git, record: RunRecord, task: string): Promise<{ from: string; to: string }> {
  // Own keys only: a task named "constructor" is not in the record.
  const t = Object.hasOwn(record.tasks, task) ? record.tasks[task] : undefined;
  if (!t) usage(`run ${record.id} has no task "${task}"`, `its tasks: ${record.selected.join(', ')}`);
  if (t.reusedFrom !== undefined && t.startCommit === undefined)
    usage(
      `"${task}" was reused from run ${t.reusedFrom}: this run did not change it`,
      `see its change there: orchestra diff ${task} --run ${t.reusedFrom}`,
    );
  if (t.startCommit === undefined) usage(`"${task}" has not started in run ${record.id} (${t.status})`);
  const to = t.commit ?? ((await repo.branchExists(t.branch)) ? t.branch : undefined);
  if (to === undefined)
    usage(
      `"${task}" has no result in run ${record.id} (${t.status}) and its branch ${t.branch} is gone`,
      `its log says what happened: orchestra logs ${task} --run ${record.id}`,
    );
  return { from: t.startCommit, to };
}
