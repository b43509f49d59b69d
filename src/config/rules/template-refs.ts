import { didYouMean } from '../../util/did-you-mean.js';
import type { ConfigIssue } from '../config-issue.js';
import type { TemplateContext, TemplateSite } from '../normalize.js';
import { taskReference } from '../template.js';
import { matrixKeys } from '../../matrix/matrix-spec.js';
import type { Rule, RuleContext } from './rule.js';

const TASK_FIELDS = ['summary', 'branch', 'commit'];
/** Where `tasks.<id>.*` is available: only to tasks downstream of `<id>`, whose results exist by then. */
const TASK_CONTEXTS: TemplateContext[] = ['prompt', 'run', 'task-env'];

/** Every `${{ … }}` reference must name something that exists where it is written. */
export const templateReferences: Rule = (ctx) => {
  const ancestors = (task: string, id: string) => ctx.graph.needsTransitively(task, id);
  const issues: ConfigIssue[] = [];
  // Loops, not nested flatMaps: a large workflow has thousands of sites, each with a reference or two.
  for (const site of ctx.sites) {
    for (const part of site.template.parts) {
      if (typeof part === 'string') continue;
      const problem = check(part.expr, site, ctx, ancestors);
      if (!problem) continue;
      issues.push({
        code: 'template',
        path: site.path,
        message: `${site.fromFile ? `in ${site.fromFile}: ` : ''}${problem.message}`,
        ...(problem.hint ? { hint: problem.hint } : {}),
        ...(site.fromFile ? {} : { needle: part.raw }),
      });
    }
  }
  return issues;
};

function check(
  expr: string,
  site: TemplateSite,
  { workflow }: RuleContext,
  ancestors: (task: string, id: string) => boolean,
): { message: string; hint?: string } | undefined {
  const hasUnknownNeed = (task: string) =>
    workflow.tasks.get(task)!.needs.some((n) => !workflow.tasks.has(n));
  const [head = '', ...rest] = expr.split('.');
  const tail = rest.join('.');
  switch (head) {
    case 'vars': {
      if (Object.hasOwn(workflow.vars, tail)) return undefined;
      const names = Object.keys(workflow.vars);
      return {
        message: `unknown variable "${tail}"${didYouMean(tail, names)}`,
        hint: 'declare it under "vars:" (it can be overridden with --var)',
      };
    }
    case 'run':
      return tail === 'id' ? undefined : { message: `unknown reference "${expr}"`, hint: 'run has: run.id' };
    case 'task':
      if (site.context === 'integrate-branch')
        return { message: `"${expr}" is not available here: integration belongs to no task` };
      // A gate is rendered for each task that runs it, and for the integration, which has no task.
      if (site.path[0] === 'gates' && workflow.integrate.verify.includes(String(site.path[1])))
        return {
          message: `"${expr}" is not available in gate "${String(site.path[1])}": integrate.verify runs it, and integration belongs to no task`,
          hint: 'give integrate.verify a gate of its own without task.id',
        };
      return tail === 'id'
        ? undefined
        : { message: `unknown reference "${expr}"`, hint: 'task has: task.id' };
    case 'tasks': {
      const { id, field, output } = taskReference(tail);
      if (!workflow.tasks.has(id))
        return { message: `unknown task "${id}" in "${expr}"${didYouMean(id, workflow.tasks.keys())}` };
      if (!TASK_FIELDS.includes(field) && output === undefined)
        return {
          message: `unknown field "${field}" in "${expr}"`,
          hint: `a task has: ${TASK_FIELDS.join(', ')}, outputs.<name>`,
        };
      if (!TASK_CONTEXTS.includes(site.context) || !site.task) {
        return { message: `"${expr}" is only available in a task's prompt, run or env` };
      }
      // A need that names no task is reported already, and may be this very task mistyped.
      if (!ancestors(site.task, id) && !hasUnknownNeed(site.task)) {
        return {
          message: `"${expr}" is not available: "${site.task}" does not need "${id}"`,
          hint: `add "${id}" to tasks.${site.task}.needs`,
        };
      }
      return undefined;
    }
    case 'verify':
      if (tail !== 'output')
        return { message: `unknown reference "${expr}"`, hint: 'verify has: verify.output' };
      return site.context === 'prompt'
        ? undefined
        : {
            message:
              '"verify.output" is only available in a task prompt (the failing gate output on a retry)',
          };
    case 'matrix': {
      const matrix = site.task ? workflow.tasks.get(site.task)?.matrix : undefined;
      if (!matrix || !TASK_CONTEXTS.includes(site.context))
        return { message: `"${expr}" is only available in the prompt, run or env of a task with a matrix` };
      const keys = matrixKeys(matrix);
      return keys.has(tail)
        ? undefined
        : { message: `unknown matrix key "${tail}"${didYouMean(tail, keys)}` };
    }
    case 'prompt':
      return site.context === 'agent-command' && tail === ''
        ? undefined
        : { message: '"prompt" is only available in an agent\'s command' };
    default:
      return {
        message: `unknown reference "${expr}"`,
        hint: 'references start with vars., run., task., tasks., matrix., verify. or prompt',
      };
  }
}
