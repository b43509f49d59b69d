import { didYouMean } from '../../util/did-you-mean.js';
import { contextPaths, parseExpression } from '../../expressions/expression.js';
import { matrixKeys } from '../../matrix/matrix-spec.js';
import type { ConfigIssue } from '../config-issue.js';
import type { TaskDef } from '../workflow.js';
import type { YamlPath } from '../source-document.js';
import type { Rule, RuleContext } from './rule.js';

const TASK_FIELDS = ['outputs', 'summary', 'status'];

/** GitHub's `cancelled()`, which the parser does not know: nothing runs here after a cancel. */
const CANCELLED = /^Unrecognized function: '(cancelled)'$/i;

/** Every `if:` parses with GitHub's parser and reads only what its task can see. */
export const conditions: Rule = (ctx) =>
  [...ctx.workflow.tasks.values()].flatMap((task): ConfigIssue[] =>
    task.if === undefined
      ? []
      : expressionIssues(task.if, task, ctx, ['tasks', task.id, 'if'], {
          what: 'the condition',
          example: "${{ tasks.plan.outputs.go == 'yes' }}",
        }),
  );

/** What is wrong with an expression of `task` written at `path`: its syntax, then each reference. */
export function expressionIssues(
  text: string,
  task: TaskDef,
  ctx: RuleContext,
  path: YamlPath,
  { what, example }: { what: string; example: string },
): ConfigIssue[] {
  const parsed = parseExpression(text);
  if (!parsed.ok) {
    const cancelled = CANCELLED.exec(parsed.error);
    if (cancelled)
      return [
        {
          code: 'template',
          path,
          needle: `${cancelled[1]}(`,
          message: `${cancelled[1]}() would never be true: a cancelled run (Ctrl-C, orchestra cancel, a spent budget) starts no further task, cleanup included`,
          hint: 'drop it: always() runs a task after failed or skipped needs, and "orchestra resume" continues a cancelled run',
        },
      ];
    return [
      {
        code: 'template',
        path,
        message: `cannot read ${what}: ${parsed.error}`,
        hint: `write a GitHub Actions expression, e.g. "${example}"`,
      },
    ];
  }
  return contextPaths(parsed.value.ast).flatMap((ref) => {
    const problem = check(ref, task, ctx);
    if (!problem) return [];
    const issue: ConfigIssue = {
      code: 'template',
      path,
      needle: ref.slice(0, 3).join('.'),
      message: problem.message,
    };
    return [problem.hint ? { ...issue, hint: problem.hint } : issue];
  });
}

function check(
  [head = '', name, field]: string[],
  task: TaskDef,
  { workflow, graph }: RuleContext,
): { message: string; hint?: string } | undefined {
  const expr = [head, name, field].filter((x) => x !== undefined).join('.');
  // `tasks`, `vars` and `matrix` are the only contexts the parser accepts, whatever their case.
  switch (head.toLowerCase()) {
    case 'vars':
      if (name === undefined || Object.hasOwn(workflow.vars, name)) return undefined;
      return {
        message: `unknown variable "${name}"${didYouMean(name, Object.keys(workflow.vars))}`,
        hint: 'declare it under "vars:"',
      };
    case 'matrix': {
      const keys = task.matrix ? matrixKeys(task.matrix) : new Set<string>();
      if (name === undefined || keys.has(name)) return undefined;
      return task.matrix
        ? { message: `unknown matrix key "${name}"${didYouMean(name, keys)}` }
        : { message: `"${expr}": task "${task.id}" has no matrix` };
    }
    default: {
      if (name === undefined) return undefined;
      if (!workflow.tasks.has(name))
        return { message: `unknown task "${name}" in "${expr}"${didYouMean(name, workflow.tasks.keys())}` };
      if (!graph.needsTransitively(task.id, name))
        return {
          message: `"${expr}" is not available: "${task.id}" does not need "${name}"`,
          hint: `add "${name}" to tasks.${task.id}.needs`,
        };
      if (field === undefined || TASK_FIELDS.includes(field)) return undefined;
      return {
        message: `unknown field "${field}" in "${expr}"`,
        hint: `a task has: ${TASK_FIELDS.join(', ')}`,
      };
    }
  }
}
