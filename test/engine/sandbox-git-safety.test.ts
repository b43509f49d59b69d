import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkoutState, filesAt, gitIn, userRefs } from '../support/checkout-state.js';
import { extraWorktrees, HEADER, RunFixture } from '../support/run-fixture.js';

// Agents that misbehave with git, and user repositories shaped like real ones: whatever the agent
// does in its sandbox, orchestra's own git commands stay in that sandbox's repository, and what it
// keeps (task and result branches) holds only the task's work.

let fx: RunFixture;
afterEach(() => fx?.cleanup());

const TYPES = ['worktree', 'clone'] as const;

/** Every commit reachable from any ref, with the files of its tree and its diff. */
function wholeHistory(dir: string): string {
  return gitIn(dir, 'log', '--all', '-p', '--format=commit %H%n%T');
}

describe.each([
  ['worktree', 'deleted', 'rm -rf .git'],
  ['clone', 'deleted', 'rm -rf .git'],
  ['worktree', 'replaced', "printf 'gitdir: ../../../.git\\n' > .git"],
  ['clone', 'replaced', 'rm -rf .git && git init -q'],
] as const)('a %s sandbox whose .git the task %s', (type, what, damage) => {
  it('with sandbox.dir inside the repository: the user repository gets no commit, the task fails saying why', async () => {
    fx = new RunFixture();
    fx.writeFiles({ 'notes.txt': 'the user own untracked file\n' });
    const before = checkoutState(fx.repo);
    const refs = userRefs(fx.repo);
    const inside = join(fx.repo, '.sandboxes');
    const yaml = `${HEADER.replace('SANDBOX_DIR', JSON.stringify(inside))}tasks:
  nogit: { run: ${JSON.stringify(`${damage} && echo work > work.txt`)}, sandbox: { type: ${type} } }
`;
    const { result } = await fx.run(yaml);
    const task = result.record.tasks.nogit!;
    expect(task.status).toBe('failed');
    expect(task.failure?.reason).toBe('commit-failed');
    expect(task.failure?.message).toContain(`the task ${what} its sandbox's .git`);
    expect(existsSync(join(inside, result.runId, 'nogit'))).toBe(false);
    rmSync(inside, { recursive: true });
    expect(checkoutState(fx.repo)).toEqual(before);
    expect(userRefs(fx.repo)).toEqual(refs);
    expect(gitIn(fx.repo, 'log', '--all', '--format=%s')).not.toContain('orchestra:');
    expect(extraWorktrees(fx)).toEqual([]);
  });
});

