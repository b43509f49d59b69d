import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { builtinAgents, commandAgent, tooLongMessage } from '../agents/index.js';
import type { AgentAdapter, AgentReport } from '../agents/index.js';
import { renderExcept, renderTemplate } from '../config/template.js';
import type { Template, TemplateValues } from '../config/template.js';
import type { Keep, TaskDef } from '../config/workflow.js';
import type { Failure, FailureReason } from '../events/task-status.js';
import type { TaskRecord } from '../state/run-state.js';
import { findFreePort } from '../process/free-port.js';
import type { ProcessOutcome } from '../process/run-process.js';
import type { LogError } from '../process/output-sink.js';
import {
  isolatedSandboxType,
  taskIsolation,
  taskSpawner,
  type Spawn,
  type TaskSpawner,
} from '../isolation/task-jail.js';
import { createSandbox } from '../sandbox/create-sandbox.js';
import { removeLeftover } from '../sandbox/remove-leftover.js';
import { repoChangedMessage, type RepoChange } from '../sandbox/repo-guard.js';
import { removeStrayRefs, startTrail, type SandboxTrail } from '../sandbox/stray-refs.js';
import { changedSubmodules, submoduleMessage } from '../sandbox/submodules.js';
import { Git } from '../git/git.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import { describeOutcome, runGates } from '../verify/run-gates.js';
import { gateFinished, gateRecord } from '../verify/gate-record.js';
import { scopeFeedback, scopeMessage, scopeViolations } from '../verify/write-scope.js';
import type { RunContext } from './run-context.js';
import { taskFingerprint } from './reuse.js';
import { startCommitOf } from './start-commit.js';
import { attemptRefused } from '../budget/budget-check.js';
import { noteUsage } from './note-usage.js';
import type { NodeOutcome } from './scheduler.js';
import type { Feedback } from './task-prompt.js';
import { sampleLines } from './line-sampler.js';
import { recordProcessGroup } from './process-record.js';
import { buildPrompt, templateValues } from './task-prompt.js';
import { savePrompt } from './save-prompt.js';
import { promptWithInstructions } from '../agents/text.js';
import { readOutputFile, resetOutputFile } from '../outputs/task-outputs.js';

/** Rate-limit waits: exponential from 5 s, capped, a bounded number of times; they spend no retry. */
const RATE_LIMIT = { firstMs: 5_000, maxMs: 300_000, maxWaits: 8 };

/**
 * The first rate-limit wait when the agent did not say how long: `ORCHESTRA_RATE_LIMIT_BASE_MS` (a
 * whole number of milliseconds, 0 allowed) or 5 s. Read when a wait starts, so tests that drive real
 * agent CLIs into 429s, and users behind a proxy that queues, can shorten it; anything else is ignored.
 */
export function rateLimitFirstMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ORCHESTRA_RATE_LIMIT_BASE_MS?.trim();
  return raw && /^\d+$/.test(raw) ? Number(raw) : RATE_LIMIT.firstMs;
}

/**
 * The first part of a task: its sandbox made at its start commit. The scheduler may do this while
 * every slot is taken, so that the task starts the moment one frees.
 */
export interface PreparedTask {
  /** The sandbox, if one was made (also when the start commit could not be made in it). */
  sandbox?: Sandbox;
  startCommit?: string;
  /** Why the task cannot go on; set whenever `startCommit` is not, unless `deferred`. */
  failure?: Failure;
  /** Prepared ahead, its needs conflict: their resolver (an agent) runs once the task has its slot. */
  deferred?: true;
}

/**
 * Records where the task's sandbox will be, then makes it. The task stays `pending` until
 * `executeTask` starts it: a task prepared ahead is waiting for a slot, not running. Never throws:
 * failures are in the result.
 */
