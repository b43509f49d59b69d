import type { ConfigIssue } from '../../config/config-issue.js';
import type { Workflow } from '../../config/workflow.js';
import { calledFunctions, parseExpression } from '../../expressions/expression.js';
import type { Result } from '../../util/result.js';
import { err, ok } from '../../util/result.js';
import { jobAgents, jobSetup, resolverAgents } from './agent-setup.js';
import { headerComment } from './header.js';
import type { TaskJob } from './job-graph.js';
import { INTEGRATE_JOB, START_JOB, taskJobs } from './job-graph.js';
import type { Step } from './steps.js';
import { commonArgs, ENV, orchestraStep, secretEnv, setupSteps } from './steps.js';
import { translateExpression } from './translate-expression.js';
import type { Translated } from './translate-expression.js';
import { writeWorkflowYaml } from './write-yaml.js';

/** The GitHub environment approval jobs wait in; the user protects it with required reviewers. */
export const APPROVAL_ENVIRONMENT = 'orchestra-approval';
const RUNNER = 'ubuntu-latest';

export interface ExportOptions {
  /** The workflow file relative to the repository root, as the jobs pass it to `-f`. */
  workflowPath: string;
  /** The orchestra version the jobs install. */
  version: string;
}

/** A job as written; keys in this order in the file. */
export interface Job {
  needs?: string[];
  if?: string;
  'runs-on': string;
  environment?: string;
  strategy?: Record<string, unknown>;
  outputs?: Record<string, string>;
  steps: Step[];
}

/** A comment placed before a node of the file, by its path. */
export interface PlacedComment {
  path: (string | number)[];
  text: string;
}

/**
 * The workflow as a GitHub Actions workflow: `start`, one job per task, `integrate`. A dynamic matrix
 * whose expression GitHub cannot evaluate is the only error.
 */
export function exportGithubActions(workflow: Workflow, opts: ExportOptions): Result<string, ConfigIssue[]> {
  const tasks = taskJobs(workflow);
  const jobOf = new Map(tasks.map((t) => [t.task, t.job]));
  const names = {
    jobOf: (task: string) => (tasks.find((t) => t.task === task)?.matrix ? undefined : jobOf.get(task)),
  };
  const errors: ConfigIssue[] = [];
  const untranslated: string[] = [];
  const outputs = new Map<string, Set<string>>();
  const comments: PlacedComment[] = [];
  const secrets = new Set<string>();
  const custom = new Set<string>();
  const read = (t: Translated) => {
    for (const r of t.reads) {
      const job = jobOf.get(r.task)!;
      outputs.set(job, (outputs.get(job) ?? new Set()).add(r.output));
    }
    return t.reads.map((r) => jobOf.get(r.task)!);
  };

  const jobs: Record<string, Job> = {};
  jobs[START_JOB] = startJob(workflow, opts);
  for (const t of tasks) {
    const extraNeeds: string[] = [];
    const job: Job = { 'runs-on': RUNNER, steps: [] };
    if (t.def.if !== undefined) {
      const translated = translateExpression(t.def.if, names);
      if (translated.ok) {
        extraNeeds.push(...read(translated.value));
        job.if = `\${{ ${translated.value.text} }}`;
      } else {
        const parsed = parseExpression(t.def.if);
        const status = parsed.ok && [...calledFunctions(parsed.value.ast)].some((f) => f !== 'success');
        if (status) job.if = '${{ !cancelled() }}';
        untranslated.push(
          `task ${t.task}'s if: reads ${translated.error}: its job ${status ? 'always ' : ''}starts and "orchestra job" decides.`,
        );
      }
    }
    if (t.def.kind === 'approval') job.environment = APPROVAL_ENVIRONMENT;
    const agents = jobAgents(workflow, t);
    if (t.matrix) {
      const limit = maxParallel(workflow, agents);
      const matrix: Record<string, unknown> = {};
      for (const [key, values] of Object.entries(t.matrix.axes)) {
        if (typeof values !== 'string') {
          matrix[key] = values;
          continue;
        }
        const translated = translateExpression(values, names);
        if (!translated.ok) {
          errors.push(matrixError(t.task, key, translated.error));
          continue;
        }
        extraNeeds.push(...read(translated.value));
        matrix[key] = `\${{ ${translated.value.text} }}`;
      }
      if (t.matrix.include.length) matrix.include = t.matrix.include;
      if (t.matrix.exclude.length) matrix.exclude = t.matrix.exclude;
      job.strategy = { 'fail-fast': false, ...(limit ? { 'max-parallel': limit } : {}), matrix };
    }
    job.needs = [START_JOB, ...new Set([...t.needs.map((n) => jobOf.get(n)!), ...extraNeeds])];
    const setup = jobSetup(workflow, agents);
    setup.secrets.forEach((s) => secrets.add(s));
    setup.custom.forEach((c) => custom.add(c));
    job.steps = setupSteps(opts.version, setup);
    if (setup.custom.length)
      comments.push({
        path: ['jobs', t.job, 'steps', job.steps.length - 1],
        text: ` Add a step here installing ${setup.custom.join(', ')} (an agent given by a command).`,
      });
    const env: Record<string, string> = { [ENV.runId]: '${{ needs.start.outputs.run_id }}' };
    const args = [t.task, ...commonArgs(opts.workflowPath)];
    if (t.matrix) {
      env[ENV.matrix] = '${{ toJSON(matrix) }}';
      args.push('--matrix', `"$${ENV.matrix}"`);
    }
    job.steps.push(orchestraStep(`Run task ${t.task}`, args, { ...env, ...secretEnv(setup.secrets) }));
    jobs[t.job] = job;
  }
  for (const [job, names] of outputs)
    jobs[job]!.outputs = Object.fromEntries(
      [...names].sort().map((n) => [n, `\${{ steps.orchestra.outputs.${n} }}`]),
    );
  jobs[INTEGRATE_JOB] = integrateJob(workflow, opts, tasks);
  resolverSetup(workflow).secrets.forEach((s) => secrets.add(s));
  if (errors.length) return err(errors);

  const header = headerComment(workflow, {
    workflowPath: opts.workflowPath,
    secrets: [...secrets].sort(),
    approvalTasks: tasks.filter((t) => t.def.kind === 'approval').map((t) => t.task),
    environment: APPROVAL_ENVIRONMENT,
    customAgents: [...custom].sort(),
    untranslated,
    hasDynamicMatrix: tasks.some(
      (t) => t.matrix && Object.values(t.matrix.axes).some((v) => typeof v === 'string'),
    ),
  });
  return ok(writeWorkflowYaml({ workflow, jobs, header, comments }));
}

