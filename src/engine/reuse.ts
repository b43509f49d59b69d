import type { Workflow } from '../config/workflow.js';
import { existingCommits, setBranches } from '../git/branch-batch.js';
import { Git } from '../git/git.js';
import type { TaskGraph } from '../graph/task-graph.js';
import { definitionHash, fingerprint } from '../state/fingerprint.js';
import { RunStore } from '../state/run-store.js';
import type { RunRecord } from '../state/run-state.js';

/** The fingerprint of a task whose needs have results in `record`. */
export function taskFingerprint(
  workflow: Workflow,
  graph: TaskGraph,
  record: Pick<RunRecord, 'baseCommit' | 'repos'> & { tasks: Readonly<Record<string, { commit?: string }>> },
  task: string,
): string {
  const needs = graph.needs(task);
  // A need without a result (a task with always() after a failure) is an input too: "none". A root
  // task in another repository starts from that one's base (and its `repo:` is in the definition).
  const repo = workflow.tasks.get(task)?.repo;
  const base = (repo && record.repos?.[repo]?.baseCommit) ?? record.baseCommit;
  const inputs = needs.length ? needs.map((n) => record.tasks[n]!.commit ?? 'none') : [base];
  return fingerprint(definitionHash(workflow.raw, task, workflow.vars), inputs);
}

/** A result of an earlier run that a task of a new run can take as its own. */
export interface Reusable {
  commit: string;
  fingerprint: string;
  /** The run that made the result (through any chain of reuses). */
  fromRun: string;
  usage?: RunRecord['tasks'][string]['usage'];
  outputs?: Record<string, string>;
}

/**
 * Which selected tasks an earlier run already did with the same fingerprint (same definition, same
 * inputs), in topological order so chains of reused tasks are found. Reads only: `--dry-run` shows
 * these, `run --reuse` takes them.
 */
export async function findReusable(
  workflow: Workflow,
  graph: TaskGraph,
  run: Pick<RunRecord, 'repoRoot' | 'baseCommit' | 'selected' | 'repos'> & { id?: string },
  repo: Git,
): Promise<Map<string, Reusable>> {
  const earlier: RunRecord[] = [];
  for (const id of await RunStore.list(run.repoRoot)) {
    if (id === run.id) continue;
    const r = await new RunStore(run.repoRoot, id).load();
    if (r.ok) earlier.push(r.value);
  }
  // Results whose commit is gone (a branch deleted, then gc) cannot be taken: asked of git at once.
  const present = await existingCommits(
    repo,
    earlier.flatMap((r) => Object.values(r.tasks).flatMap((t) => (t.commit ? [t.commit] : []))),
  );
  const found = new Map<string, Reusable>();
  // Fingerprints of downstream tasks read the reused commits of their needs.
  const commits = {
    baseCommit: run.baseCommit,
    ...(run.repos ? { repos: run.repos } : {}),
    tasks: {} as Record<string, { commit?: string }>,
  };
  for (const task of run.selected) {
    if (!graph.needs(task).every((n) => found.has(n))) continue;
    const fp = taskFingerprint(workflow, graph, commits, task);
    for (const earlierRun of earlier) {
      const hit = earlierRun.tasks[task];
      if (!hit?.commit || hit.fingerprint !== fp) continue;
      const git = gitOfTask(workflow, run, task, repo);
      // Results in another repository are looked up there, one at a time (few tasks have a `repo:`).
      if (git === repo ? !present.has(hit.commit) : !(await git.resolveCommit(hit.commit))) continue;
      found.set(task, {
        commit: hit.commit,
        fingerprint: fp,
        fromRun: hit.reusedFrom ?? earlierRun.id,
        ...(hit.usage ? { usage: hit.usage } : {}),
        ...(hit.outputs ? { outputs: hit.outputs } : {}),
      });
      commits.tasks[task] = { commit: hit.commit };
      break;
    }
  }
  return found;
}

/**
 * `run --reuse`: marks as `skipped` every task that `findReusable` finds, with the earlier result on
 * this run's own task branch. Agents are not deterministic, which is why this is opt-in.
 */
export async function reuseEarlierResults(
  workflow: Workflow,
  graph: TaskGraph,
  record: RunRecord,
  repo: Git,
): Promise<void> {
  // By repository: each takes its tasks' branches in one batch.
  const branches = new Map<string, { git: Git; set: Map<string, string> }>();
  for (const [task, hit] of await findReusable(workflow, graph, record, repo)) {
    const t = record.tasks[task]!;
    t.status = 'skipped';
    t.commit = hit.commit;
    t.fingerprint = hit.fingerprint;
    t.reusedFrom = hit.fromRun;
    if (hit.usage) t.usage = hit.usage;
    if (hit.outputs) t.outputs = hit.outputs;
    const git = gitOfTask(workflow, record, task, repo);
    const batch = branches.get(git.dir) ?? { git, set: new Map<string, string>() };
    batch.set.set(t.branch, hit.commit);
    branches.set(git.dir, batch);
  }
  // Downstream tasks and integration find every result on this run's own branches.
  for (const { git, set } of branches.values()) await setBranches(git, set);
}

/** The repository a task works in: `self` (given) or one of `repos:`. */
function gitOfTask(workflow: Workflow, run: Pick<RunRecord, 'repos'>, task: string, self: Git): Git {
  const repo = workflow.tasks.get(task)?.repo;
  const root = repo ? run.repos?.[repo]?.root : undefined;
  return root ? new Git(root) : self;
}