export async function prepareTask(ctx: RunContext, id: string, ahead = false): Promise<PreparedTask> {
  const task = ctx.workflow.tasks.get(id)!;
  const started = Date.now();
  const sandboxPath = join(ctx.sandboxRoot, ctx.journal.record.id, task.sandboxDir ?? id);
  const before = ctx.journal.task(id);
  // A task that started before (rerun, resume) may have left a sandbox and a branch behind.
  const triedBefore =
    before.status !== 'pending' ||
    before.startedAt !== undefined ||
    before.sandbox !== undefined ||
    before.attempts.length > 0;
  try {
    const start = (t: TaskRecord) => {
      t.sandbox = sandboxPath;
      t.isolation = taskIsolation(ctx, task);
      t.startedAt = started;
      delete t.failure;
      delete t.commit;
    };
    // Recorded before anything is created, so `clean` and `resume` know where to look after a crash.
    // A `none` sandbox creates nothing: that rides with the attempt's write.
    if (task.sandbox.type === 'none') ctx.journal.noteTask(id, start);
    else await ctx.journal.updateTask(id, start);
    ctx.emit({ type: 'task-phase', time: Date.now(), task: id, phase: 'sandbox', detail: sandboxPath });
    const prepared = await prepareSandbox(ctx, task, sandboxPath, triedBefore, ahead);
    const startCommit = prepared.startCommit;
    // Written with the attempt, before the agent starts: a crash before that makes the sandbox anew.
    if (startCommit !== undefined) ctx.journal.noteTask(id, (t) => (t.startCommit = startCommit));
    return prepared;
  } catch (e) {
    return { failure: internalError(e) };
  }
}

/**
 * Gives up a prepared task that will not run after all (the run was cancelled or stopped starting
 * tasks): its sandbox is removed whatever the keep policy, since nothing ran in it.
 */
export async function abandonTask(
  ctx: RunContext,
  id: string,
  prepared: Promise<PreparedTask>,
): Promise<void> {
  const { sandbox } = await prepared;
  try {
    await sandbox?.dispose();
    ctx.journal.noteTask(id, (t) => delete t.sandbox);
  } catch {
    // Left for `orchestra clean`, which finds it through the recorded path.
  }
}

/**
 * Runs one DAG node from sandbox to teardown: start commit, sandbox (unless `prepared` ahead), setup,
 * then attempts of agent → commit → write scope → gates until one passes or retries run out. Every
 * transition is persisted before the next step starts. Failures are returned as outcomes, never thrown.
 */
