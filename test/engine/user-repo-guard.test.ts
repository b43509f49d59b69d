import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Git } from '../../src/git/git.js';
import { cleanRuns } from '../../src/state/clean-runs.js';
import { detectIsolation } from '../../src/isolation/detect.js';
import { gitIn } from '../support/checkout-state.js';
import { extraWorktrees, HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

function clean(f: RunFixture, opts: Parameters<typeof cleanRuns>[2]) {
  return cleanRuns(new Git(f.repo), f.repo, opts).then((r) => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  });
}

/** The bytes of every file of the repository's config and hooks, by path. */
function configAndHooks(f: RunFixture): Record<string, string> {
  const git = join(f.repo, '.git');
  const hooks = readdirSync(join(git, 'hooks')).map((name) => `hooks/${name}`);
  return Object.fromEntries(
    ['config', ...hooks].map((path) => {
      const full = join(git, path);
      return [path, `${statSync(full).mode.toString(8)} ${readFileSync(full, 'utf8')}`];
    }),
  );
}

describe("the user's repository config and hooks", () => {
  // A worktree shares them with the user's checkout: a task could set core.fsmonitor or a hook that
  // then runs there.
  it('are put back after an attempt or a gate that changed them, which fails', async () => {
    fx = new RunFixture();
    const before = configAndHooks(fx);
    const tamper = join(fx.root, 'tamper.sh');
    const pwned = join(fx.root, 'pwned');
    fx.writeFiles(
      {
        // The fsmonitor and the filter run with the next git command that reads the work tree: they
        // ran in orchestra's own commit, before the check after the attempt put them back.
        'tamper.sh': `[ "$ORCHESTRA_ATTEMPT" = 1 ] || exit 0
git config core.fsmonitor 'touch ${pwned}-fsmonitor'
git config filter.evil.clean 'touch ${pwned}-filter; cat'
echo 'x.txt filter=evil' > .gitattributes
hooks="$(git rev-parse --git-common-dir)/hooks"
printf '#!/bin/sh\\necho hi\\n' > "$hooks/post-checkout" && chmod +x "$hooks/post-checkout"
rm "$hooks/pre-push.sample"
`,
      },
      fx.root,
    );
    // One at a time: a change is blamed on the first attempt that ends after it.
    const yaml = `${HEADER}concurrency: 1
gates:
  sneaky: git config alias.st '!touch pwned'
tasks:
  agent: { run: "sh ${tamper} && echo x > x.txt", retries: 1 }
  gate: { run: "echo y > y.txt", verify: [sneaky] }
`;
    const { result } = await fx.run(yaml);
    expect(configAndHooks(fx)).toEqual(before);
    expect([existsSync(`${pwned}-fsmonitor`), existsSync(`${pwned}-filter`)]).toEqual([false, false]);
    const agent = result.record.tasks.agent!;
    // Told, the second attempt leaves them alone.
    expect(agent.status).toBe('succeeded');
    expect(agent.attempts[0]!.failure).toMatchObject({
      reason: 'repo-changed',
      files: ['config', 'hooks/post-checkout', 'hooks/pre-push.sample'],
    });
    expect(agent.attempts[0]!.failure!.message).toContain(
      `the task changed the repository's ${join(fx.repo, '.git', 'config')}, `,
    );
    const gate = result.record.tasks.gate!;
    expect(gate.status).toBe('failed');
    expect(gate.failure).toMatchObject({ reason: 'repo-changed', files: ['config'] });
  });
});

const support = await detectIsolation();

describe("the user's own config changes during a run", () => {
  /** Runs `yaml` and sets a config value in the user's checkout as its task `cmd` starts. */
  async function runChangingConfig(yaml: string) {
    return fx.run(
      yaml,
      {},
      {
        onEvent: (e) => {
          if (e.type === 'task-started' && e.task === 'cmd') fx.git('config', 'user.signingkey', 'MINE');
        },
      },
    );
  }

  it.skipIf(!support.ok)('stay when every task is jailed: only the user can have made them', async () => {
    fx = new RunFixture();
    const { result } = await runChangingConfig(`${HEADER.replace('isolation: none', 'isolation: os')}tasks:
  cmd: { run: "echo x > x.txt" }
`);
    expect(result.record.tasks.cmd!.failure).toBeUndefined();
    expect(result.outcome).toBe('succeeded');
    expect(fx.git('config', '--get', 'user.signingkey')).toBe('MINE');
  });

  it('are put back when an unjailed task could have made them, and kept in the run folder', async () => {
    fx = new RunFixture();
    const { result } = await runChangingConfig(`${HEADER}tasks:
  cmd: { run: "echo x > x.txt" }
`);
    const failure = result.record.tasks.cmd!.failure!;
    expect(failure).toMatchObject({ reason: 'repo-changed', files: ['config'] });
    const keptIn = /kept in (\S+): if the change was yours, copy them back/.exec(failure.message)![1]!;
    expect(keptIn.startsWith(join(result.runDir, 'repo-changes'))).toBe(true);
    expect(readFileSync(join(keptIn, 'config'), 'utf8')).toContain('signingkey = MINE');
    expect(fx.git('config', '--default', 'none', '--get', 'user.signingkey')).toBe('none');
  });

  it('made by an integration gate are put back and reported at the end of the run', async () => {
    fx = new RunFixture();
    const { result, events } = await fx.run(`${HEADER}integrate: { verify: [sneaky] }
gates:
  sneaky: git config alias.st status
tasks:
  cmd: { run: "echo x > x.txt" }
`);
    expect(result.outcome).toBe('succeeded');
    expect(fx.git('config', '--default', 'none', '--get', 'alias.st')).toBe('none');
    const finished = events.find((e) => e.type === 'run-finished');
    expect(finished?.type === 'run-finished' && finished.warnings?.[0]).toMatch(
      /^a setup command, gate or resolver of the run changed the repository's .*config.* kept in /,
    );
  });
});

