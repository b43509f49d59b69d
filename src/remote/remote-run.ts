import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { Git, GitCommandError } from '../git/git.js';
import { isRunId } from '../state/run-paths.js';
import type { IntegrationRecord, RunRecord, TaskRecord } from '../state/run-state.js';
import { RunStore } from '../state/run-store.js';
import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';
import { readPart, writePart } from './record-part.js';
import { redact, secretValues } from './redact-secrets.js';
import { integrationRef, recordRef, runRefs, startRef, taskRef } from './remote-refs.js';

/** A distributed run as the remote holds it, put together from its start record and pushed parts. */
export interface RemoteRecord {
  record: RunRecord;
  /** The resolved workflow the run was started with (workflow.json). */
  workflow: unknown;
  /** Log files of the pushed parts, relative to the run folder. */
  logs: Map<string, string>;
  /** The tasks whose branch is on the remote, with its commit. */
  branches: Map<string, string>;
}

/** What the integration's part holds beside its logs. */
interface IntegrationPart {
  integration: IntegrationRecord;
  outcome?: RunRecord['outcome'];
  finishedAt?: number;
}

/**
 * One run on one git remote: fetched into local refs of the same names (`refs/orchestra/runs/<id>/…`),
 * which are also what a push's `--force-with-lease` expects the remote to still hold.
 */
export class RemoteRun {
  readonly repo: Git;

  constructor(
    readonly repoRoot: string,
    readonly remote: string,
    readonly runId: string,
  ) {
    this.repo = new Git(repoRoot);
  }