export async function executeTask(
  ctx: RunContext,
  id: string,
  signal: AbortSignal,
  prepared: Promise<PreparedTask> = prepareTask(ctx, id),
  /** Called once nothing of the task runs any more but its record is to be written (see `schedule`). */
  workDone: () => void = () => {},
): Promise<NodeOutcome> {
  const task = ctx.workflow.tasks.get(id)!;
  const runId = ctx.journal.record.id;
  // The task's time starts with its slot: a sandbox prepared ahead was made while it waited for one.
  const started = Date.now();
  // Looked up while the sandbox is still being made (a prepared-ahead one usually is not).
  const freePort = findFreePort();
  freePort.catch(() => undefined);
  const made = await prepared;
  const ready = made.deferred ? await prepareTask(ctx, id) : made;
  // Rides with the next write (the attempt's): a crash before it leaves the task `pending` with its
  // sandbox recorded, which `status` shows as interrupted too and `resume` starts again.
  ctx.journal.noteTask(id, (t) => {
    t.status = 'running';
    t.startedAt = started;
  });
  const sandbox = ready.sandbox;
  // Read before anything runs in it: what the task then does with its HEAD tells its refs from the user's.
  const trail = sandbox?.type === 'worktree' ? await startTrail(sandbox.path, sandbox.branch) : undefined;
  let outcome: NodeOutcome = 'failed';
  let failure: Failure | undefined = ready.failure;
  let attempt = ctx.journal.task(id).attempts.length;
  let jail: TaskSpawner | undefined;
  let releaseRepo: (() => void) | undefined;
  try {
    // Cancelled while its start was being made (a conflict resolver at work): not a failure.
    if (!sandbox || ready.startCommit === undefined)
      return (outcome = signal.aborted ? 'cancelled' : 'failed');
    const startCommit = ready.startCommit;
    jail = await taskSpawner(ctx, task, sandbox);
    // A jailed task cannot change the repository's config or hooks: a change seen then is the user's.
    if (!jail.confined) releaseRepo = ctx.repoGuard.expose();
    const spawn = jail.spawn;

    const port = await freePort;
    const env = (n: number): Record<string, string> => ({
      ORCHESTRA_RUN_ID: runId,
      ORCHESTRA_TASK: id,
      ORCHESTRA_ATTEMPT: String(n),
      ORCHESTRA_SANDBOX: sandbox.path,
      ORCHESTRA_PORT: String(port),
      // Setup has no outputs: only attempts (agent or command, then gates) write them.
      ...(n > 0 ? { ORCHESTRA_OUTPUT: outputFile(ctx, id, n) } : {}),
    });

    const setupFailure = await runSetup(ctx, task, sandbox, env(0), signal, spawn);
    if (setupFailure) {
      failure = setupFailure;
      return (outcome = signal.aborted ? 'cancelled' : 'failed');
    }

    let feedback: Feedback | undefined;
    for (let left = task.retries; ; left--) {
      const refused = await attemptRefused(ctx, id);
      if (refused !== undefined) {
        // Never started: cancelled, as the tasks the budget kept from starting are.
        if (failure === undefined) return (outcome = 'cancelled');
        failure = { ...failure, message: `${failure.message}; no retry: ${refused}` };
        return (outcome = 'failed');
      }
      attempt += 1;
      const ran = runAttempt(
        ctx,
        task,
        { sandbox, spawn },
        attempt,
        env(attempt),
        startCommit,
        signal,
        feedback,
      );
      const result = await checkRepo(ctx, id, await ran);
      if (result.kind === 'cancelled') return (outcome = 'cancelled');
      if (result.kind === 'passed') {
        // Unjailed in a `none` sandbox, nothing is left to stop or remove.
        if (sandbox.type === 'none' && taskIsolation(ctx, task) === 'none') workDone();
        const fp = taskFingerprint(ctx.workflow, ctx.graph, ctx.journal.record, id);
        // The last write of a success: a crash before it leaves the task to be run again, never half-recorded.
        await ctx.journal.updateTask(id, (t) => {
          t.status = 'succeeded';
          t.commit = result.commit;
          if (Object.keys(result.outputs).length) t.outputs = result.outputs;
          t.fingerprint = fp;
          // Its end, should the teardown's write never happen (kill -9): `resume` keeps the task.
          t.finishedAt = Date.now();
        });
        return (outcome = 'succeeded');
      }
      failure = result.failure;
      if (left <= 0 || !result.retryable) return (outcome = 'failed');
      feedback = result.feedback;
      ctx.emit({
        type: 'task-retry',
        time: Date.now(),
        task: id,
        attempt: attempt + 1,
        reason: failure.message,
      });
    }
  } catch (e) {
    // A bug or an environment failure (disk full): the task fails, the run goes on and says why.
    failure = internalError(e);
    outcome = 'failed';
    return outcome;
  } finally {
    await jail?.close().catch(() => undefined);
    releaseRepo?.();
    const keptSandbox = await teardown(ctx, task, sandbox, outcome, trail);
    const finish = (t: TaskRecord) => {
      if (outcome !== 'succeeded') t.status = outcome;
      if (failure && outcome === 'failed') t.failure = failure;
      t.finishedAt = Date.now();
      if (!keptSandbox) delete t.sandbox;
      delete t.processGroup;
    };
    // A success is on disk already; its end time rides with the next write, and dependents start now.
    if (outcome === 'succeeded') ctx.journal.noteTask(id, finish);
    else await ctx.journal.updateTask(id, finish);
    const record = ctx.journal.task(id);
    ctx.emit({
      type: 'task-finished',
      time: Date.now(),
      task: id,
      status: record.status,
      attempts: record.attempts.length,
      durationMs: Date.now() - started,
      branch: record.branch,
      ...(record.commit ? { commit: record.commit } : {}),
      ...(record.failure && outcome === 'failed' ? { failure: record.failure } : {}),
      ...(record.usage ? { usage: record.usage } : {}),
      ...(record.outputs && outcome === 'succeeded' ? { outputs: record.outputs } : {}),
      ...(keptSandbox ? { keptSandbox } : {}),
      ...(record.attempts.length ? { log: ctx.journal.store.paths.abs(record.attempts.at(-1)!.log) } : {}),
    });
  }
}

function outputFile(ctx: RunContext, task: string, n: number): string {
  return ctx.journal.store.paths.abs(ctx.journal.store.paths.outputFile(task, n));
}

