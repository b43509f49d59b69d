import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkflow } from '../../src/config/load-workflow.js';
import { rerunWorkflow } from '../../src/engine/continue-run.js';
import { runWorkflow } from '../../src/engine/run-workflow.js';
import { Git } from '../../src/git/git.js';
import { cleanRuns } from '../../src/state/clean-runs.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { Result } from '../../src/util/result.js';
import type { Step } from '../support/run-fixture.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';
import {
  checkoutState,
  dirtyCheckout,
  filesAt,
  gitIn,
  userRefs,
  userWorktrees,
} from '../support/checkout-state.js';

function unwrap<T>(r: Result<T, Diagnostic>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

// The promise under test: the user's checkout (and their other branches and worktrees) is never
// touched, and the result branch holds exactly the verified work. Every sandbox type is used as a
// root, with one need and with several, in the middle of the graph and as a sink.

let fx: RunFixture;
afterEach(() => fx?.cleanup());

type Kind = 'worktree' | 'clone' | 'none';
interface Node {
  type: Kind;
  needs: string[];
  /** The agent commits its work itself (clone and worktree only). */
  commits?: boolean;
}

const DAG: Record<string, Node> = {
  w0: { type: 'worktree', needs: [] },
  c0: { type: 'clone', needs: [], commits: true },
  n0: { type: 'none', needs: [] },
  w1: { type: 'worktree', needs: ['c0'] },
  c1: { type: 'clone', needs: ['n0'] },
  n1: { type: 'none', needs: ['w0'] },
  w2: { type: 'worktree', needs: ['n1', 'c1'], commits: true },
  c2: { type: 'clone', needs: ['w0', 'n0'] },
  n2: { type: 'none', needs: ['w1', 'c2'] },
  nmid: { type: 'none', needs: ['w2', 'c1'] },
  tail: { type: 'worktree', needs: ['nmid'] },
  c3: { type: 'clone', needs: ['w1'] },
  nsink: { type: 'none', needs: ['c1'] },
};

/** A none task reads the user's checkout and writes nothing; the others each add `<id>.txt`. */
function dagWorkflow(extra = ''): { yaml: string; script: Record<string, Step[]> } {
  const lines = Object.entries(DAG).map(([id, n]) => {
    const needs = n.needs.length ? `, needs: [${n.needs.join(', ')}]` : '';
    const work = n.type === 'none' ? 'run: "test -f README.md"' : `agent: bot, prompt: ${id}`;
    return `  ${id}: { ${work}${needs}, sandbox: { type: ${n.type} } }`;
  });
  const script = Object.fromEntries(
    Object.entries(DAG)
      .filter(([, n]) => n.type !== 'none')
      .map(([id, n]): [string, Step[]] => [
        id,
        [{ write: { [`${id}.txt`]: id }, ...(n.commits ? { commit: `agent: ${id}` } : {}) }],
      ]),
  );
  return { yaml: `${HEADER}concurrency: 2\n${extra}tasks:\n${lines.join('\n')}\n`, script };
}

/** The files a task's result must hold: the base's, and one per non-none task it includes. */
function expectedFiles(task: string, base: string[]): string[] {
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const n of DAG[id]!.needs) visit(n);
  };
  visit(task);
  const own = [...seen].filter((id) => DAG[id]!.type !== 'none').map((id) => `${id}.txt`);
  return [...base, ...own].sort();
}

