import type { Rule } from './rule.js';

/**
 * A task is an agent task (prompt with a role or agent), a command task (run) or an approval
 * (approval), never two of them.
 */
export const taskKind: Rule = ({ workflow }) =>
  [...workflow.tasks.values()].flatMap((t) => {
    const path = ['tasks', t.id];
    if (t.approval && (t.prompt || t.run)) {
      return [
        {
          code: 'task-kind',
          path: [...path, 'approval'],
          target: 'key',
          message: `an approval task has no "${t.prompt ? 'prompt' : 'run'}": it waits for a person`,
          hint: 'split it into two tasks, the second one needing the first',
        },
      ];
    }
    if (t.approval && (t.role || t.agent || t.verify.length)) {
      const key = t.role ? 'role' : t.agent ? 'agent' : 'verify';
      return [
        {
          code: 'task-kind',
          path: [...path, key],
          target: 'key',
          message: `an approval task runs nothing: it has no "${key}"`,
          hint: `remove "${key}", or make the work a task of its own that the approval needs`,
        },
      ];
    }
    if (t.approval) return [];
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
          hint: 'give it a "prompt" (with a "role" or "agent"), a "run" command or an "approval" text',
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
