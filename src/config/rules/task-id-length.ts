import type { Rule } from './rule.js';

/**
 * The longest task id, in bytes. An id becomes a file name more than once: the last part of its
 * branch's ref file (git writes `<id>.lock` beside it), its log folder, its sandbox folder and the
 * worktree's admin folder (to which git may append a number). A name holds at most 255 bytes on
 * common file systems; 200 leaves room for what git adds.
 */
export const MAX_TASK_ID_BYTES = 200;

/** A task id the schema accepts can still be too long to become a file name. */
export const taskIdLength: Rule = ({ workflow }) =>
  [...workflow.tasks.keys()]
    .filter((id) => Buffer.byteLength(id) > MAX_TASK_ID_BYTES)
    .map((id) => ({
      code: 'bad-task-id',
      path: ['tasks', id],
      target: 'key',
      message: `task id is ${Buffer.byteLength(id)} characters long; the limit is ${MAX_TASK_ID_BYTES}`,
      hint: 'a task id names its branch (orchestra/tasks/<run-id>/<id>), its log folder and its sandbox folder, and a file name holds at most 255 bytes',
    }));
