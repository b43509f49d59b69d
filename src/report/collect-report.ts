import { isAbsolute, join, relative } from 'node:path';
import type { Failure } from '../events/task-status.js';
import type { RawWorkflow } from '../config/workflow.js';
import { Git } from '../git/git.js';
import { repoResults } from '../repos/repo-results.js';
import type { AttemptRecord, GateRecord, RunRecord, TaskRecord } from '../state/run-state.js';
import { scopeViolations } from '../verify/write-scope.js';
import { changedFiles, diffstat } from './diffstat.js';
import { logTail } from './log-tail.js';
import { workOf } from './work-of.js';
import { bestOfDef } from '../best-of/best-of-def.js';
import { candidateId } from '../best-of/candidates.js';
import { judgeId } from '../best-of/judge.js';
import type {
  BestOfReport,
  FailureReport,
  FileChange,
  GateReport,
  ReportJson,
  TaskReport,
} from './report-json.js';

export interface ReportInput {
  record: RunRecord;
  state: ReportJson['run']['state'];
  /** The workflow the run was started with (`workflow.json`); undefined if it cannot be read. */
  workflow: RawWorkflow | undefined;
  /** The run folder: log paths in the record are relative to it. */
  runDir: string;
  repo: Git;
}

/** Tasks whose git questions are asked at once: a 100-task run must not start 100 gits. */
const GIT_PARALLEL = 8;

/** The report of a run, from its record, its logs and git alone. */
export async function collectReport(input: ReportInput): Promise<ReportJson> {
  const { record } = input;
  const ids = record.selected.filter((id) => Object.hasOwn(record.tasks, id));
  const tasks = await inBatches(ids, (id) => taskReport(input, id));
  const integration = record.integration;
  const resultFiles =
    integration.status === 'succeeded' && integration.commit !== undefined
      ? await changedFiles(input.repo, record.baseCommit, integration.commit)
      : undefined;
  // What ran: a best_of task's work is its candidates' and judge's, counted once.
  const ran = tasks.flatMap(workOf);
  const sum = (pick: (t: TaskReport) => number | null) =>
    ran.some((t) => pick(t) !== null) ? ran.reduce((n, t) => n + (pick(t) ?? 0), 0) : null;
  const allGates = [...ran.flatMap((t) => t.attempts.flatMap((a) => a.gates))];
  const integrationGates = await Promise.all(integration.gates.map((g) => gateReport(input, g)));
  allGates.push(...integrationGates);
  const byStatus: ReportJson['totals']['byStatus'] = {};
  for (const t of tasks) byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
  return {
    version: 1,
    run: {
      id: record.id,
      workflow: record.workflowName,
      file: shownPath(record.repoRoot, record.workflowFile),
      state: input.state,
      startedAt: record.startedAt,
      finishedAt: record.finishedAt ?? null,
      durationMs: record.finishedAt === undefined ? null : record.finishedAt - record.startedAt,
    },
    base: { ref: record.baseRef, commit: record.baseCommit },
    result: {
      branch: integration.branch,
      status: integration.status,
      commit: integration.status === 'succeeded' ? (integration.commit ?? null) : null,
      tasks: [...integration.tasks],
      failure: integration.failure
        ? {
            message: integration.failure.message,
            tasks: integration.failure.tasks ?? [],
            files: integration.failure.files ?? [],
          }
        : null,
      gates: integrationGates,
      diffstat: resultFiles ? diffstat(resultFiles) : null,
      files: resultFiles ?? [],
    },
    ...(record.repos ? { repos: repoResults(record) } : {}),
    tasks,
    totals: {
      tasks: tasks.length,
      byStatus,
      attempts: ran.reduce((n, t) => n + t.attempts.length, 0),
      gateRuns: allGates.reduce((n, g) => n + g.runs.length, 0),
      flakyGates: allGates.filter((g) => g.verdict === 'flaky').length,
      taskDurationMs: ran.reduce((n, t) => n + (t.durationMs ?? 0), 0),
      inputTokens: sum((t) => t.inputTokens),
      outputTokens: sum((t) => t.outputTokens),
      costUsd: sum((t) => t.costUsd),
    },
  };
}