  /** Fetches the run's refs; a located error when the remote or the run is not there. */
  async fetch(opts: { mustExist: boolean }): Promise<Result<void, Diagnostic>> {
    if (!isRunId(this.runId))
      return err(
        usage(`"${this.runId}" cannot be a run id`, 'a run id is letters, digits, ".", "_" and "-"'),
      );
    const remotes = await this.repo.remotes();
    if (!remotes.includes(this.remote))
      return err(
        usage(
          `no git remote "${this.remote}" in ${this.repoRoot}`,
          remotes.length
            ? `its remotes: ${remotes.join(', ')}`
            : 'add one with "git remote add <name> <url>"',
        ),
      );
    const refs = runRefs(this.runId);
    const fetched = await this.#git([
      'fetch',
      '--quiet',
      '--no-tags',
      '--prune',
      this.remote,
      `+${refs}/*:${refs}/*`,
    ]);
    if (typeof fetched === 'string' || fetched.no)
      return err(
        usage(
          `cannot fetch run ${this.runId} from ${this.remote}: ${typeof fetched === 'string' ? fetched : 'git refused'}`,
        ),
      );
    const there = (await this.repo.resolveCommit(startRef(this.runId))) !== undefined;
    if (opts.mustExist && !there)
      return err(
        usage(
          `run ${this.runId} is not on ${this.remote}`,
          `start it with "orchestra job --start --run-id ${this.runId} --remote ${this.remote}"`,
        ),
      );
    if (!opts.mustExist && there)
      return err(
        usage(`run ${this.runId} is on ${this.remote} already`, 'give the new run an id of its own'),
      );
    return ok(undefined);
  }

  /** The run's record from what was fetched: the start record, each task's part, the integration's. */
  async assemble(): Promise<RemoteRecord> {
    const start = await readPart(this.repo, startRef(this.runId));
    const record = JSON.parse(start.get('run.json')!) as RunRecord;
    const workflow = JSON.parse(start.get('workflow.json')!) as unknown;
    const logs = new Map<string, string>();
    const branches = new Map<string, string>();
    const refs = await this.#fetchedRefs();
    for (const [ref, commit] of refs) {
      const task = ref.slice(`${runRefs(this.runId)}/tasks/`.length);
      if (ref === taskRef(this.runId, task)) branches.set(task, commit);
    }
    const parts = [...refs.keys()].filter((r) => r.startsWith(`${runRefs(this.runId)}/records/`));
    for (const ref of [...parts, integrationRef(this.runId)].filter((r) => refs.has(r))) {
      const files = await readPart(this.repo, ref);
      const part = JSON.parse(files.get('part.json')!) as {
        tasks?: Record<string, TaskRecord>;
      } & Partial<IntegrationPart>;
      for (const [id, t] of Object.entries(part.tasks ?? {})) {
        record.tasks[id] = t;
        if (!record.selected.includes(id) && t.instanceOf) record.selected.push(id);
      }
      if (part.integration) record.integration = part.integration;
      if (part.outcome) record.outcome = part.outcome;
      if (part.finishedAt) record.finishedAt = part.finishedAt;
      for (const [path, text] of files) if (path.startsWith('logs/')) logs.set(path, text);
    }
    record.workflowFile = resolve(this.repoRoot, record.workflowFile);
    record.repoRoot = this.repoRoot;
    return { record, workflow, logs, branches };
  }

  /**
   * Makes the fetched run a local run folder (`.orchestra/runs/<id>`, read by status, logs, report,
   * rerun) with each pushed task branch as the local task branch, as a local run would have them.
   */
  async importRun(remote: RemoteRecord, sandboxRoot: string): Promise<RunStore> {
    const store = new RunStore(this.repoRoot, this.runId);
    const created = await store.create(
      { ...remote.record, sandboxRoot, remote: this.remote },
      remote.workflow,
    );
    if (!created.ok) throw new Error(created.error);
    for (const [path, text] of remote.logs) {
      const file = store.paths.abs(path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
    }
    const updates = [...remote.branches].map(
      ([task, commit]) => `update refs/heads/${remote.record.tasks[task]?.branch ?? ''} ${commit}\n`,
    );
    if (updates.length) await this.repo.plumbing(['update-ref', '--stdin'], { input: updates.join('') });
    return store;
  }

  /** A new run's start record, pushed (refused if the id is taken meanwhile). */
  async pushStart(record: RunRecord, workflow: unknown): Promise<Result<void, Diagnostic>> {
    const shown: RunRecord = { ...record, workflowFile: shownFile(record.repoRoot, record.workflowFile) };
    const files = new Map([
      ['run.json', `${JSON.stringify(shown, null, 2)}\n`],
      ['workflow.json', `${JSON.stringify(workflow, null, 2)}\n`],
    ]);
    const made = redacted(files, secretValues());
    const commit = await writePart(this.repo, made, `orchestra: run ${record.id}`, record.baseCommit);
    return this.push([{ ref: startRef(this.runId), commit }]);
  }

  /**
   * Pushes the parts of `tasks` (each with its instances and candidates, and their logs) and their
   * branches, replacing what this machine fetched, and nothing else.
   */
  async pushTasks(
    record: RunRecord,
    runDir: string,
    tasks: readonly string[],
  ): Promise<Result<void, Diagnostic>> {
    const secrets = secretValues();
    const updates: { ref: string; commit: string }[] = [];
    for (const task of tasks) {
      const ids = [task, ...(record.tasks[task]!.instances ?? []), ...(record.tasks[task]!.candidates ?? [])];
      const records = Object.fromEntries(
        ids.filter((id) => record.tasks[id]).map((id) => [id, pushed(record.tasks[id]!)]),
      );
      const files = new Map([['part.json', `${JSON.stringify({ tasks: records }, null, 2)}\n`]]);
      for (const id of ids) await addLogs(files, runDir, `logs/${id}`);
      const part = await writePart(
        this.repo,
        redacted(files, secrets),
        `orchestra: ${task} of run ${record.id}`,
      );
      updates.push({ ref: recordRef(this.runId, task), commit: part });
      // The result (an approval's has no branch of its own), else what a failed task's branch holds.
      const t = record.tasks[task]!;
      const commit = t.commit ?? (await this.repo.resolveCommit(`refs/heads/${t.branch}`));
      if (commit) updates.push({ ref: taskRef(this.runId, task), commit });
    }
    return this.push(updates);
  }

  /** Pushes the integration's part of the record and its logs. */
  async pushIntegration(record: RunRecord, runDir: string): Promise<Result<void, Diagnostic>> {
    const part: IntegrationPart = {
      integration: record.integration,
      ...(record.outcome ? { outcome: record.outcome } : {}),
      ...(record.finishedAt ? { finishedAt: record.finishedAt } : {}),
    };
    const files = new Map([['part.json', `${JSON.stringify(part, null, 2)}\n`]]);
    await addLogs(files, runDir, 'logs/_integration');
    const commit = await writePart(
      this.repo,
      redacted(files, secretValues()),
      `orchestra: integration of run ${record.id}`,
    );
    return this.push([{ ref: integrationRef(this.runId), commit }]);
  }

  /**
   * Pushes the result branch: created if it does not exist, moved only from where this run put it
   * before (`placed`), so a branch orchestra did not make (or one someone moved since) is never
   * overwritten.
   */
  async pushResult(
    branch: string,
    commit: string,
    placed: string | undefined,
  ): Promise<Result<void, Diagnostic>> {
    return this.push([{ ref: `refs/heads/${branch}`, commit, expected: placed ?? '' }], {
      hint: `branch ${branch} on ${this.remote} is not one this run made: set integrate.branch to another name, or delete it there`,
    });
  }

  /**
   * One atomic push. Each ref is leased on what this machine last fetched (absent: it must not exist):
   * a push that would replace what someone else pushed meanwhile is refused, not lost.
   */
  async push(
    updates: readonly { ref: string; commit: string; expected?: string }[],
    opts: { hint?: string } = {},
  ): Promise<Result<void, Diagnostic>> {
    if (updates.length === 0) return ok(undefined);
    const leases: string[] = [];
    for (const u of updates) {
      const expected = u.expected ?? (await this.repo.resolveCommit(u.ref)) ?? '';
      leases.push(`--force-with-lease=${u.ref}:${expected}`);
    }
    const refspecs = updates.map((u) => `${u.commit}:${u.ref}`);
    const args = ['push', '--porcelain', '--atomic', ...leases, this.remote, ...refspecs];
    // Exit 1 is a refusal (a lease that no longer holds): `--porcelain` says which ref and why.
    const pushed = await this.#git(args);
    const refused = typeof pushed === 'string' ? pushed : pushed.no ? rejections(pushed.stdout) : undefined;
    if (refused !== undefined)
      return err({
        severity: 'error',
        code: 'usage',
        message: `cannot push run ${this.runId} to ${this.remote}: ${refused}`,
        hint:
          opts.hint ??
          `something else pushed to it meanwhile: fetch it again (orchestra status --remote ${this.remote} --run ${this.runId})`,
      });
    // The local copies follow, so the next push leases on what is there now.
    const input = updates
      .filter((u) => u.ref.startsWith(runRefs(this.runId)))
      .map((u) => `update ${u.ref} ${u.commit}\n`)
      .join('');
    if (input) await this.repo.plumbing(['update-ref', '--stdin'], { input });
    return ok(undefined);
  }

  /** A git command that talks to the remote: its failure, in git's words, is an answer, not a bug. */
  async #git(args: readonly string[]): Promise<{ no: boolean; stdout: string } | string> {
    try {
      return await this.repo.plumbing(args);
    } catch (e) {
      if (e instanceof GitCommandError) return e.message;
      throw e;
    }
  }

  async #fetchedRefs(): Promise<Map<string, string>> {
    const { stdout } = await this.repo.plumbing([
      'for-each-ref',
      '--format=%(refname) %(objectname)',
      `${runRefs(this.runId)}/`,
    ]);
    return new Map(
      stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ') as [string, string]),
    );
  }
}

