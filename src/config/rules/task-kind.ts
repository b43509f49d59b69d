import type { Rule } from './rule.js';

/** A task is either an agent task (prompt with a role or agent) or a command task (run), never both. */
export const taskKind: Rule = ({ workflow }) =>
  [...workflow.tasks.values()].flatMap((t) => {
    const path = ['tasks', t.id];
    if (t.prompt && t.run) {
      return [
        {
          code: 'task-kind',
          path: [...path, 'run'],
          target: 'key',
          message: 'a task has either "prompt" or "run", not both',
          hint: 'split it into two tasks, the second one needing the first',
        },
      ];
    }
    if (!t.prompt && !t.run) {
      return [
        {
          code: 'task-kind',
          path,
          target: 'key',
          message: `task "${t.id}" has nothing to do`,
          hint: 'give it a "prompt" (with a "role" or "agent") or a "run" command',
        },
      ];
    }
    if (t.run && (t.role || t.agent)) {
      return [
        {
          code: 'task-kind',
          path: [...path, t.role ? 'role' : 'agent'],
          target: 'key',
          message: 'a "run" task runs a command, not an agent',
          hint: 'remove "role"/"agent", or replace "run" with a "prompt"',
        },
      ];
    }
    if (t.prompt && !t.agent && !t.role) {
      return [
        {
          code: 'task-kind',
          path: [...path, 'prompt'],
          target: 'key',
          message: 'an agent task needs a "role" or an "agent"',
          hint: 'add e.g. "agent: claude"',
        },
      ];
    }
    return [];
  });
