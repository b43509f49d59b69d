import type { RunContext } from './run-context.js';

/**
 * Records the process group of each process a task starts, so that what a run killed with SIGKILL
 * leaves running can be found by `status` and stopped by `resume` (the record is cleared when the
 * task ends). Not awaited: the process runs already, and a crash before the write loses only that.
 */
export function recordProcessGroup(ctx: RunContext, task: string): (pgid: number) => void {
  return (pgid) => {
    void ctx.journal.updateTask(task, (t) => (t.processGroup = pgid)).catch(() => undefined);
  };
}
