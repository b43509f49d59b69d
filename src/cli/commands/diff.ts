import { spawn } from 'node:child_process';
import { Git } from '../../git/git.js';
import { taskRange } from '../../git/task-range.js';
import { ExitCode } from '../exit-codes.js';
import { usageError as usage } from '../usage-error.js';
import { runOrExit } from '../repo.js';

/** `orchestra diff <task>`: what the task changed, from the commit it started at to its result. */
export async function diffCommand(task: string, opts: { run?: string; stat?: boolean }): Promise<number> {
  const { repoRoot, record } = await runOrExit(opts.run);
  const found = await taskRange(new Git(repoRoot), record, task);
  if (!found.ok) usage(found.error.message, found.error.hint);
  const range = found.value;
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
