import { writeFileSync } from 'node:fs';
import type { RunContext } from './run-context.js';

/**
 * Records the process group of each process a task starts, so that what a run killed with SIGKILL
 * leaves running can be found by `status` and stopped by `resume` (the record is cleared when the
 * task ends). run.json's write is not awaited (the process runs already) and may wait behind
 * another, so the group is also written to a file of its own at once: a kill -9 of orchestra keeps
 * what the kernel was given, and a crash of the machine ends the processes too.
 */
export function recordProcessGroup(ctx: RunContext, task: string): (pgid: number) => void {
  const paths = ctx.journal.store.paths;
  return (pgid) => {
    try {
      writeFileSync(paths.abs(paths.processGroup(task)), String(pgid));
    } catch {
      // Its log folder gone: run.json's record below is the one left.
    }
    void ctx.journal.updateTask(task, (t) => (t.processGroup = pgid)).catch(() => undefined);
  };
}
