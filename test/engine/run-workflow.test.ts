import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import { extraWorktrees, HEADER, isAlive, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

const finished = (events: EngineEvent[], task: string) =>
  events.find(
    (e): e is Extract<EngineEvent, { type: 'task-finished' }> =>
      e.type === 'task-finished' && e.task === task,
  );

/** A hash of every file of a working tree (names, modes, contents), `.git` and `.orchestra` left out. */
function treeHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (d === dir && (e.name === '.git' || e.name === '.orchestra')) continue;
      const p = join(d, e.name);
      h.update(p);
      if (e.isDirectory()) walk(p);
      else h.update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

describe('running a workflow', () => {
  it('runs independent tasks in parallel up to the limit, and uses it (peak measured)', async () => {
    fx = new RunFixture();
    const tasks = ['a', 'b', 'c', 'd', 'e'];
    const yaml = `${HEADER}concurrency: 2\ntasks:\n${tasks.map((t) => `  ${t}: { agent: bot, prompt: do ${t} }`).join('\n')}\n`;
    const { result } = await fx.run(
      yaml,
      Object.fromEntries(tasks.map((t) => [t, [{ sleepMs: 300, write: { [`${t}.txt`]: t } }]])),
    );
    expect(result.outcome).toBe('succeeded');
    expect(fx.peakConcurrency()).toBe(2);
    const branch = result.record.integration.branch;
    for (const t of tasks) expect(fx.show(branch, `${t}.txt`)).toBe(t);
  });

  it('holds a per-agent pool below the global limit', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}  slow:\n    command: AGENT_COMMAND\n    concurrency: 1\nconcurrency: 4\ntasks:\n${['s1', 's2', 's3'].map((t) => `  ${t}: { agent: slow, prompt: x }`).join('\n')}\n${['f1', 'f2'].map((t) => `  ${t}: { agent: bot, prompt: x }`).join('\n')}\n`;
    const step = [{ sleepMs: 250 }];
    await fx.run(yaml, { s1: step, s2: step, s3: step, f1: step, f2: step });
    expect(fx.peakConcurrency((i) => i.task.startsWith('s'))).toBe(1);
    expect(fx.peakConcurrency()).toBeGreaterThanOrEqual(2);
  });

  it('starts a task with several needs from a merge of their results', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}tasks:
  left: { agent: bot, prompt: l }
  right: { agent: bot, prompt: r }
  join: { agent: bot, prompt: j, needs: [left, right] }
`;
    const { result } = await fx.run(yaml, {
      left: [{ write: { 'left.txt': 'L' } }],
      right: [{ write: { 'right.txt': 'R' } }],
      join: [{ write: { 'join.txt': 'J' } }],
    });
    expect(result.outcome).toBe('succeeded');
    const joinCommit = result.record.tasks.join!.commit!;
    expect(fx.show(joinCommit, 'left.txt')).toBe('L');
    expect(fx.show(joinCommit, 'right.txt')).toBe('R');
    expect(fx.show(result.record.integration.branch, 'join.txt')).toBe('J');
  });

  it('fails a task whose needs conflict, naming the files and both tasks, and blocks its dependents', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}tasks:
  left: { agent: bot, prompt: l }
  right: { agent: bot, prompt: r }
  join: { agent: bot, prompt: j, needs: [left, right] }
  after: { agent: bot, prompt: a, needs: [join] }
`;
    const { result, events } = await fx.run(yaml, {
      left: [{ write: { 'README.md': 'left version\n' } }],
      right: [{ write: { 'README.md': 'right version\n' } }],
    });
    expect(result.outcome).toBe('failed');
    const join = finished(events, 'join')!;
    expect(join.status).toBe('failed');
    expect(join.failure?.reason).toBe('merge-conflict');
    expect(join.failure?.message).toBe('the results of "left" and "right" conflict in README.md');
    expect(result.record.tasks.after!.status).toBe('blocked');
    expect(
      fx
        .invocations()
        .map((i) => i.task)
        .sort(),
    ).toEqual(['left', 'right']);
    expect(fx.git('branch', '--list', 'orchestra/2*')).toBe('');
    // The sandbox the merge was tried in goes too (keep: never).
    expect(extraWorktrees(fx)).toEqual([]);
    expect(existsSync(`${fx.sandboxes}/${result.runId}/join`)).toBe(false);
  });

  it('makes the sandbox of the next task while the slot is taken, and removes it if the task never runs', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}concurrency: 1
tasks:
${['a', 'b', 'c'].map((t) => `  ${t}: { agent: bot, prompt: do ${t} }`).join('\n')}
`;
    // The next run weighs tasks by these durations: a starts first, b is next in line. A recorded
    // duration is also its commit and teardown, which took b past a's 500 ms once on a loaded machine.
    const first = await fx.run(yaml, { a: [{ sleepMs: 1500 }], b: [{ sleepMs: 250 }], c: [{ sleepMs: 50 }] });
    expect(first.result.outcome).toBe('succeeded');
    // b and c each had their sandbox made while the task before them ran.
    const order = first.events.flatMap((e) =>
      e.type === 'task-phase' && e.phase === 'sandbox'
        ? [`sandbox ${e.task}`]
        : e.type === 'task-started' || e.type === 'task-finished'
          ? [`${e.type.slice(5)} ${e.task}`]
          : [],
    );
    const at = (entry: string) => order.indexOf(entry);
    expect(at('sandbox b')).toBeLessThan(at('finished a'));
    expect(at('sandbox c')).toBeLessThan(at('finished b'));
    expect(at('started b')).toBeGreaterThan(at('finished a'));
    expect(at('started c')).toBeGreaterThan(at('finished b'));
    expect(fx.peakConcurrency()).toBe(1);
    // Their recorded time starts with their slot, not with the sandbox made while they waited.
    const tasks = first.result.record.tasks;
    expect(tasks.b!.startedAt).toBeGreaterThanOrEqual(tasks.a!.finishedAt!);
    expect(tasks.c!.startedAt).toBeGreaterThanOrEqual(tasks.b!.finishedAt!);

    // a fails after b's sandbox is under way (a quick failure could beat it on a loaded machine).
    const { result, events } = await fx.run(
      yaml,
      { a: [{ exit: 1, sleepMs: 400 }] },
      { failureMode: 'no-new' },
    );
    expect(result.record.tasks.b!.status).toBe('cancelled');
    expect(result.record.tasks.b!.sandbox).toBeUndefined();
    expect(events.some((e) => e.type === 'task-phase' && e.task === 'b')).toBe(true);
    expect(events.some((e) => e.type === 'task-started' && e.task === 'b')).toBe(false);
    expect(extraWorktrees(fx)).toEqual([]);
    expect(existsSync(join(fx.sandboxes, result.runId))).toBe(false);
  });

  it('feeds a failing gate back to the agent and succeeds on the retry', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}gates:
  check: test "$(cat answer.txt)" = 42 || { echo "answer.txt is $(cat answer.txt), expected 42"; exit 3; }