async function runAndCheck(
  f: RunFixture,
  strategy: 'merge' | 'squash' | 'rebase',
  others: string[] = [],
): Promise<void> {
  const before = checkoutState(f.repo);
  const othersBefore = others.map(checkoutState);
  const refs = userRefs(f.repo);
  const worktrees = userWorktrees(f.repo, f.sandboxes);
  const { yaml, script } = dagWorkflow(`integrate: { strategy: ${strategy} }\n`);
  const { result } = await f.run(yaml, script);
  expect(result.outcome).toBe('succeeded');

  expect(checkoutState(f.repo)).toEqual(before);
  expect(others.map(checkoutState)).toEqual(othersBefore);
  const branch = result.record.integration.branch;
  expect(userRefs(f.repo)).toEqual(
    [...refs, `refs/heads/${branch} ${gitIn(f.repo, 'rev-parse', branch)}`].sort(),
  );
  expect(userWorktrees(f.repo, f.sandboxes)).toEqual(worktrees);
  expect(gitIn(f.repo, 'worktree', 'list', '--porcelain').split('\n\n')).toHaveLength(worktrees.length);

  const base = filesAt(f.repo, result.record.baseCommit);
  for (const id of Object.keys(DAG)) {
    const t = result.record.tasks[id]!;
    expect(t.status).toBe('succeeded');
    expect(filesAt(f.repo, t.commit!), id).toEqual(expectedFiles(id, base));
    expect(gitIn(f.repo, 'rev-parse', t.branch)).toBe(t.commit);
  }
  const all = Object.keys(DAG).filter((id) => DAG[id]!.type !== 'none');
  expect(filesAt(f.repo, branch)).toEqual([...base, ...all.map((id) => `${id}.txt`)].sort());
  for (const id of all) expect(f.show(branch, `${id}.txt`)).toBe(id);
  if (strategy !== 'merge')
    expect(gitIn(f.repo, 'rev-list', '--merges', `${result.record.baseCommit}..${branch}`)).toBe('');
  // Every sandbox is gone (keep: never), the worktrees reused from task to task too, and so is the
  // run's folder that held them.
  expect(existsSync(join(f.sandboxes, result.runId))).toBe(false);
}

describe('every sandbox type with 0, 1 and several needs, as a middle node and as a sink', () => {
  it('merge: user on main with staged, unstaged, untracked and ignored files, in a path with spaces and non-ASCII', async () => {
    fx = new RunFixture({ 'README.md': '# test\n' }, 'my repö ✓ with spaces');
    dirtyCheckout(fx);
    await runAndCheck(fx, 'merge');
  });

  it('squash: user on a detached HEAD with local changes', async () => {
    fx = new RunFixture();
    dirtyCheckout(fx);
    fx.git('checkout', '-q', '--detach');
    await runAndCheck(fx, 'squash');
  });

  it('rebase: user on a branch named orchestra/…, with a linked worktree of their own that has changes', async () => {
    fx = new RunFixture();
    fx.git('checkout', '-q', '-b', 'orchestra/mine');
    dirtyCheckout(fx);
    const extra = join(fx.root, 'extra worktree');
    fx.git('worktree', 'add', '-q', '-b', 'feature', extra);
    fx.writeFiles({ 'feature.txt': 'wip\n', 'README.md': 'changed in the extra worktree\n' }, extra);
    gitIn(extra, 'add', 'feature.txt');
    await runAndCheck(fx, 'rebase', [extra]);
  });
});

/** Three tasks, one per type, each from the same base. */
const PER_TYPE = `${HEADER}tasks:
  w: { agent: bot, prompt: w, sandbox: { type: worktree } }
  c: { agent: bot, prompt: c, sandbox: { type: clone } }
  n: { run: "test -f README.md", needs: [w, c], sandbox: { type: none } }
`;
const PER_TYPE_SCRIPT: Record<string, Step[]> = {
  w: [{ write: { 'w.txt': 'w' } }],
  c: [{ write: { 'c.txt': 'c' } }],
};

describe('sandbox.base other than the checked-out HEAD', () => {
  it.each([
    ['a branch', 'release'],
    ['an annotated tag', 'v1'],
  ])('starts every type from %s, and leaves the checkout alone', async (_what, ref) => {
    fx = new RunFixture();
    fx.git('checkout', '-q', '-b', 'release');
    fx.writeFiles({ 'release.txt': 'r\n' });
    fx.git('add', 'release.txt');
    fx.git('commit', '-qm', 'release');
    fx.git('tag', '-a', '-m', 'v1', 'v1');
    const releaseHead = fx.git('rev-parse', 'release');
    fx.git('checkout', '-q', 'main');
    fx.writeFiles({ 'main.txt': 'm\n' });
    fx.git('add', 'main.txt');
    fx.git('commit', '-qm', 'main only');
    fx.writeFiles({ 'local.txt': 'not committed\n' });
    const before = checkoutState(fx.repo);
    const refs = userRefs(fx.repo);
    const { result } = await fx.run(
      `${PER_TYPE.replace('keep: never', `keep: never\n  base: ${ref}`)}`,
      PER_TYPE_SCRIPT,
    );
    expect(result.outcome).toBe('succeeded');
    expect(result.record.baseCommit).toBe(releaseHead);
    expect(checkoutState(fx.repo)).toEqual(before);
    const branch = result.record.integration.branch;
    expect(userRefs(fx.repo).filter((r) => !r.startsWith(`refs/heads/${branch} `))).toEqual(refs);
    expect(filesAt(fx.repo, branch)).toEqual(['README.md', 'c.txt', 'release.txt', 'w.txt']);
  });
});