describe('a sandbox in the default cache folder under a $HOME kept in git', () => {
  const saved = { HOME: process.env.HOME, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it.each(TYPES)('%s: nothing is committed in $HOME when the task deleted its .git', async (type) => {
    fx = new RunFixture();
    const home = join(fx.root, 'home');
    mkdirSync(home);
    gitIn(home, 'init', '-q', '-b', 'dotfiles');
    writeFileSync(join(home, '.bashrc'), 'alias x=y\n');
    gitIn(home, 'add', '.bashrc');
    gitIn(home, 'commit', '-qm', 'dotfiles');
    writeFileSync(join(home, '.netrc'), 'machine example password secret\n');
    process.env.HOME = home;
    delete process.env.XDG_CACHE_HOME;
    const history = gitIn(home, 'log', '--all', '--format=%H');
    const yaml = `${HEADER.replace('  dir: SANDBOX_DIR\n', '')}tasks:
  nogit: { run: "rm -rf .git && echo work > work.txt", sandbox: { type: ${type} } }
`;
    const { result } = await fx.run(yaml);
    expect(result.record.sandboxRoot.startsWith(join(home, '.cache'))).toBe(true);
    expect(result.record.tasks.nogit!.status).toBe('failed');
    expect(result.record.tasks.nogit!.failure?.message).toContain("the task deleted its sandbox's .git");
    expect(gitIn(home, 'log', '--all', '--format=%H')).toBe(history);
    expect(gitIn(home, 'ls-files')).toBe('.bashrc');
  });
});

describe.each(TYPES)('%s sandbox, agents that use git themselves', (type) => {
  // `cargo new` and `rails new` make a repository with files and no commit; git then refuses to add
  // it. With a commit, it became a gitlink to a commit that exists nowhere, and the files were lost.
  it('commits the files of a nested repository as files, with or without a commit of its own', async () => {
    fx = new RunFixture();
    const script =
      'mkdir -p fresh/src && git init -q fresh && echo f > fresh/src/main.rs && ' +
      'git init -q made && echo m > made/m.txt && mkdir made/deep && git init -q made/deep && echo d > made/deep/d.txt && ' +
      'git -C made -c user.name=a -c user.email=a@b add m.txt && git -C made -c user.name=a -c user.email=a@b commit -qm m';
    const yaml = `${HEADER.replace('keep: never', 'keep: always')}tasks:
  nested: { run: ${JSON.stringify(script)}, sandbox: { type: ${type} } }
`;
    const { result } = await fx.run(yaml);
    const task = result.record.tasks.nested!;
    expect(task.status, JSON.stringify(task.failure)).toBe('succeeded');
    expect(filesAt(fx.repo, task.commit!)).toEqual([
      'README.md',
      'fresh/src/main.rs',
      'made/deep/d.txt',
      'made/m.txt',
    ]);
    expect(gitIn(fx.repo, 'ls-tree', '-r', task.commit!)).not.toMatch(/^160000/m);
    // The nested repositories are left as the agent made them.
    const sandbox = task.sandbox!;
    expect(gitIn(join(sandbox, 'made'), 'log', '--format=%s')).toBe('m');
    expect(gitIn(join(sandbox, 'made/deep'), 'rev-parse', '--show-toplevel')).toBe(
      join(sandbox, 'made/deep'),
    );
    expect(gitIn(join(sandbox, 'fresh'), 'rev-parse', '--show-toplevel')).toBe(join(sandbox, 'fresh'));
  });

  it('keeps a copied file out of every commit of the task and result branches, the agent own commits too', async () => {
    fx = new RunFixture({ 'README.md': '# t\n' });
    fx.writeFiles({ '.env': 'SECRET=hunter2\n' });
    const yaml = `${HEADER.replace('  keep: never', '  keep: never\n  copy: [.env]')}tasks:
  a: { agent: bot, prompt: a, sandbox: { type: ${type} } }
  b: { agent: bot, prompt: b, needs: [a], sandbox: { type: ${type} } }
`;
    const { result } = await fx.run(yaml, {
      a: [{ write: { 'a.txt': 'a' }, commit: 'agent a adds everything' }],
      b: [{ write: { 'b.txt': 'b', '.env': 'SECRET=changed\n' }, commit: 'agent b too' }],
    });
    expect(result.outcome).toBe('succeeded');
    const { a, b } = result.record.tasks;
    for (const commit of gitIn(fx.repo, 'rev-list', '--all').split('\n')) {
      expect(filesAt(fx.repo, commit)).not.toContain('.env');
    }
    expect(wholeHistory(fx.repo)).not.toContain('SECRET');
    expect(filesAt(fx.repo, result.record.integration.branch)).toEqual(['README.md', 'a.txt', 'b.txt']);
    // The agents' commits are kept, rewritten: their messages and authors, one commit each.
    const log = gitIn(fx.repo, 'log', '--format=%an %s', `${result.record.baseCommit}..${b!.commit}`);
    expect(log.split('\n')).toEqual(['agent agent b too', 'agent agent a adds everything']);
    expect(gitIn(fx.repo, 'rev-parse', a!.branch)).toBe(a!.commit);
  });

  it('fails a task whose agent reset its branch below the start commit', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}tasks:
  up: { run: "echo up > up.txt", sandbox: { type: ${type} } }
  down: { run: "git reset -q --hard HEAD~1 && echo down > down.txt", needs: [up], sandbox: { type: ${type} } }
`;
    const { result } = await fx.run(yaml);
    expect(result.record.tasks.up!.status).toBe('succeeded');
    const down = result.record.tasks.down!;
    expect(down.status).toBe('failed');
    expect(down.failure?.reason).toBe('commit-failed');
    expect(down.failure?.message).toMatch(/^the agent rewrote history it was given/);
    expect(result.outcome).toBe('failed');
  });
});

describe('user repository settings sandboxes must not inherit', () => {
  it.each(TYPES)(
    '%s: failing prepare-commit-msg, post-checkout and reference-transaction hooks run for no task',
    async (type) => {
      fx = new RunFixture();
      const hooks = join(fx.repo, '.git', 'hooks');
      const marker = join(fx.root, 'hooks-ran');
      for (const hook of ['prepare-commit-msg', 'post-checkout', 'post-commit', 'reference-transaction']) {
        writeFileSync(join(hooks, hook), `#!/bin/sh\necho ${hook} >> ${JSON.stringify(marker)}\nexit 1\n`);
        chmodSync(join(hooks, hook), 0o755);
      }
      const yaml = `${HEADER}tasks:
  a: { run: "echo a > a.txt", sandbox: { type: ${type} } }
  b: { run: "echo b > b.txt", needs: [a], sandbox: { type: ${type} } }
`;
      const { result } = await fx.run(yaml);
      expect(result.record.tasks.a!.failure).toBeUndefined();
      expect(result.outcome).toBe('succeeded');
      expect(filesAt(fx.repo, result.record.integration.branch)).toEqual(['README.md', 'a.txt', 'b.txt']);
      expect(existsSync(marker)).toBe(false);
    },
  );

  it.each([
    ['cone', ['set', 'a']],
    ['non-cone', ['set', '--no-cone', '/a/']],
  ])(
    'a %s sparse checkout of the user: sandboxes are full checkouts, a write outside it is committed',
    async (_, args) => {
      fx = new RunFixture({ 'a/x.txt': 'x\n', 'b/y.txt': 'y\n', 'top.txt': 't\n' });
      fx.git('sparse-checkout', ...args);
      const before = checkoutState(fx.repo);
      const yaml = `${HEADER}concurrency: 1
tasks:
  first: { run: "test -f b/y.txt && echo z > b/z.txt" }
  second: { run: "test -f b/y.txt && test -f b/z.txt && echo w > b/w.txt", needs: [first] }
  clone: { run: "test -f b/y.txt && echo c > b/c.txt", sandbox: { type: clone } }
`;
      const { result } = await fx.run(yaml);
      for (const task of Object.values(result.record.tasks)) expect(task.failure).toBeUndefined();
      expect(result.outcome).toBe('succeeded');
      expect(filesAt(fx.repo, result.record.integration.branch)).toEqual([
        'a/x.txt',
        'b/c.txt',
        'b/w.txt',
        'b/y.txt',
        'b/z.txt',
        'top.txt',
      ]);
      expect(checkoutState(fx.repo)).toEqual(before);
    },
  );
});