function internalError(e: unknown): Failure {
  return { reason: 'internal-error', message: e instanceof Error ? e.message : String(e) };
}

type Prepared = { sandbox?: Sandbox; startCommit?: string; failure?: Failure; deferred?: true };

/** The sandbox at the task's start commit (see `startCommitOf`). */
async function prepareSandbox(
  ctx: RunContext,
  task: TaskDef,
  path: string,
  triedBefore: boolean,
  ahead: boolean,
): Promise<Prepared> {
  const start = await startCommitOf(ctx, task, ahead);
  if (!('commit' in start)) return start;
  const startCommit = start.commit;
  const branch = ctx.journal.task(task.id).branch;
  // A rerun or resume makes the task again from scratch: what an earlier try of it left is replaced.
  if (triedBefore) {
    await removeLeftover(ctx.repo, path);
    if (await ctx.repo.branchExists(branch)) await ctx.repo.deleteBranch(branch);
  }
  const type = isolatedSandboxType(task.sandbox.type, taskIsolation(ctx, task));
  const made = await createSandbox(type, {
    repoRoot: ctx.repoRoot,
    path,
    branch,
    baseCommit: startCommit,
    copy: [...task.sandbox.copy],
    link: [...task.sandbox.link],
    ...(type === 'worktree' ? { pool: ctx.pool } : {}),
    branches: ctx.branches,
  });
  if (!made.ok)
    return { failure: { reason: 'sandbox-failed', message: `${made.error.reason}: ${made.error.message}` } };
  return { sandbox: made.value, startCommit };
}

async function runSetup(
  ctx: RunContext,
  task: TaskDef,
  sandbox: Sandbox,
  env: Record<string, string>,
  signal: AbortSignal,
  spawn: Spawn,
): Promise<Failure | undefined> {
  if (task.sandbox.setup.length === 0) return undefined;
  ctx.emit({ type: 'task-phase', time: Date.now(), task: task.id, phase: 'setup' });
  const values = templateValues(ctx.journal.record, ctx.workflow.vars, task.id);
  const logFile = ctx.journal.store.paths.abs(ctx.journal.store.paths.setupLog(task.id));
  for (const step of task.sandbox.setup) {
    const command = renderTemplate(step, values);
    const r = await spawn({
      command: { shell: command },
      cwd: sandbox.path,
      env,
      logFile,
      signal,
      onStart: recordProcessGroup(ctx, task.id),
    });
    if (r.logError?.diskFull === true) return { reason: 'disk-full', message: r.logError.message };
    if (r.outcome.kind !== 'exited' || r.outcome.exitCode !== 0) {
      return {
        reason: 'setup-failed',
        message: `${describeOutcome(`setup "${command}"`, r.outcome)}; see ${logFile}`,
      };
    }
  }
  return undefined;
}

type AttemptResult =
  | { kind: 'passed'; commit: string; outputs: Record<string, string> }
  | { kind: 'failed'; failure: Failure; feedback: Feedback; retryable: boolean }
  | { kind: 'cancelled' };

/**
 * Fails the attempt that gave `result` when the user's repository config or hooks changed while it
 * ran (they are put back first), whatever its outcome was but a cancellation.
 */
async function checkRepo(ctx: RunContext, id: string, result: AttemptResult): Promise<AttemptResult> {
  const changed = await ctx.repoGuard.check();
  if (changed === undefined || result.kind === 'cancelled') return result;
  return repoChanged(ctx, id, changed);
}

function repoChanged(ctx: RunContext, id: string, changed: RepoChange): Promise<AttemptResult> {
  const message = repoChangedMessage(ctx.repoGuard.gitDir!, changed);
  return failAttempt(ctx, id, { reason: 'repo-changed', message, files: changed.paths }, message);
}

/** Records the running attempt as failed with `failure`; `output` is fed back to the next attempt. */
async function failAttempt(
  ctx: RunContext,
  id: string,
  failure: Failure,
  output: string,
  retryable = true,
  // What the next attempt is told, when it needs more than the message.
  tell = failure.message,
): Promise<AttemptResult> {
  await ctx.journal.updateTask(id, (t) => {
    const a = t.attempts.at(-1)!;
    a.finishedAt = Date.now();
    a.failure = failure;
  });
  return { kind: 'failed', failure, feedback: { what: tell, output }, retryable };
}