describe('running from a linked worktree of the user', () => {
  it('leaves both checkouts alone, and its run records are ignored there too', async () => {
    fx = new RunFixture();
    const extra = join(fx.root, 'extra');
    fx.git('worktree', 'add', '-q', '-b', 'feature', extra);
    fx.writeFiles({ 'wip.txt': 'wip\n' }, extra);
    fx.writeFiles({ 'main-wip.txt': 'wip\n' });
    const main = checkoutState(fx.repo);
    const before = checkoutState(extra);
    const file = fx.setup(PER_TYPE, PER_TYPE_SCRIPT);
    const loaded = await loadWorkflow(file);
    if (!loaded.ok) throw new Error('workflow');
    const run = await runWorkflow(loaded.value, { cwd: extra });
    if (!run.ok) throw new Error(JSON.stringify(run.error));
    expect(run.value.outcome).toBe('succeeded');
    expect(existsSync(join(extra, '.orchestra/runs', run.value.runId, 'run.json'))).toBe(true);
    expect(checkoutState(extra)).toEqual(before);
    expect(checkoutState(fx.repo)).toEqual(main);
    expect(filesAt(fx.repo, run.value.record.integration.branch)).toEqual(['README.md', 'c.txt', 'w.txt']);
  });
});

describe('branches the user holds', () => {
  it('a rerun while the user has the result branch checked out fails integration, and moves nothing', async () => {
    fx = new RunFixture();
    const file = fx.setup(PER_TYPE, PER_TYPE_SCRIPT);
    const loaded = await loadWorkflow(file);
    if (!loaded.ok) throw new Error('workflow');
    const { result } = await fx.run(PER_TYPE, PER_TYPE_SCRIPT);
    expect(result.outcome).toBe('succeeded');
    const branch = result.record.integration.branch;
    // The user looks at the result, and starts working on it.
    fx.git('checkout', '-q', branch);
    fx.writeFiles({ 'review.txt': 'notes\n' });
    const before = checkoutState(fx.repo);
    const rerun = await rerunWorkflow(loaded.value, { cwd: fx.repo, command: 'rerun', tasks: ['w'] });
    if (!rerun.ok) throw new Error(JSON.stringify(rerun.error));
    expect(checkoutState(fx.repo)).toEqual(before);
    expect(rerun.value.outcome).toBe('failed');
    expect(rerun.value.record.integration.failure?.message).toBe(
      `the result branch ${branch} is checked out at ${fx.repo}; switch it to another branch there, then integrate again with: orchestra resume --run ${result.runId}`,
    );
    // As the message says: once the user is elsewhere, resume integrates, and the branch moves.
    fx.git('checkout', '-q', 'main');
    const oldResult = fx.git('rev-parse', branch);
    const resumed = await rerunWorkflow(loaded.value, { cwd: fx.repo, command: 'resume' });
    if (!resumed.ok) throw new Error(JSON.stringify(resumed.error));
    expect(resumed.value.outcome).toBe('succeeded');
    expect(fx.git('rev-parse', branch)).toBe(resumed.value.record.integration.commit);
    expect(resumed.value.record.integration.commit).not.toBe(oldResult);
    expect(filesAt(fx.repo, branch)).toEqual(['README.md', 'c.txt', 'w.txt']);
  });

  it('a result branch the user committed on is not thrown away by a rerun', async () => {
    fx = new RunFixture();
    const file = fx.setup(PER_TYPE, PER_TYPE_SCRIPT);
    const loaded = await loadWorkflow(file);
    if (!loaded.ok) throw new Error('workflow');
    const { result } = await fx.run(PER_TYPE, PER_TYPE_SCRIPT);
    const branch = result.record.integration.branch;
    fx.git('checkout', '-q', branch);
    fx.writeFiles({ 'fix.txt': 'a fix on top of the result\n' });
    fx.git('add', 'fix.txt');
    fx.git('commit', '-qm', 'user fix');
    const userCommit = fx.git('rev-parse', 'HEAD');
    fx.git('checkout', '-q', 'main');
    const rerun = await rerunWorkflow(loaded.value, { cwd: fx.repo, command: 'rerun', tasks: ['w'] });
    if (!rerun.ok) throw new Error(JSON.stringify(rerun.error));
    expect(gitIn(fx.repo, 'rev-parse', branch)).toBe(userCommit);
    expect(rerun.value.outcome).toBe('failed');
    expect(rerun.value.record.integration.failure?.message).toContain(
      `branch ${branch} already exists at ${userCommit.slice(0, 10)}, and no orchestra run put it there`,
    );
    // A rerun without the user's commit on the branch moves it, as before.
    fx.git('branch', '-f', branch, result.record.integration.commit!);
    const again = await rerunWorkflow(loaded.value, { cwd: fx.repo, command: 'rerun', tasks: ['w'] });
    if (!again.ok) throw new Error(JSON.stringify(again.error));
    expect(again.value.outcome).toBe('succeeded');
    expect(fx.git('rev-parse', branch)).toBe(again.value.record.integration.commit);
  });

  it('a fixed integrate.branch moves from run to run, but not once the user committed on it', async () => {
    fx = new RunFixture();
    const yaml = `${PER_TYPE}integrate: { branch: agents/latest }\n`;
    const first = await fx.run(yaml, PER_TYPE_SCRIPT);
    expect(first.result.outcome).toBe('succeeded');
    const second = await fx.run(yaml, { ...PER_TYPE_SCRIPT, w: [{ write: { 'w.txt': 'again' } }] });
    expect(second.result.outcome).toBe('succeeded');
    expect(fx.show('agents/latest', 'w.txt')).toBe('again');
    fx.git('checkout', '-q', 'agents/latest');
    fx.writeFiles({ 'fix.txt': 'mine\n' });
    fx.git('add', 'fix.txt');
    fx.git('commit', '-qm', 'user fix');
    fx.git('checkout', '-q', 'main');
    const mine = fx.git('rev-parse', 'agents/latest');
    const third = await fx.run(yaml, PER_TYPE_SCRIPT);
    expect(third.result.outcome).toBe('failed');
    expect(fx.git('rev-parse', 'agents/latest')).toBe(mine);
  });

  it('integrate.branch naming an existing branch of the user does not replace it', async () => {
    fx = new RunFixture();
    fx.git('branch', 'feature');
    const feature = fx.git('rev-parse', 'feature');
    const { result } = await fx.run(`${PER_TYPE}integrate: { branch: feature }\n`, PER_TYPE_SCRIPT);
    expect(gitIn(fx.repo, 'rev-parse', 'feature')).toBe(feature);
    expect(result.outcome).toBe('failed');
    expect(result.record.integration.failure?.message).toContain('branch feature already exists at');
    // Nor does clean --branches delete it: the run recorded it as its result branch's name only.
    const report = unwrap(
      await cleanRuns(new Git(fx.repo), fx.repo, { runId: result.runId, branches: true }),
    );
    expect(gitIn(fx.repo, 'rev-parse', 'feature')).toBe(feature);
    expect(report.branches.sort()).toEqual(
      ['c', 'n', 'w'].map((t) => `orchestra/tasks/${result.runId}/${t}`),
    );
  });

  it('clean --branches leaves a result branch the user checked out or committed on', async () => {
    fx = new RunFixture();
    const first = await fx.run(PER_TYPE, PER_TYPE_SCRIPT);
    const second = await fx.run(PER_TYPE, PER_TYPE_SCRIPT);
    const [moved, held] = [first.result.record.integration.branch, second.result.record.integration.branch];
    fx.git('checkout', '-q', moved);
    fx.git('commit', '-q', '--allow-empty', '-m', 'user commit');
    const mine = fx.git('rev-parse', 'HEAD');
    fx.git('checkout', '-q', held);
    // A task's branch looked at in a worktree of the user's own.
    const look = join(fx.root, 'look');
    const taskBranch = `orchestra/tasks/${second.result.runId}/w`;
    fx.git('worktree', 'add', '-q', look, taskBranch);
    const before = [checkoutState(fx.repo), checkoutState(look)];
    const report = unwrap(await cleanRuns(new Git(fx.repo), fx.repo, { all: true, branches: true }));
    expect([checkoutState(fx.repo), checkoutState(look)]).toEqual(before);
    expect(report.keptBranches.sort()).toEqual(
      [
        `${moved}: it has moved since the run put it at ${first.result.record.integration.commit!.slice(0, 10)}`,
        `${held}: checked out at ${fx.repo}`,
        `${taskBranch}: checked out at ${look}`,
      ].sort(),
    );
    expect(gitIn(fx.repo, 'rev-parse', moved)).toBe(mine);
    expect(fx.git('branch', '--list', '--format=%(refname:short)', 'orchestra/tasks/*')).toBe(taskBranch);
  });
});

