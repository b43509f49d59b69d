import { existsSync } from 'node:fs';
import type { LoadedWorkflow } from '../../config/load-workflow.js';
import type { ReportJson } from '../../report/report-json.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { RunResult } from '../../engine/run-workflow.js';
import { Git } from '../../git/git.js';
import { appendOutputs, appendSummary } from '../../remote/github-files.js';
import type { RemoteRecord } from '../../remote/remote-run.js';
import { RemoteRun } from '../../remote/remote-run.js';
import { incompleteTasks, integrateJob, rerunRemote, runJob, startJob } from '../../remote/run-job.js';
import { collectReport } from '../../report/collect-report.js';
import { renderMarkdown, renderTaskMarkdown } from '../../report/render-markdown.js';
import type { Result } from '../../util/result.js';
import { Exit, ExitCode } from '../exit-codes.js';
import type { WorkflowOptions } from '../load.js';
import { loadOrExit, printDiagnostics } from '../load.js';
import { repoOrExit } from '../repo.js';
import { usageError } from '../usage-error.js';
import type { RerunFlags } from './rerun.js';
import { rerunChoices } from './rerun.js';
import type { RunFlags } from './run.js';
import { withReporter } from './run.js';

export interface JobFlags extends WorkflowOptions, Pick<RunFlags, 'keep'> {
  runId: string;
  remote: string;
  start?: boolean;
  integrate?: boolean;
  matrix?: string;
}

/**
 * `orchestra job`: one step of a run spread over machines (GitHub Actions jobs) that hand their
 * records and task branches over through a git remote: `--start` records the run, `<task>` runs one
 * task, `--integrate` builds the result branch.
 */
export async function jobCommand(task: string | undefined, flags: JobFlags): Promise<number> {
  const json = flags.json === true;
  const modes = [flags.start, flags.integrate, task !== undefined].filter(Boolean).length;
  if (modes !== 1)
    usageError(
      'orchestra job takes one of: a task, --start, --integrate',
      'orchestra job --start --run-id <id> --remote origin, then orchestra job <task> …, then orchestra job --integrate …',
      json,
    );
  const remote = new RemoteRun(await repoOrExit(json), flags.remote, flags.runId);
  if (flags.start) return start(remote, flags);
  const { fetched, loaded } = await fetchRun(remote, flags);
  if (task !== undefined) {
    let done: (RunResult & { task: string }) | undefined;
    const code = await withReporter(json, async (onEvent, signal) =>
      keep(
        await runJob(loaded, task, {
          ...jobOptions(flags),
          remote,
          fetched,
          onEvent,
          signal,
          ...(flags.matrix === undefined ? {} : { matrix: flags.matrix }),
        }),
        (r) => (done = r),
      ),
    );
    if (done) {
      const { task: id } = done;
      await githubFiles(done, loaded, done.record.tasks[id]!.outputs ?? {}, (report) =>
        renderTaskMarkdown(report, id),
      );
    }
    return code;
  }
  const missing = incompleteTasks(loaded, fetched.record);
  if (missing) {
    const said = [
      missing.failed.length ? `failed: ${missing.failed.join(', ')}` : '',
      missing.neverRan.length ? `never ran: ${missing.neverRan.join(', ')}` : '',
    ].filter(Boolean);
    process.stderr.write(
      `run ${remote.runId} cannot be integrated: tasks without a result (${said.join('; ')})\n` +
        `  see why: orchestra status --remote ${remote.remote} --run ${remote.runId}\n` +
        `  then: orchestra rerun <task> --remote ${remote.remote} --run ${remote.runId}, and integrate again\n`,
    );
    return ExitCode.failed;
  }
  let done: RunResult | undefined;
  const code = await withReporter(json, async (onEvent, signal) =>
    keep(
      await integrateJob(loaded, { ...jobOptions(flags), remote, fetched, onEvent, signal }),
      (r) => (done = r),
    ),
  );
  if (done) await githubFiles(done, loaded, {}, renderMarkdown);
  return code;
}

