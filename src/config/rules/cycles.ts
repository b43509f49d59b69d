import type { Rule } from './rule.js';

/** The DAG must be acyclic; a cycle is shown whole, with the place of each edge. */
export const cycles: Rule = ({ workflow, graph }) =>
  graph
    .cycles()
    .filter((path) => path.length > 2) // a self-need is reported by needsShape
    .map((path) => {
      const edges = path.slice(1).map((task, i) => {
        const need = path[i]!;
        const index = workflow.tasks.get(task)?.needs.indexOf(need) ?? 0;
        return { task, need, path: ['tasks', task, 'needs', index] };
      });
      return {
        code: 'cycle',
        path: edges[0]!.path,
        message: `dependency cycle: ${[...path].reverse().join(' → ')}`,
        hint: 'each task needs the one after it; remove one of these needs',
        related: edges.map((e) => ({ message: `"${e.task}" needs "${e.need}"`, path: e.path })),
      };
    });