function startJob(workflow: Workflow, opts: ExportOptions): Job {
  const env: Record<string, string> = { [ENV.runId]: 'gha-${{ github.run_id }}-${{ github.run_attempt }}' };
  const args = ['--start', ...commonArgs(opts.workflowPath)];
  for (const [name, envName] of varEnvNames(Object.keys(workflow.vars))) {
    env[envName] = `\${{ inputs.${name} }}`;
    args.push('--var', `"${name}=$${envName}"`);
  }
  return {
    'runs-on': RUNNER,
    outputs: { run_id: '${{ steps.orchestra.outputs.run_id }}' },
    steps: [
      ...setupSteps(opts.version, { npm: [], pip: [], secrets: [], custom: [] }),
      orchestraStep('Record the run', args, env, [`echo "run_id=$${ENV.runId}" >> "$GITHUB_OUTPUT"`]),
    ],
  };
}

function integrateJob(workflow: Workflow, opts: ExportOptions, tasks: readonly TaskJob[]): Job {
  const setup = resolverSetup(workflow);
  return {
    needs: [START_JOB, ...tasks.map((t) => t.job)],
    // Also after failures, so it says which tasks failed; not when the run could not even start.
    if: "${{ !cancelled() && needs.start.result == 'success' }}",
    'runs-on': RUNNER,
    steps: [
      ...setupSteps(opts.version, setup),
      orchestraStep('Integrate', ['--integrate', ...commonArgs(opts.workflowPath)], {
        [ENV.runId]: '${{ needs.start.outputs.run_id }}',
        ...secretEnv(setup.secrets),
      }),
    ],
  };
}

const resolverSetup = (workflow: Workflow) => jobSetup(workflow, resolverAgents(workflow));

/** An environment variable per workflow variable: `VAR_<name>`, `-` as `_`, clashes numbered. */
function varEnvNames(vars: readonly string[]): [string, string][] {
  const taken = new Set<string>([ENV.runId, ENV.matrix]);
  return vars.map((name) => {
    const base = `VAR_${name.replace(/-/g, '_')}`;
    let env = base;
    for (let n = 2; taken.has(env); n++) env = `${base}_${n}`;
    taken.add(env);
    return [name, env];
  });
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