tasks:
  solve: { agent: bot, prompt: Write the answer., verify: [check], retries: 1 }
`;
    const { result, events } = await fx.run(yaml, {
      solve: [{ write: { 'answer.txt': '41' } }, { write: { 'answer.txt': '42' } }],
    });
    expect(result.outcome).toBe('succeeded');
    const [first, second] = fx.invocations();
    expect(first!.prompt).toBe('Write the answer.');
    expect(second!.prompt).toContain('gate "check" failed (exit code 3)');
    expect(second!.prompt).toContain('answer.txt is 41, expected 42');
    expect(events.some((e) => e.type === 'task-retry' && e.task === 'solve')).toBe(true);
    expect(result.record.tasks.solve!.attempts.map((a) => a.gates.map((g) => g.ok))).toEqual([
      [false],
      [true],
    ]);
  });

  it('fails the attempt on a write outside the role scope, tells the agent the paths, and accepts the fix', async () => {
    fx = new RunFixture({ 'test/a.test.js': 'original\n', 'src/a.js': '' });
    const yaml = `${HEADER}roles:
  implementer: { agent: bot, forbid: ["test/**"] }
tasks:
  impl: { role: implementer, prompt: Implement., retries: 1 }
`;
    const { result } = await fx.run(yaml, {
      impl: [
        { write: { 'src/a.js': 'code', 'test/a.test.js': 'weakened' } },
        { write: { 'test/a.test.js': 'original\n' } },
      ],
    });
    expect(result.outcome).toBe('succeeded');
    expect(result.record.tasks.impl!.attempts[0]!.failure).toMatchObject({
      reason: 'write-scope',
      files: ['test/a.test.js'],
    });
    expect(fx.invocations()[1]!.prompt).toContain('test/a.test.js');
    expect(fx.show(result.record.integration.branch, 'test/a.test.js')).toBe('original');
  });

  it('kills the whole process tree of an agent that times out', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}tasks:\n  slow: { agent: bot, prompt: x, timeout: 1s }\n`;
    const { result, events } = await fx.run(yaml, { slow: [{ grandchild: true, sleepMs: 60_000 }] });
    expect(result.outcome).toBe('failed');
    expect(finished(events, 'slow')!.failure?.reason).toBe('agent-timed-out');
    const grandchild = fx.invocations().find((i) => i.grandchild)!.grandchild!;
    expect(isAlive(grandchild)).toBe(false);
  });

  it('reports an agent killed by a signal as a failure of the task', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}tasks:\n  crash: { agent: bot, prompt: x }\n  other: { agent: bot, prompt: y }\n`;
    const { result, events } = await fx.run(yaml, { crash: [{ killSelf: 'SIGKILL' }] });
    expect(finished(events, 'crash')).toMatchObject({
      status: 'failed',
      failure: { reason: 'agent-signaled' },
    });
    expect(result.record.tasks.other!.status).toBe('succeeded');
    expect(result.outcome).toBe('failed');
  });

  it('gives each task its own port and the documented environment', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}tasks:\n  a: { agent: bot, prompt: x }\n  b: { agent: bot, prompt: y }\n`;
    const { result } = await fx.run(yaml);
    const inv = fx.invocations();
    expect(new Set(inv.map((i) => i.env.port)).size).toBe(2);
    expect(inv.every((i) => i.env.run === result.runId && i.env.sandbox?.startsWith(fx.sandboxes))).toBe(
      true,
    );
  });
});

