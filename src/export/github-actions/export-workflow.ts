import type { ConfigIssue } from '../../config/config-issue.js';
import type { Workflow } from '../../config/workflow.js';
import type { Result } from '../../util/result.js';
import { err, ok } from '../../util/result.js';
import { jobSetup, resolverAgents } from './agent-setup.js';
import { headerComment } from './header.js';
import type { TaskJob } from './job-graph.js';
import { INTEGRATE_JOB, START_JOB, taskJobs } from './job-graph.js';
import { commonArgs, ENV, orchestraStep, secretEnv, setupSteps } from './steps.js';
import type { Job } from './task-job.js';
import { APPROVAL_ENVIRONMENT, emptySetup, RUNNER, taskJob } from './task-job.js';
import { writeWorkflowYaml } from './write-yaml.js';

export interface ExportOptions {
  /** The workflow file relative to the repository root, as the jobs pass it to `-f`. */
  workflowPath: string;
  /** The orchestra version the jobs install. */
  version: string;
}

/** A comment placed before a node of the file, by its path. */
export interface PlacedComment {
  path: (string | number)[];
  text: string;
}

/**
 * The workflow as a GitHub Actions workflow: `start`, one job per task, `integrate`. A dynamic matrix
 * whose expression GitHub cannot evaluate, and a task in another repository, are the errors.
 */
export function exportGithubActions(workflow: Workflow, opts: ExportOptions): Result<string, ConfigIssue[]> {
  const elsewhere = otherRepoTasks(workflow);
  if (elsewhere.length) return err(elsewhere);
  const tasks = taskJobs(workflow);
  const jobOf = new Map(tasks.map((t) => [t.task, t.job]));
  // GitHub gives one output per job: the legs of a matrix job would overwrite each other's.
  const matrixTasks = new Set(tasks.filter((t) => t.matrix).map((t) => t.task));
  const names = { jobOf: (task: string) => (matrixTasks.has(task) ? undefined : jobOf.get(task)) };
  const jobs: Record<string, Job> = { [START_JOB]: startJob(workflow, opts) };
  const outputs = new Map<string, Set<string>>();
  const errors: ConfigIssue[] = [];
  const untranslated: string[] = [];
  const comments: PlacedComment[] = [];
  const secrets = new Set(resolverSetup(workflow).secrets);
  const custom = new Set<string>();
  for (const t of tasks) {
    const parts = taskJob(workflow, t, jobOf, names, opts);
    jobs[t.job] = parts.job;
    errors.push(...parts.errors);
    if (parts.untranslated) untranslated.push(parts.untranslated);
    for (const r of parts.reads) {
      const job = jobOf.get(r.task)!;
      outputs.set(job, (outputs.get(job) ?? new Set()).add(r.output));
    }
    parts.setup.secrets.forEach((s) => secrets.add(s));
    parts.setup.custom.forEach((c) => custom.add(c));
    if (parts.setup.custom.length)
      comments.push({
        // Before the install step, the last before `orchestra job`.
        path: ['jobs', t.job, 'steps', parts.job.steps.length - 2],
        text: ` Add a step here installing ${parts.setup.custom.join(', ')} (an agent given by a command).`,
      });
  }
  if (errors.length) return err(errors);
  for (const [job, names] of outputs)
    jobs[job]!.outputs = Object.fromEntries(
      [...names].sort().map((n) => [n, `\${{ steps.orchestra.outputs.${n} }}`]),
    );
  jobs[INTEGRATE_JOB] = integrateJob(workflow, opts, tasks);

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
      ...setupSteps(opts.version, emptySetup()),
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

/**
 * `orchestra job` hands a run's work over through one remote, the workflow's own repository's: a task
 * in another repository (`repo:`) would need that repository's checkout, remote and push rights in its
 * job, which the handover does not carry yet. Said at the task, rather than written into a file that
 * fails on GitHub.
 */
function otherRepoTasks(workflow: Workflow): ConfigIssue[] {
  return [...workflow.tasks.values()]
    .filter((t) => t.repo !== undefined && t.repo !== 'self')
    .map((t) => ({
      code: 'export',
      path: ['tasks', t.id, 'repo'],
      message: `task "${t.id}" works in the repository "${t.repo}": a GitHub Actions export covers tasks of the workflow's own repository only`,
      hint: 'run this workflow with `orchestra run` (its result branches land in each repository), or split it per repository',
    }));
}
