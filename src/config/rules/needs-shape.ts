import type { ConfigIssue } from '../config-issue.js';
import type { Rule } from './rule.js';

/** A task cannot need itself, and naming a need twice is a mistake worth pointing out. */
export const needsShape: Rule = ({ workflow }) =>
  [...workflow.tasks.values()].flatMap((t) =>
    t.needs.flatMap((n, i): ConfigIssue[] => {
      const path = ['tasks', t.id, 'needs', i];
      if (n === t.id) return [{ code: 'self-need', path, message: `task "${t.id}" needs itself` }];
      const first = t.needs.indexOf(n);
      return first < i
        ? [{ code: 'duplicate-need', path, message: `"${n}" is already listed at needs[${first}]` }]
        : [];
    }),
  );