/** One attempt: agent or command, commit, write scope, gates. */
async function runAttempt(
  ctx: RunContext,
  task: TaskDef,
  { sandbox, spawn }: { sandbox: Sandbox; spawn: Spawn },
  n: number,
  env: Record<string, string>,
  startCommit: string,
  signal: AbortSignal,
  feedback: Feedback | undefined,
): Promise<AttemptResult> {
  const paths = ctx.journal.store.paths;
  const log = paths.attemptLog(task.id, n);
  // Written while the agent starts rather than before: the task is on disk as `running` already (a
  // crash from here on has it run again), so the agent need not wait for the disk. Awaited below.
  const recorded = ctx.journal.updateTask(task.id, (t) => {
    t.status = 'running';
    t.attempts.push({ n, startedAt: Date.now(), log, gates: [] });
  });
  void recorded.catch(() => undefined);
  // Emptied while the prompt is saved; both are done before the work starts.
  const outputReset = resetOutputFile(outputFile(ctx, task.id, n));
  outputReset.catch(() => undefined);
  ctx.emit({
    type: 'task-started',
    time: Date.now(),
    task: task.id,
    attempt: n,
    sandbox: sandbox.path,
    branch: sandbox.branch,
    isolation: taskIsolation(ctx, task),
  });
  const values = templateValues(ctx.journal.record, ctx.workflow.vars, task.id, feedback);
  const fail = (
    reason: FailureReason,
    message: string,
    output: string,
    retryable = true,
    files?: string[],
    tell = message,
  ): Promise<AttemptResult> =>
    failAttempt(ctx, task.id, { reason, message, ...(files ? { files } : {}) }, output, retryable, tell);

  const phase = task.kind === 'command' ? 'command' : 'agent';
  ctx.emit({ type: 'task-phase', time: Date.now(), task: task.id, phase });
  const files = { log: paths.abs(log), prompt: paths.abs(paths.attemptPrompt(task.id, n)), outputReset };
  const ran = await runWork(ctx, task, { sandbox, spawn }, env, values, files, signal, feedback);
  await recorded;
  if (ran.outcome.kind === 'cancelled' || signal.aborted) return { kind: 'cancelled' };
  // Another attempt would only fill the disk again.
  if (ran.logError?.diskFull === true) return fail('disk-full', ran.logError.message, ran.tail, false);
  // Written with the attempt's outcome, the next write either way.
  if (ran.report) noteUsage(ctx, task.id, ran.report);
  if (ran.outcome.kind !== 'exited' || ran.outcome.exitCode !== 0) {
    const what = task.kind === 'command' ? 'the command' : `the agent (${task.agent})`;
    return fail(
      failureReason(ran.outcome),
      describeOutcome(what, ran.outcome, task.timeoutMs),
      ran.tail,
      ran.outcome.kind !== 'spawn-failed',
    );
  }

  // Before orchestra runs git where the agent ran: a planted core.fsmonitor, filter or hook would run
  // in orchestra's own commit. (The check after the attempt covers what its gates change.)
  const changed = await ctx.repoGuard.check();
  if (changed !== undefined) return repoChanged(ctx, task.id, changed);

  const submodules = await changedSubmodules(sandbox, startCommit, ctx.repoRoot);
  if (submodules.length) return fail('submodule-changed', submoduleMessage(submodules), '', true, submodules);

  ctx.emit({ type: 'task-phase', time: Date.now(), task: task.id, phase: 'commit' });
  const committed = await sandbox.commit(`orchestra: ${task.id} (attempt ${n})`);
  if (!committed.ok) return fail('commit-failed', committed.error.message, '', false);
  const commit = committed.value;
  ctx.journal.noteTask(task.id, (t) => (t.attempts.at(-1)!.commit = commit));
  // At once, not after the gates: the write scope is read in the user's repository, which has a
  // clone's commit only once it is fetched (and the task branch then shows every attempt's work, as a
  // worktree's does).
  await sandbox.publish();
  if (task.requireChanges && commit === startCommit) {
    return fail(
      'no-changes',
      'the task changed nothing, and it requires changes (require_changes: true)',
      '',
    );
  }
  const role = task.role ? ctx.workflow.roles.get(task.role) : undefined;
  if (role && (role.allow.length || role.forbid.length)) {
    ctx.emit({ type: 'task-phase', time: Date.now(), task: task.id, phase: 'scope' });
    const bad = scopeViolations(await ctx.repo.changedPaths(startCommit, commit), role);
    if (bad.length) {
      const vcs = task.sandbox.type === 'jj' ? 'jj' : 'git';
      const tell = scopeFeedback(bad, role, startCommit, vcs);
      return fail('write-scope', scopeMessage(bad, role), '', true, bad, tell);
    }
  }

  const gates = task.verify.map((g) => ctx.workflow.gates.get(g)!);
  if (gates.length) {
    await ctx.journal.updateTask(task.id, (t) => (t.status = 'verifying'));
    ctx.emit({ type: 'task-phase', time: Date.now(), task: task.id, phase: 'verify' });
  }
  const red = await runGates(gates, {
    cwd: sandbox.path,
    env: { ...renderEnv(task.env, values), ...env },
    values,
    signal,
    logFile: (g, run) => paths.abs(paths.gateLog(task.id, n, g, run)),
    onStart: recordProcessGroup(ctx, task.id),
    spawn,
    onResult: async (r) => {
      await ctx.journal.updateTask(task.id, (t) => t.attempts.at(-1)!.gates.push(gateRecord(r, paths.dir)));
      ctx.emit(gateFinished(task.id, r));
    },
  });
  if (signal.aborted) return { kind: 'cancelled' };
  if (red?.logError?.diskFull === true) return fail('disk-full', red.logError.message, red.tail, false);
  if (red)
    return fail(
      'gate-failed',
      describeOutcome(`gate "${red.gate}"`, red.outcome, ctx.workflow.gates.get(red.gate)?.timeoutMs),
      red.tail,
    );
  // Read once the gates passed: they may write outputs too.
  const outputs = await readOutputFile(outputFile(ctx, task.id, n));
  if (!outputs.ok) return fail('output-invalid', outputs.error, '');
  // Written with the task's success, the next write.
  ctx.journal.noteTask(task.id, (t) => (t.attempts.at(-1)!.finishedAt = Date.now()));
  return { kind: 'passed', commit, outputs: outputs.value };
}

