import type { ConfigIssue } from '../config/config-issue.js';
import type { Rule } from '../config/rules/rule.js';

/** `best_of` runs an agent several times: a command task has nothing to vary, and `pick` needs it. */
export const bestOfRule: Rule = ({ workflow }) =>
  [...workflow.tasks.values()].flatMap((t): ConfigIssue[] => {
    const raw = workflow.raw.tasks[t.id];
    if (t.bestOf && t.kind === 'command')
      return [
        {
          code: 'best-of',
          path: ['tasks', t.id, 'best_of'],
          target: 'key',
          message: 'best_of runs an agent several times; a "run" task runs a command',
          hint: 'remove best_of, or give the task a "prompt" and an agent',
        },
      ];
    if (raw?.pick !== undefined && raw.best_of === undefined)
      return [
        {
          code: 'best-of',
          path: ['tasks', t.id, 'pick'],
          target: 'key',
          message: '"pick" chooses among best_of candidates, and the task has no best_of',
          hint: 'add e.g. "best_of: 3", or remove "pick"',
        },
      ];
    return [];
  });
