import type { ConfigIssue } from '../config/config-issue.js';
import type { Rule } from '../config/rules/rule.js';

/** `best_of` runs an agent several times: a command task has nothing to vary, and `pick` needs it. */
export const bestOfRule: Rule = ({ workflow }) =>
  [...workflow.tasks.values()].flatMap((t): ConfigIssue[] => {
    const raw = workflow.raw.tasks[t.id];
    const issue = (key: string, message: string, hint: string): ConfigIssue[] => [
      { code: 'best-of', path: ['tasks', t.id, key], target: 'key', message, hint },
    ];
    if (t.bestOf && t.kind === 'command')
      return issue(
        'best_of',
        'best_of runs an agent several times; a "run" task runs a command',
        'remove best_of, or give the task a "prompt" and an agent',
      );
    if (raw?.pick !== undefined && raw.best_of === undefined)
      return issue(
        'pick',
        '"pick" chooses among best_of candidates, and the task has no best_of',
        'add e.g. "best_of: 3", or remove "pick"',
      );
    return [];
  });