describe('copied and linked files', () => {
  it('every type, with worktrees reused from task to task, leaves the originals and commits none of them', async () => {
    fx = new RunFixture({ '.gitignore': '.env\nnode_modules/\n', 'README.md': '# t\n' });
    fx.writeFiles({ '.env': 'SECRET=1\n', 'node_modules/dep/index.js': 'module.exports = 1;\n' });
    dirtyCheckout(fx);
    const before = checkoutState(fx.repo);
    const yaml = `${HEADER.replace('  keep: never', '  keep: never\n  copy: [.env]\n  link: [node_modules]')}concurrency: 1
tasks:
  w1: { agent: bot, prompt: x }
  w2: { agent: bot, prompt: x, needs: [w1] }
  w3: { agent: bot, prompt: x, needs: [w2] }
  c1: { agent: bot, prompt: x, needs: [w3], sandbox: { type: clone } }
  n1: { run: "test -f .env && test -d node_modules/dep", needs: [c1], sandbox: { type: none } }
`;
    // Each agent edits the copied file and removes the link in its sandbox, and adds a file.
    const step = (id: string): Step[] => [
      { write: { [`${id}.txt`]: id, '.env': `CHANGED BY ${id}\n` }, delete: ['node_modules'] },
    ];
    const { result } = await fx.run(yaml, { w1: step('w1'), w2: step('w2'), w3: step('w3'), c1: step('c1') });
    expect(result.outcome).toBe('succeeded');
    expect(checkoutState(fx.repo)).toEqual(before);
    const files = filesAt(fx.repo, result.record.integration.branch);
    expect(files).toEqual(['.gitignore', 'README.md', 'c1.txt', 'w1.txt', 'w2.txt', 'w3.txt']);
  });
});