/** Runs the agent (waiting out rate limits without spending a retry) or the task's command. */
async function runWork(
  ctx: RunContext,
  task: TaskDef,
  { sandbox, spawn }: { sandbox: Sandbox; spawn: Spawn },
  env: Record<string, string>,
  values: TemplateValues,
  files: { log: string; prompt: string; outputReset: Promise<void> },
  signal: AbortSignal,
  feedback: Feedback | undefined,
): Promise<{ outcome: ProcessOutcome; tail: string; logError?: LogError; report?: AgentReport }> {
  const onLine = sampleLines((line) =>
    ctx.emit({ type: 'task-output', time: Date.now(), task: task.id, line }),
  );
  const base = {
    cwd: sandbox.path,
    logFile: files.log,
    signal,
    onLine,
    latestLineOnly: true,
    onStart: recordProcessGroup(ctx, task.id),
    ...(task.timeoutMs ? { timeoutMs: task.timeoutMs } : {}),
  };
  if (task.kind === 'command') {
    const shell = renderTemplate(task.run!, values);
    await Promise.all([files.outputReset, savePrompt(files.prompt, shell)]);
    const r = await spawn({
      ...base,
      command: { shell },
      env: { ...renderEnv(task.env, values), ...env },
    });
    return { ...r, report: { summary: lastLine(r.tail) } };
  }
  const agentDef = ctx.workflow.agents.get(task.agent!);
  const adapter = agentAdapter(task.agent!, ctx, values);
  const role = task.role ? ctx.workflow.roles.get(task.role) : undefined;
  const instructions = role?.instructions ? renderTemplate(role.instructions, values) : undefined;
  const prompt = buildPrompt(task, values, feedback);
  await Promise.all([
    files.outputReset,
    savePrompt(files.prompt, promptWithInstructions({ prompt, ...(instructions ? { instructions } : {}) })),
  ]);
  const invocation = adapter.build({
    prompt,
    ...(instructions ? { instructions } : {}),
    ...(task.model ? { model: task.model } : {}),
    extraArgs: agentDef?.command ? [] : (agentDef?.args ?? []),
    sandboxPath: sandbox.path,
  });
  const processEnv = {
    ...invocation.env,
    ...renderEnv(agentDef?.env ?? {}, values),
    ...renderEnv(task.env, values),
    ...env,
  };
  for (let waits = 0; ; waits++) {
    const r = await spawn({
      ...base,
      command: { argv: invocation.argv },
      env: processEnv,
      ...(invocation.stdin !== undefined ? { stdin: invocation.stdin } : {}),
    });
    if (r.outcome.kind === 'spawn-failed' && r.outcome.cause === 'too-long')
      return {
        ...r,
        outcome: {
          ...r.outcome,
          message: tooLongMessage(task.agent!, prompt, invocation.argv, agentDef?.command !== undefined),
        },
      };
    const exitCode = r.outcome.kind === 'exited' ? r.outcome.exitCode : -1;
    const report = adapter.report(r.tail, exitCode, r.head);
    if (!report.rateLimited || waits >= RATE_LIMIT.maxWaits || signal.aborted) return { ...r, report };
    // What the limited run spent counts before the budget is asked whether to start it again.
    noteUsage(ctx, task.id, report);
    const { inputTokens: _in, outputTokens: _out, costUsd: _cost, ...counted } = report;
    if ((await attemptRefused(ctx, task.id)) !== undefined) return { ...r, report: counted };
    const waitMs = Math.min(
      RATE_LIMIT.maxMs,
      report.rateLimited.retryAfterMs ?? rateLimitFirstMs() * 2 ** waits,
    );
    await ctx.journal.updateTask(task.id, (t) => (t.rateLimitWaits = (t.rateLimitWaits ?? 0) + 1));
    ctx.emit({
      type: 'task-waiting',
      time: Date.now(),
      task: task.id,
      reason: 'rate-limited',
      retryInMs: waitMs,
    });
    await sleep(waitMs, undefined, { signal }).catch(() => undefined);
  }
}