describe('sandboxes and the user checkout', () => {
  const snapshot = (f: RunFixture) => ({
    head: f.git('rev-parse', 'HEAD'),
    branch: f.git('symbolic-ref', 'HEAD'),
    index: f.git('ls-files', '-s', '--debug'),
    status: f.git('status', '--porcelain=v2', '--untracked-files=all'),
    files: treeHash(f.repo),
  });

  it('never touches the user checkout, byte for byte, and leaves no worktree behind', async () => {
    fx = new RunFixture();
    fx.writeFiles({ 'dirty.txt': 'uncommitted work\n', 'README.md': '# edited but not committed\n' });
    fx.git('add', 'dirty.txt');
    const before = snapshot(fx);
    const yaml = `${HEADER}tasks:\n  a: { agent: bot, prompt: x }\n  b: { agent: bot, prompt: y, needs: [a] }\n`;
    const { result } = await fx.run(yaml, {
      a: [{ write: { 'README.md': 'agent\n' } }],
      b: [{ write: { 'b.txt': 'b' }, commit: 'agent commit' }],
    });
    expect(result.outcome).toBe('succeeded');
    expect(snapshot(fx)).toEqual(before);
    // The run record is the one thing orchestra adds, in the git-ignored .orchestra/ folder.
    const ignored = fx
      .git('status', '--porcelain', '--ignored', '--untracked-files=all')
      .split('\n')
      .filter((l) => l.startsWith('!!'));
    expect(ignored.every((l) => l.startsWith('!! .orchestra/runs/'))).toBe(true);
    expect(extraWorktrees(fx)).toEqual([]);
    expect(fx.show(result.record.integration.branch, 'README.md')).toBe('agent');
  });

  it('merges the needs of a task without a sandbox outside the checkout, and fails a conflict there too', async () => {
    fx = new RunFixture();
    fx.writeFiles({ 'dirty.txt': 'uncommitted work\n' });
    const before = snapshot(fx);
    const yaml = `${HEADER}tasks:
  left: { agent: bot, prompt: l }
  right: { agent: bot, prompt: r }
  look: { run: ls, needs: [left, right], sandbox: { type: none } }
  after: { agent: bot, prompt: a, needs: [look] }
`;
    const { result } = await fx.run(yaml, {
      left: [{ write: { 'left.txt': 'L' } }],
      right: [{ write: { 'right.txt': 'R' } }],
      after: [{ write: { 'after.txt': 'A' } }],
    });
    expect(result.outcome).toBe('succeeded');
    expect(snapshot(fx)).toEqual(before);
    // The merge is the none task's result: its dependent starts from both needs.
    const look = result.record.tasks.look!.commit!;
    expect(fx.show(look, 'left.txt')).toBe('L');
    expect(fx.show(look, 'right.txt')).toBe('R');
    expect(fx.show(result.record.integration.branch, 'after.txt')).toBe('A');
    expect(fx.show(result.record.integration.branch, 'left.txt')).toBe('L');

    const conflict = await fx.run(yaml, {
      left: [{ write: { 'README.md': 'left version\n' } }],
      right: [{ write: { 'README.md': 'right version\n' } }],
    });
    expect(conflict.result.outcome).toBe('failed');
    expect(conflict.result.record.tasks.look!.failure?.message).toBe(
      'the results of "left" and "right" conflict in README.md',
    );
    expect(conflict.result.record.tasks.after!.status).toBe('blocked');
    expect(snapshot(fx)).toEqual(before);
  });

  it('keeps sandboxes that sandbox.dir puts inside the repository out of git status', async () => {
    fx = new RunFixture();
    const inside = join(fx.repo, 'work', 'sandboxes');
    const yaml = `${HEADER.replace('dir: SANDBOX_DIR', `dir: ${JSON.stringify(inside)}`).replace('keep: never', 'keep: always')}tasks:\n  a: { agent: bot, prompt: x }\n`;
    const { result } = await fx.run(yaml, { a: [{ write: { 'a.txt': 'a' } }] });
    expect(result.outcome).toBe('succeeded');
    expect(existsSync(join(inside, result.runId, 'a', 'a.txt'))).toBe(true);
    expect(fx.git('status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it.each([
    ['never', false, false],
    ['on-failure', false, true],
    ['always', true, true],
  ] as const)(
    'keep: %s keeps a succeeded sandbox: %s, a failed one: %s',
    async (keep, keptOk, keptFailed) => {
      fx = new RunFixture();
      const yaml = `${HEADER.replace('keep: never', `keep: ${keep}`)}tasks:\n  ok: { agent: bot, prompt: x }\n  bad: { agent: bot, prompt: y }\n`;
      const { result } = await fx.run(yaml, { bad: [{ exit: 1 }] });
      const dir = (t: string) => join(fx.sandboxes, result.runId, t);
      expect(existsSync(dir('ok'))).toBe(keptOk);
      expect(existsSync(dir('bad'))).toBe(keptFailed);
      expect(extraWorktrees(fx).length).toBe(Number(keptOk) + Number(keptFailed));
    },
  );
});

describe('sandbox preparation', () => {
  it('copies ignored files, links folders, runs setup, and commits none of them', async () => {
    fx = new RunFixture({ '.gitignore': '.env\nnode_modules/\n', 'README.md': '# t\n' });
    fx.writeFiles({ '.env': 'SECRET=1\n', 'node_modules/dep/index.js': 'module.exports = 1;\n' });
    const yaml = `${HEADER.replace('  keep: never', '  keep: never\n  copy: [.env]\n  link: [node_modules]\n  setup: ["echo ready > setup.txt"]')}tasks:
  look: { run: "cat .env > seen.txt && test -L node_modules && ls node_modules > mods.txt && cat setup.txt > setup-seen.txt" }
`;
    const { result } = await fx.run(yaml);
    expect(result.outcome).toBe('succeeded');
    const branch = result.record.integration.branch;
    expect(fx.show(branch, 'seen.txt')).toBe('SECRET=1');
    expect(fx.show(branch, 'mods.txt')).toBe('dep');
    expect(fx.show(branch, 'setup-seen.txt')).toBe('ready');
    const files = fx.git('ls-tree', '-r', '--name-only', branch).split('\n');
    expect(files).not.toContain('.env');
    expect(files.some((f) => f.startsWith('node_modules'))).toBe(false);
  });
});

describe('integration', () => {
  it('leaves no result branch when the integrated result fails its gate', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}gates:\n  never: "false"\ntasks:\n  a: { agent: bot, prompt: x }\nintegrate:\n  verify: [never]\n`;
    const { result, events } = await fx.run(yaml);
    expect(result.outcome).toBe('failed');
    expect(events.find((e) => e.type === 'integration-finished')).toMatchObject({ ok: false });
    expect(fx.git('branch', '--list', `orchestra/${result.runId}`)).toBe('');
    expect(extraWorktrees(fx)).toEqual([]);
  });

  it('leaves no result branch and names the tasks when sink results conflict', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}tasks:\n  a: { agent: bot, prompt: x }\n  b: { agent: bot, prompt: y }\n`;
    const { result } = await fx.run(yaml, {
      a: [{ write: { 'README.md': 'A\n' } }],
      b: [{ write: { 'README.md': 'B\n' } }],
    });
    expect(result.outcome).toBe('failed');
    expect(result.record.integration.failure).toMatchObject({ tasks: ['a', 'b'], files: ['README.md'] });
    expect(fx.git('branch', '--list', `orchestra/${result.runId}`)).toBe('');
  });

  it.each(['squash', 'rebase'] as const)(
    'builds the result with strategy %s: every task, no merge commits',
    async (strategy) => {
      fx = new RunFixture();
      const yaml = `${HEADER}tasks:\n  a: { agent: bot, prompt: x }\n  b: { agent: bot, prompt: y, needs: [a] }\n  c: { agent: bot, prompt: z }\nintegrate:\n  strategy: ${strategy}\n`;
      const { result } = await fx.run(yaml, {
        a: [{ write: { 'a.txt': 'a' } }],
        b: [{ write: { 'b.txt': 'b' } }],
        c: [{ write: { 'c.txt': 'c' } }],
      });
      expect(result.outcome).toBe('succeeded');
      const branch = result.record.integration.branch;
      for (const f of ['a', 'b', 'c']) expect(fx.show(branch, `${f}.txt`)).toBe(f);
      expect(fx.git('rev-list', '--merges', `${result.record.baseCommit}..${branch}`)).toBe('');
      // squash: one commit per integrated task (the sinks b and c); rebase: every task commit replayed.
      const commits = fx.git('rev-list', '--count', `${result.record.baseCommit}..${branch}`);
      expect(Number(commits)).toBe(strategy === 'squash' ? 2 : 3);
    },
  );
});
