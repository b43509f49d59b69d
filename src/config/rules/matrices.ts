import { staticCombinations } from '../../matrix/expand-matrix.js';
import type { ConfigIssue } from '../config-issue.js';
import { expressionIssues } from './conditions.js';
import type { Rule } from './rule.js';

/**
 * A static matrix makes at least one combination and no more than `matrix_limit`; a dynamic key is
 * an expression reading the outputs of a task the matrix task needs.
 */
export const matrices: Rule = (ctx) =>
  [...ctx.workflow.tasks.values()].flatMap((task): ConfigIssue[] => {
    if (!task.matrix) return [];
    const path = ['tasks', task.id, 'matrix'];
    const combos = staticCombinations(task.matrix);
    if (combos === undefined)
      return Object.entries(task.matrix.axes).flatMap(([key, v]) =>
        typeof v === 'string'
          ? expressionIssues(v, task, ctx, [...path, key], {
              what: 'the matrix values',
              example: '${{ fromJSON(tasks.plan.outputs.items) }}',
            })
          : [],
      );
    if (combos.length === 0)
      return [
        { code: 'template', path, message: 'the matrix makes no combination: exclude removes them all' },
      ];
    if (combos.length > ctx.workflow.matrixLimit)
      return [
        {
          code: 'template',
          path,
          message: `the matrix makes ${combos.length} tasks, more than the limit of ${ctx.workflow.matrixLimit}`,
          hint: 'raise "matrix_limit:" at the top of the workflow if that many are meant',
        },
      ];
    return [];
  });