/** `rerun <task…> --remote <name> --run <id>`: reruns tasks of a distributed run here, pushed back. */
export async function rerunRemoteCommand(
  tasks: string[],
  flags: RerunFlags & { remote: string },
): Promise<number> {
  const json = flags.json === true;
  if (flags.run === undefined) usageError('rerun --remote needs the run: --run <id>', undefined, json);
  const remote = new RemoteRun(await repoOrExit(json), flags.remote, flags.run);
  const { fetched, loaded } = await fetchRun(remote, flags);
  return withReporter(json, (onEvent, signal) =>
    rerunRemote(loaded, tasks, {
      remote,
      fetched,
      ...rerunChoices(flags),
      onEvent,
      signal,
    }),
  );
}

/**
 * `status --remote <name> --run <id>`: fetches the run into this repository's run folder (a normal
 * one: `status`, `logs`, `report --run <id>` read it) and gives its id.
 */
export async function fetchRemoteRun(
  remoteName: string,
  runId: string | undefined,
  json: boolean,
): Promise<string> {
  if (runId === undefined) usageError('--remote needs the run: --run <id>', undefined, json);
  const remote = new RemoteRun(await repoOrExit(json), remoteName, runId);
  orExit(await remote.fetch({ mustExist: true }), json);
  const remoteRecord = await remote.assemble();
  await remote.importRun(remoteRecord, remoteRecord.record.sandboxRoot);
  return runId;
}

async function start(remote: RemoteRun, flags: JobFlags): Promise<number> {
  const json = flags.json === true;
  orExit(await remote.fetch({ mustExist: false }), json);
  const loaded = await loadOrExit(flags);
  const started = await startJob(loaded, remote, { cwd: remote.repoRoot });
  if (!started.ok) {
    printDiagnostics(started.error, new Map(), json);
    throw new Exit(ExitCode.usage);
  }
  const output = process.env.GITHUB_OUTPUT;
  if (output) await appendOutputs(output, { run_id: remote.runId });
  const record = started.value;
  const line = `run ${record.id} (${record.workflowName}) recorded on ${remote.remote}: ${record.selected.length} task(s) from ${record.baseCommit.slice(0, 10)}`;
  process.stdout.write(
    json ? `${JSON.stringify({ runId: record.id, tasks: record.selected })}\n` : `${line}\n`,
  );
  return ExitCode.ok;
}

/** Fetches the run and loads the workflow it was started with (its file and variables). */
async function fetchRun(
  remote: RemoteRun,
  flags: WorkflowOptions,
): Promise<{ fetched: RemoteRecord; loaded: LoadedWorkflow }> {
  orExit(await remote.fetch({ mustExist: true }), flags.json === true);
  const fetched = await remote.assemble();
  const { workflowFile, vars } = fetched.record;
  const file = flags.file ?? (existsSync(workflowFile) ? workflowFile : undefined);
  const loaded = await loadOrExit({ ...flags, ...(file ? { file } : {}) }, vars);
  return { fetched, loaded };
}

/** The task's outputs to `$GITHUB_OUTPUT`, the evidence to `$GITHUB_STEP_SUMMARY`, when GitHub set them. */
async function githubFiles(
  done: RunResult,
  loaded: LoadedWorkflow,
  outputs: Readonly<Record<string, string>>,
  render: (report: ReportJson) => string,
): Promise<void> {
  const { GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary } = process.env;
  if (output) await appendOutputs(output, outputs);
  if (!summary) return;
  const { record, runDir } = done;
  const report = await collectReport({
    record,
    state: record.outcome ?? 'running',
    workflow: loaded.workflow.raw,
    runDir,
    repo: new Git(record.repoRoot),
  });
  await appendSummary(summary, render(report));
}

function jobOptions(flags: JobFlags) {
  return { ...(flags.keep ? { keep: flags.keep } : {}) };
}

function keep<T>(result: Result<T, Diagnostic[]>, take: (value: T) => void): Result<T, Diagnostic[]> {
  if (result.ok) take(result.value);
  return result;
}

function orExit<T>(result: Result<T, Diagnostic>, json: boolean): T {
  if (result.ok) return result.value;
  printDiagnostics([result.error], new Map(), json);
  throw new Exit(ExitCode.usage);
}
