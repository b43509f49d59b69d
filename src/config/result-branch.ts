import type { ConfigIssue } from './config-issue.js';
import { branchNameProblem } from './ref-name.js';
import { renderTemplate, templateRefs } from './template.js';
import type { Workflow } from './workflow.js';

/**
 * Stands for `run.id`, which is only known when a run starts. Run ids are always
 * `<8 digits>-<6 digits>-<4 hex digits>` (newRunId), so whether a branch name holding one is valid
 * does not depend on which one: checking with this one is exact.
 */
const SAMPLE_RUN_ID = '20260101-000000-0000';

/**
 * Why `integrate.branch`, with the variables as given (defaults and --var), cannot name the result
 * branch: checked before any task runs, not found out at integration after all of them ran.
 */
export function resultBranchIssue(
  workflow: Workflow,
  overrides: Readonly<Record<string, string>>,
): ConfigIssue | undefined {
  const template = workflow.integrate.branch;
  // An empty value written as such is the schema's to report.
  if (template.source === '') return undefined;
  const values = (expr: string): string | undefined =>
    expr === 'run.id'
      ? SAMPLE_RUN_ID
      : expr.startsWith('vars.') && Object.hasOwn(workflow.vars, expr.slice(5))
        ? workflow.vars[expr.slice(5)]
        : undefined;
  const refs = templateRefs(template);
  // A reference that has no value here is reported by the template rule.
  if (refs.some((r) => values(r.expr) === undefined)) return undefined;
  const name = renderTemplate(template, values);
  const problem = branchNameProblem(name);
  if (!problem) return undefined;
  const given = [...new Set(refs.map((r) => r.expr).filter((e) => e.startsWith('vars.')))].map((e) => {
    const v = e.slice('vars.'.length);
    return `${e} = ${JSON.stringify(workflow.vars[v])}${Object.hasOwn(overrides, v) ? ' (from --var)' : ''}`;
  });
  const unsampled = (text: string) => text.replaceAll(SAMPLE_RUN_ID, '<run-id>');
  const shown = JSON.stringify(unsampled(name));
  return {
    code: 'bad-branch-name',
    path: ['integrate', 'branch'],
    message: `${refs.length ? `the result branch would be ${shown}${given.length ? ` with ${given.join(', ')}` : ''}, which` : shown} is not a valid branch name: ${unsampled(problem)}`,
    hint: 'git branch names cannot be empty, "HEAD" or "@", start with "-" or ".", end with "/", "." or ".lock", or contain "..", "//", "@{", spaces, control characters or any of ~ ^ : ? * [ \\',
  };
}
