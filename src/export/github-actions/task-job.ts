import type { ConfigIssue } from '../../config/config-issue.js';
import type { Workflow } from '../../config/workflow.js';
import { calledFunctions, parseExpression } from '../../expressions/expression.js';
import type { JobSetup } from './agent-setup.js';
import { jobAgents, jobSetup } from './agent-setup.js';
import type { TaskJob } from './job-graph.js';
import { START_JOB } from './job-graph.js';
import type { Step } from './steps.js';
import { commonArgs, ENV, orchestraStep, secretEnv, setupSteps } from './steps.js';
import type { TranslateNames } from './translate-expression.js';
import { translateExpression } from './translate-expression.js';

/** The GitHub environment approval jobs wait in; the user protects it with required reviewers. */
export const APPROVAL_ENVIRONMENT = 'orchestra-approval';
export const RUNNER = 'ubuntu-latest';

/** A job as written; `write-yaml` puts its keys in one order. */
export interface Job {
  needs?: string[];
  if?: string;
  'runs-on': string;
  environment?: string;
  strategy?: Record<string, unknown>;
  outputs?: Record<string, string>;
  steps: Step[];
}

/** One task's job, and what the rest of the file needs to know about it. */
export interface TaskJobParts {
  job: Job;
  /** Outputs of other tasks its `if:` or dynamic matrix reads (their jobs declare them). */
  reads: { task: string; output: string }[];
  setup: JobSetup;
  /** Why its `if:` is left to `orchestra job`, for the header. */
  untranslated?: string;
  errors: ConfigIssue[];
}

/** The job of task `t`: condition, approval environment, matrix, needs, then its steps. */
export function taskJob(
  workflow: Workflow,
  t: TaskJob,
  jobOf: ReadonlyMap<string, string>,
  names: TranslateNames,
  opts: { workflowPath: string; version: string },
): TaskJobParts {
  const parts: TaskJobParts = {
    job: { 'runs-on': RUNNER, steps: [] },
    reads: [],
    setup: emptySetup(),
    errors: [],
  };
  const { job } = parts;
  if (t.def.if !== undefined) {
    const translated = translateExpression(t.def.if, names);
    if (translated.ok) {
      parts.reads.push(...translated.value.reads);
      job.if = `\${{ ${translated.value.text} }}`;
    } else {
      // GitHub skips a job after a failed need unless its `if:` calls a status function.
      const parsed = parseExpression(t.def.if);
      const status = parsed.ok && [...calledFunctions(parsed.value.ast)].some((f) => f !== 'success');
      if (status) job.if = '${{ !cancelled() }}';
      parts.untranslated = `task ${t.task}'s if: reads ${translated.error}: its job ${status ? 'always ' : ''}starts and "orchestra job" decides.`;
    }
  }
  if (t.def.kind === 'approval') job.environment = APPROVAL_ENVIRONMENT;
  const agents = jobAgents(workflow, t);
  if (t.matrix) job.strategy = strategy(workflow, t, agents, names, parts);
  const readJobs = parts.reads.map((r) => jobOf.get(r.task)!);
  // GitHub's `needs` context holds direct needs only: a job reading an output needs its job.
  job.needs = [START_JOB, ...new Set([...t.needs.map((n) => jobOf.get(n)!), ...readJobs])];
  parts.setup = jobSetup(workflow, agents);
  job.steps = setupSteps(opts.version, parts.setup);
  const env: Record<string, string> = { [ENV.runId]: '${{ needs.start.outputs.run_id }}' };
  const args = [t.task, ...commonArgs(opts.workflowPath)];
  if (t.matrix) {
    env[ENV.matrix] = '${{ toJSON(matrix) }}';
    args.push('--matrix', `"$${ENV.matrix}"`);
  }
  job.steps.push(orchestraStep(`Run task ${t.task}`, args, { ...env, ...secretEnv(parts.setup.secrets) }));
  return parts;
}

export const emptySetup = (): JobSetup => ({ npm: [], pip: [], secrets: [], custom: [] });

/** A static matrix as written; a dynamic key as GitHub's expression over the planner job's output. */
function strategy(
  workflow: Workflow,
  t: TaskJob,
  agents: readonly string[],
  names: TranslateNames,
  parts: TaskJobParts,
): Record<string, unknown> {
  const spec = t.matrix!;
  const matrix: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(spec.axes)) {
    if (typeof values !== 'string') {
      matrix[key] = values;
      continue;
    }
    const translated = translateExpression(values, names);
    if (!translated.ok) {
      parts.errors.push(matrixError(t.task, key, translated.error));
      continue;
    }
    parts.reads.push(...translated.value.reads);
    matrix[key] = `\${{ ${translated.value.text} }}`;
  }
  if (spec.include.length) matrix.include = spec.include;
  if (spec.exclude.length) matrix.exclude = spec.exclude;
  const limit = maxParallel(workflow, agents);
  return { 'fail-fast': false, ...(limit ? { 'max-parallel': limit } : {}), matrix };
}

/** The bound GitHub can keep for a matrix job: the smallest of the workflow's and its agents' limits. */
function maxParallel(workflow: Workflow, agents: readonly string[]): number | undefined {
  const limits = [workflow.raw.concurrency, ...agents.map((a) => workflow.agents.get(a)?.concurrency)];
  const set = limits.filter((n): n is number => n !== undefined);
  return set.length ? Math.min(...set) : undefined;
}

function matrixError(task: string, key: string, reason: string): ConfigIssue {
  return {
    code: 'export',
    path: ['tasks', task, 'matrix', key],
    message: `GitHub Actions cannot compute this dynamic matrix: it reads ${reason}`,
    hint: `make its values come from an output: "\${{ fromJSON(tasks.<need>.outputs.<name>) }}"`,
  };
}