async function taskReport(
  input: ReportInput,
  id: string,
  def = definition(input.workflow, id),
): Promise<TaskReport> {
  const t = input.record.tasks[id]!;
  // A task of another repository (`repos:`) is asked of that one.
  const files = await taskFiles(t.repo ? new Git(input.record.repos![t.repo]!.root) : input.repo, t);
  const end = t.finishedAt ?? t.attempts.at(-1)?.finishedAt;
  const bestOf = await bestOfReport(input, id);
  return {
    id,
    ...(t.repo ? { repo: t.repo } : {}),
    status: t.status,
    kind: def.kind,
    role: def.role,
    // A best_of task ran no agent itself: its candidates say which did.
    agent: bestOf ? null : def.agent,
    model: bestOf ? null : def.model,
    needs: def.needs.filter((n) => Object.hasOwn(input.record.tasks, n)),
    branch: t.branch,
    startCommit: t.startCommit ?? null,
    commit: t.commit ?? null,
    reusedFrom: t.reusedFrom ?? null,
    blockedBy: t.blockedBy ?? null,
    durationMs: t.startedAt !== undefined && end !== undefined ? end - t.startedAt : null,
    inputTokens: t.usage?.inputTokens ?? null,
    outputTokens: t.usage?.outputTokens ?? null,
    costUsd: t.usage?.costUsd ?? null,
    failure: t.failure && t.status !== 'succeeded' ? failureReport(t.failure) : null,
    attempts: await Promise.all(t.attempts.map((a) => attemptReport(input, a))),
    diffstat: files ? diffstat(files) : null,
    files: files ?? [],
    writeScope: writeScope(def.scope, files),
    bestOf,
  };
}

/** A best_of task's candidates, each with the agent and model its override gave it, and the judge. */
async function bestOfReport(input: ReportInput, id: string): Promise<BestOfReport | null> {
  const t = input.record.tasks[id]!;
  const raw = input.workflow?.tasks?.[id] as Record<string, unknown> | undefined;
  const spec = raw ? bestOfDef(raw) : undefined;
  if (t.candidates === undefined || spec === undefined) return null;
  const candidates = await Promise.all(
    t.candidates
      .filter((c) => Object.hasOwn(input.record.tasks, c))
      .map(async (c, i) => ({
        ...(await taskReport(input, c, candidateDefinition(input.workflow!, id, i + 1))),
        lost: input.record.tasks[c]!.lost === true,
      })),
  );
  const judge = judgeId(id);
  const role = typeof spec.pick === 'object' ? spec.pick.role : undefined;
  return {
    pick: spec.pick,
    winner: t.winner ?? null,
    candidates,
    judge:
      role !== undefined && Object.hasOwn(input.record.tasks, judge)
        ? await taskReport(input, judge, definition(withTask(input.workflow!, judge, { role }), judge))
        : null,
  };
}

/**
 * The definition of candidate `n` as the run made it: the task with the candidate's override (agent,
 * model, role) applied; another agent or role brings its own model unless the override names one.
 */
function candidateDefinition(raw: RawWorkflow, id: string, n: number): Definition {
  const task = raw.tasks[id]!;
  const o = bestOfDef(task as Record<string, unknown>)!.candidates[n - 1] ?? {};
  const { model, ...rest } = task;
  const agent = o.agent ?? (o.role ? raw.roles?.[o.role]?.agent : undefined) ?? task.agent;
  const own = o.model ?? (o.agent || o.role ? undefined : model);
  const candidate = { ...rest, ...o, ...(agent ? { agent } : {}), ...(own ? { model: own } : {}) };
  return definition(withTask(raw, candidateId(id, n), candidate), candidateId(id, n));
}