function agentAdapter(name: string, ctx: RunContext, values: TemplateValues): AgentAdapter {
  const def = ctx.workflow.agents.get(name);
  // `${{ prompt }}` stays a reference here; the adapter puts the prompt in its place.
  if (def?.command)
    return commandAgent(
      def.command.map((t) => renderExcept(t, values, (expr) => expr === 'prompt')),
      { stdin: def.stdin },
    );
  const builtin = builtinAgents.get(name);
  if (!builtin) throw new Error(`agent ${name} has no adapter`);
  return builtin;
}

function renderEnv(env: Readonly<Record<string, Template>>, values: TemplateValues): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, t]) => [k, renderTemplate(t, values)]));
}

function failureReason(outcome: ProcessOutcome): FailureReason {
  switch (outcome.kind) {
    case 'timed-out':
      return 'agent-timed-out';
    case 'signaled':
      return 'agent-signaled';
    case 'spawn-failed':
      return outcome.cause === 'not-found' ? 'agent-not-found' : 'agent-failed';
    case 'exited':
    case 'cancelled':
      return 'agent-failed';
  }
}

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1)?.slice(0, 2000) ?? '';
}

/**
 * Removes the branches and stash entries the task made in the user's repository, then the sandbox
 * unless the keep policy says otherwise; returns the kept path.
 */
async function teardown(
  ctx: RunContext,
  task: TaskDef,
  sandbox: Sandbox | undefined,
  outcome: NodeOutcome,
  trail: SandboxTrail | undefined,
): Promise<string | undefined> {
  if (!sandbox) return undefined;
  // Whatever cannot be removed now stays a branch or stash entry of the user's to delete by hand.
  if (trail)
    await removeStrayRefs(ctx.repo, new Git(sandbox.path, { gitDir: trail.gitDir }), trail, true).catch(
      () => undefined,
    );
  const keep: Keep = ctx.keep ?? task.sandbox.keep;
  const kept = keep === 'always' || (keep === 'on-failure' && outcome !== 'succeeded');
  if (kept) return sandbox.path;
  ctx.emit({ type: 'task-phase', time: Date.now(), task: task.id, phase: 'teardown' });
  await sandbox.dispose();
  return undefined;
}