/** The refs a `git push --porcelain` rejected, and why, as one line. */
function rejections(porcelain: string): string {
  const lines = porcelain
    .split('\n')
    .filter((l) => l.startsWith('!'))
    .map((l) => {
      const [, spec = '', why = ''] = l.split('\t');
      return `${spec.slice(spec.indexOf(':') + 1)} ${why}`.trim();
    });
  return lines.length ? `refused: ${lines.join('; ')}` : 'refused';
}

/** What of a task's record leaves this machine: not its sandbox path nor its process group here. */
function pushed(t: TaskRecord): TaskRecord {
  const { sandbox: _sandbox, processGroup: _group, ...rest } = t;
  return rest;
}

function redacted(files: ReadonlyMap<string, string>, secrets: readonly string[]): Map<string, string> {
  return new Map([...files].map(([path, text]) => [path, redact(text, secrets)]));
}

/** Adds every file under `dir` of the run folder (relative paths as keys). */
async function addLogs(files: Map<string, string>, runDir: string, dir: string): Promise<void> {
  const abs = join(runDir, dir);
  if (!existsSync(abs)) return;
  for (const entry of await readdir(abs, { withFileTypes: true, recursive: true })) {
    // A process group is this machine's: another one would look for it among its own processes.
    if (!entry.isFile() || entry.name === 'process-group') continue;
    const file = join(entry.parentPath, entry.name);
    files.set(relative(runDir, file).split('\\').join('/'), await readFile(file, 'utf8'));
  }
}

/** The workflow file as the start record keeps it: relative to the repository, as every clone has it. */
function shownFile(repoRoot: string, file: string): string {
  const rel = relative(repoRoot, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

function usage(message: string, hint?: string): Diagnostic {
  return { severity: 'error', code: 'usage', message, ...(hint ? { hint } : {}) };
}