function withTask(
  raw: RawWorkflow,
  id: string,
  task: NonNullable<RawWorkflow['tasks']>[string],
): RawWorkflow {
  return { ...raw, tasks: { ...raw.tasks, [id]: task } };
}

async function attemptReport(input: ReportInput, a: AttemptRecord): Promise<TaskReport['attempts'][number]> {
  return {
    n: a.n,
    durationMs: a.finishedAt === undefined ? null : a.finishedAt - a.startedAt,
    commit: a.commit ?? null,
    failure: a.failure ? failureReport(a.failure) : null,
    gates: await Promise.all(a.gates.map((g) => gateReport(input, g))),
  };
}

async function gateReport(input: ReportInput, g: GateRecord): Promise<GateReport> {
  const runs = g.runs ?? [{ ok: g.ok, durationMs: g.durationMs, log: g.log }];
  return {
    name: g.name,
    verdict: g.flaky ? 'flaky' : g.ok ? 'passed' : 'failed',
    durationMs: g.durationMs,
    runs: await Promise.all(
      runs.map(async (r) => ({ ...r, tail: await logTail(join(input.runDir, r.log)) })),
    ),
  };
}

function failureReport(f: Failure): FailureReport {
  return { reason: f.reason, message: f.message, files: f.files ?? [] };
}

/**
 * What the task changed: from its start to its result, or to its branch (a failed task's attempts are
 * committed there), while that branch exists. A reused task changed nothing in this run.
 */
async function taskFiles(repo: Git, t: TaskRecord): Promise<FileChange[] | undefined> {
  if (t.startCommit === undefined) return undefined;
  const to = t.commit ?? ((await repo.branchExists(t.branch)) ? t.branch : undefined);
  return to === undefined ? undefined : changedFiles(repo, t.startCommit, to);
}

function writeScope(
  scope: { allow: string[]; forbid: string[] },
  files: FileChange[] | undefined,
): TaskReport['writeScope'] {
  if (scope.allow.length === 0 && scope.forbid.length === 0) return { result: 'none', ...scope, files: [] };
  if (files === undefined) return { result: 'unknown', ...scope, files: [] };
  const bad = scopeViolations(
    files.map((f) => f.path),
    scope,
  );
  return { result: bad.length ? 'violated' : 'ok', ...scope, files: bad };
}

interface Definition {
  kind: TaskReport['kind'];
  role: string | null;
  agent: string | null;
  model: string | null;
  needs: string[];
  scope: { allow: string[]; forbid: string[] };
}

/** What the recorded workflow says of a task: who ran it, with which model, within which scope. */
function definition(raw: RawWorkflow | undefined, id: string): Definition {
  const own = <T>(map: Record<string, T> | undefined, key: string | undefined): T | undefined =>
    map !== undefined && key !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
  const task = own(raw?.tasks, id);
  const none = { allow: [], forbid: [] };
  if (task === undefined) return { kind: null, role: null, agent: null, model: null, needs: [], scope: none };
  const role = own(raw?.roles, task.role);
  const kind = task.run !== undefined ? 'command' : 'agent';
  const agent = kind === 'agent' ? (task.agent ?? role?.agent ?? null) : null;
  const model =
    kind === 'agent' ? (task.model ?? role?.model ?? own(raw?.agents, agent ?? undefined)?.model) : null;
  return {
    kind,
    role: task.role ?? null,
    agent,
    model: model ?? null,
    needs: task.needs ?? [],
    scope: role ? { allow: role.allow ?? [], forbid: role.forbid ?? [] } : none,
  };
}

function shownPath(repoRoot: string, file: string): string {
  const rel = relative(repoRoot, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

async function inBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += GIT_PARALLEL)
    out.push(...(await Promise.all(items.slice(i, i + GIT_PARALLEL).map(fn))));
  return out;
}