describe("the user's stash and branch list", () => {
  // A worktree shares every ref but HEAD: an agent's stash landed in the user's `git stash list`
  // (where a `stash pop` would apply it to their checkout), its branches in their branch list.
  it("lose the agent's stash entries and branches at teardown; the user's stay", async () => {
    fx = new RunFixture();
    // Its log says it was made a minute from now, as one made in the second the task started reads
    // (a reflog has whole seconds): it existed before the task, so it is the user's all the same.
    execFileSync('git', ['branch', 'dev'], {
      cwd: fx.repo,
      env: { ...process.env, GIT_COMMITTER_DATE: `${Math.floor(Date.now() / 1000) + 60} +0000` },
    });
    fx.writeFiles({ 'README.md': 'mine\n' });
    fx.git('stash', 'push', '-q', '-m', 'mine');
    const script = join(fx.root, 'agent.sh');
    fx.writeFiles(
      {
        'agent.sh': `set -e
g() { git -c user.name=a -c user.email=a@localhost "$@"; }
echo wip > wip.txt && g add wip.txt && g stash -q
g checkout -q dev && g checkout -q -
g checkout -q -b "$1-x" && echo x > "$1.txt" && g add "$1.txt" && g commit -qm "$1"
g branch "$1-y"
echo more > more.txt && g add more.txt && g stash -q
`,
      },
      fx.root,
    );
    const yaml = `${HEADER}concurrency: 1
tasks:
  a: { run: "sh ${script} a" }
  b: { run: "sh ${script} b", sandbox: { keep: always } }
`;
    const { result } = await fx.run(yaml);
    expect(result.outcome).toBe('succeeded');
    expect(fx.git('stash', 'list', '--format=%gs')).toBe('On main: mine');
    const branches = fx.git('branch', '--format=%(refname:short)').split('\n');
    expect(branches.filter((b) => !b.startsWith('orchestra/'))).toEqual(['dev', 'main']);
    // The task's work is on its branch; the kept sandbox is detached where the agent left it.
    const b = result.record.tasks.b!;
    expect(fx.show(b.commit!, 'b.txt')).toBe('x');
    const kept = join(fx.sandboxes, result.runId, 'b');
    expect(gitIn(kept, 'rev-parse', 'HEAD')).toBe(b.commit);
    expect(gitIn(kept, 'status', '--porcelain', '--branch')).toBe('## HEAD (no branch)');

    // What an agent did in a sandbox its run never tore down (kill -9) goes with `clean`.
    gitIn(kept, 'checkout', '-q', '-b', 'late');
    fx.writeFiles({ 'late.txt': 'late\n' }, kept);
    gitIn(kept, 'add', 'late.txt');
    gitIn(kept, 'stash', '-q');
    await clean(fx, {});
    expect(fx.git('stash', 'list', '--format=%gs')).toBe('On main: mine');
    expect(fx.git('branch', '--list', 'late')).toBe('');
    expect(fx.git('branch', '--list', 'dev')).not.toBe('');
  });
});