describe('agents that run git themselves', () => {
  const commitX = 'echo x > x.txt && git add x.txt && git -c user.name=a -c user.email=a@b commit -qm x';

  it.each([
    ['worktree', 'switches to a branch of its own', `git checkout -q -b mine-\${{ task.id }} && ${commitX}`],
    ['clone', 'switches to a branch of its own', `git checkout -q -b mine && ${commitX}`],
    ['worktree', 'detaches HEAD', `git checkout -q --detach && ${commitX}`],
    ['clone', 'detaches HEAD', `git checkout -q --detach && ${commitX}`],
  ])(
    'in a %s sandbox, one that %s: its commit is the task branch and reaches the result',
    async (type, _what, run) => {
      fx = new RunFixture();
      dirtyCheckout(fx);
      const before = checkoutState(fx.repo);
      const yaml = `${HEADER}tasks:
  a: { run: ${JSON.stringify(run)}, sandbox: { type: ${type} } }
  b: { run: "test -f x.txt && echo b > b.txt", needs: [a] }
`;
      const { result } = await fx.run(yaml);
      expect(result.outcome).toBe('succeeded');
      const a = result.record.tasks.a!;
      expect(gitIn(fx.repo, 'rev-parse', a.branch)).toBe(a.commit);
      expect(fx.show(a.commit!, 'x.txt')).toBe('x');
      expect(filesAt(fx.repo, result.record.integration.branch)).toEqual(
        ['.gitignore', 'README.md', 'b.txt', 'x.txt'].sort(),
      );
      expect(checkoutState(fx.repo)).toEqual(before);
    },
  );

  it('a clone task of a role with a write scope is checked, and passes or fails on its paths', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}roles:
  impl: { agent: bot, forbid: ["test/**"] }
tasks:
  ok: { role: impl, prompt: x, sandbox: { type: clone } }
  bad: { role: impl, prompt: x, sandbox: { type: clone } }
`;
    const { result } = await fx.run(yaml, {
      ok: [{ write: { 'src/a.js': 'a' } }],
      bad: [{ write: { 'test/a.test.js': 'weakened' } }],
    });
    expect(result.record.tasks.ok!.status).toBe('succeeded');
    expect(result.record.tasks.bad!.failure).toMatchObject({
      reason: 'write-scope',
      files: ['test/a.test.js'],
    });
  });
});