describe('submodules', () => {
  // The submodule folder was empty in sandboxes, and what an agent wrote there was silently dropped.
  it('are checked out in sandboxes from the local copy, and a change inside one fails the attempt', async () => {
    fx = new RunFixture();
    const lib = join(fx.root, 'lib');
    gitIn(fx.root, 'init', '-q', '-b', 'main', lib);
    fx.writeFiles({ 'lib.txt': 'lib\n' }, lib);
    gitIn(lib, 'add', 'lib.txt');
    gitIn(lib, 'commit', '-qm', 'lib');
    fx.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'vendor/lib');
    fx.git('commit', '-qm', 'add lib');
    // No network, no protocol.file.allow needed: the upstream is gone, and so is its folder.
    rmSync(lib, { recursive: true });
    const config = readFileSync(join(fx.repo, '.git', 'config'), 'utf8');
    const g = 'git -c user.name=a -c user.email=a@localhost';
    const yaml = `${HEADER}concurrency: 1
tasks:
  read: { run: "test \\"$(cat vendor/lib/lib.txt)\\" = lib && echo r > r.txt" }
  again: { run: "test -f vendor/lib/lib.txt", needs: [read], sandbox: { keep: always } }
  clone: { run: "test \\"$(cat vendor/lib/lib.txt)\\" = lib", sandbox: { type: clone } }
  edit: { run: "echo changed > vendor/lib/lib.txt" }
  bump: { run: "cd vendor/lib && echo n > n.txt && ${g} add n.txt && ${g} commit -qm n && cd ../.. && ${g} commit -qam bump" }
`;
    const { result } = await fx.run(yaml);
    const t = result.record.tasks;
    expect([t.read!.status, t.again!.status, t.clone!.status]).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    // A worktree holding a submodule checkout can be reused (git refuses to move one that has any).
    expect(readdirSync(join(fx.repo, '.git', 'worktrees'))).not.toContain('again');
    expect(extraWorktrees(fx)).toEqual([`worktree ${join(fx.sandboxes, result.runId, 'again')}`]);
    for (const id of ['edit', 'bump']) {
      expect(t[id]!.status, id).toBe('failed');
      expect(t[id]!.failure, id).toMatchObject({ reason: 'submodule-changed', files: ['vendor/lib'] });
    }
    expect(t.edit!.failure!.message).toMatch(/^the task changed submodule vendor\/lib: /);
    expect(readFileSync(join(fx.repo, '.git', 'config'), 'utf8')).toBe(config);
  });
});

describe('clean --branches and task branches', () => {
  // A task branch the user committed on was deleted with their commit.
  it('keeps a task branch the user committed on, and deletes those where the run left them', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}gates:\n  red: "false"\ntasks:\n  a: { agent: bot, prompt: x }\n  b: { agent: bot, prompt: x }\n  c: { agent: bot, prompt: x, verify: [red] }\n`;
    const { result } = await fx.run(yaml, {
      a: [{ write: { 'a.txt': 'a' } }],
      b: [{ write: { 'b.txt': 'b' } }],
      c: [{ write: { 'c.txt': 'c' } }],
    });
    const branch = (t: string) => result.record.tasks[t]!.branch;
    // The user builds on a's result, and on what failed task c left.
    for (const t of ['a', 'c']) {
      fx.git('checkout', '-q', branch(t));
      fx.git('commit', '-q', '--allow-empty', '-m', `user work on ${t}`);
    }
    fx.git('checkout', '-q', 'main');
    const mine = ['a', 'c'].map((t) => fx.git('rev-parse', branch(t)));
    const report = await clean(fx, { all: true, branches: true });
    expect(report.keptBranches.sort()).toEqual([
      `${branch('a')}: it has moved since the run left it at ${result.record.tasks.a!.commit!.slice(0, 10)}`,
      `${branch('c')}: it has moved since the run left it at ${result.record.tasks.c!.attempts[0]!.commit!.slice(0, 10)}`,
    ]);
    expect(['a', 'c'].map((t) => fx.git('rev-parse', branch(t)))).toEqual(mine);
    expect(report.branches).toContain(branch('b'));
    expect(fx.git('branch', '--list', `orchestra/tasks/${result.runId}/*`, '--format=%(refname:short)')).toBe(
      [branch('a'), branch('c')].join('\n'),
    );
  });
});

describe('sandbox folders', () => {
  // Each run left an empty `<cache>/sandboxes/<repo>/<run-id>/`, and clean an empty `<repo>/`.
  it('leaves no empty folder in the default sandbox location, after a run or after clean', async () => {
    fx = new RunFixture();
    const cache = join(fx.root, 'cache');
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = cache;
    try {
      const sandboxes = join(cache, 'orchestra', 'sandboxes');
      const header = HEADER.replace(/ {2}dir: SANDBOX_DIR\n/, '').replace('keep: never', 'keep: on-failure');
      const ok = await fx.run(`${header}tasks:\n  a: { agent: bot, prompt: x }\n`);
      expect(ok.result.outcome).toBe('succeeded');
      expect(readdirSync(sandboxes)).toEqual([]);

      const failed = await fx.run(`${header}tasks:\n  a: { agent: bot, prompt: x }\n`, { a: [{ exit: 1 }] });
      expect(existsSync(join(failed.result.record.sandboxRoot, failed.result.runId, 'a'))).toBe(true);
      await clean(fx, {});
      expect(readdirSync(sandboxes)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });
});
