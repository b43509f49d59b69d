import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkflow } from '../../src/config/load-workflow.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

describe('templates', () => {
  it('renders summaries, branches and commits of needs once, whatever the values hold', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}vars:
  q: "a'b\\"c \`d\` $HOME \${{ vars.q }}"
tasks:
  c: { run: "echo first; echo 'last line'" }
  d: { needs: [c], run: "echo '\${{ tasks.c.summary }}|\${{ tasks.c.branch }}|\${{ tasks.c.commit }}' > out.txt" }
  e: { needs: [d], agent: bot, prompt: "S=\${{ tasks.c.summary }} V=\${{ vars.q }} T=\${{ task.id }} R=\${{ run.id }}" }
`;
    const { result } = await fx.run(yaml);
    expect(result.outcome).toBe('succeeded');
    const c = result.record.tasks.c!;
    expect(fx.show(result.record.integration.branch, 'out.txt')).toBe(`last line|${c.branch}|${c.commit}`);
    expect(fx.invocations()[0]!.prompt).toBe(
      `S=last line V=a'b"c \`d\` $HOME \${{ vars.q }} T=e R=${result.runId}`,
    );
  });

  it("leaves a variable holding ${{ prompt }} as it is in a custom agent's command", async () => {
    fx = new RunFixture();
    const argvLog = join(fx.root, 'argv.json');
    const yaml = `${HEADER}  echo-argv:
    command: [${JSON.stringify(process.execPath)}, -e, "require('fs').writeFileSync(process.env.ARGV_LOG, JSON.stringify(process.argv.slice(1)))", "\${{ vars.v }}", "\${{ prompt }}"]
    env: { ARGV_LOG: ${JSON.stringify(argvLog)} }
vars:
  v: "lit \${{ prompt }} $1 $&"
tasks:
  a: { agent: echo-argv, prompt: "P \${{ vars.v }}" }
`;
    const { result } = await fx.run(yaml);
    expect(result.outcome).toBe('succeeded');
    expect(JSON.parse(readFileSync(argvLog, 'utf8'))).toEqual([
      'lit ${{ prompt }} $1 $&',
      'P lit ${{ prompt }} $1 $&',
    ]);
  });

  it('gives ${{ verify.output }} the same tail of a huge output as the appended feedback', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}gates:
  g: "seq 1 20000; test -f ok"
tasks:
  placed: { agent: bot, prompt: "Fix: \${{ verify.output }}", verify: [g], retries: 1 }
  appended: { agent: bot, prompt: Fix., verify: [g], retries: 1 }
`;
    const fixed = [{}, { write: { ok: '' } }];
    const { result } = await fx.run(yaml, { placed: fixed, appended: fixed });
    expect(result.outcome).toBe('succeeded');
    const retry = (task: string) => fx.invocations().find((i) => i.task === task && i.attempt === 2)!.prompt;
    expect(fx.invocations().find((i) => i.task === 'placed' && i.attempt === 1)!.prompt).toBe('Fix: ');
    const placed = retry('placed');
    expect(placed.startsWith('Fix: gate "g" failed (exit code 1)\n…')).toBe(true);
    expect(placed.trimEnd().endsWith('\n20000')).toBe(true);
    expect(placed.length).toBeLessThan(4100);
    expect(placed).not.toContain('Your previous attempt');
    expect(retry('appended').length).toBeLessThan(4300);
  });

  it('refuses task.id in a gate that integrate.verify runs: integration belongs to no task', async () => {
    fx = new RunFixture();
    const file = fx.setup(`${HEADER}gates:
  per-task: echo "\${{ task.id }}"
  shared: echo "\${{ run.id }}"
tasks:
  a: { agent: bot, prompt: x, verify: [per-task, shared] }
integrate:
  verify: [shared, per-task]
`);
    const loaded = await loadWorkflow(file);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.diagnostics).toHaveLength(1);
    expect(loaded.error.diagnostics[0]!.message).toContain('"task.id" is not available in gate "per-task"');
  });
});

describe('selection and integration', () => {
  const yaml = `${HEADER}tasks:
  a: { agent: bot, prompt: a }
  b: { agent: bot, prompt: b, needs: [a] }
  c: { agent: bot, prompt: c }
  d: { agent: bot, prompt: d, needs: [b, c] }
`;
  const steps = Object.fromEntries(['a', 'b', 'c', 'd'].map((t) => [t, [{ write: { [`${t}.txt`]: t } }]]));

  it('runs a target and what it needs only, and integrates it', async () => {
    fx = new RunFixture();
    const { result } = await fx.run(yaml, steps, { targets: ['b'] });
    expect(result.record.selected).toEqual(['a', 'b']);
    expect(fx.invocations().map((i) => i.task)).toEqual(['a', 'b']);
    expect(result.record.integration.tasks).toEqual(['b']);
    expect(fx.git('ls-tree', '--name-only', result.record.integration.branch).split('\n').sort()).toEqual([
      'README.md',
      'a.txt',
      'b.txt',
    ]);
  });

  it('integrates the listed tasks that ran, and the target when integrate.tasks lists none of them', async () => {
    fx = new RunFixture();
    const listed = `${yaml}integrate:\n  tasks: [b, c]\n`;
    const all = await fx.run(listed, steps);
    expect(all.result.record.integration.tasks).toEqual(['b', 'c']);
    expect(fx.git('ls-tree', '--name-only', all.result.record.integration.branch)).not.toContain('d.txt');

    const onlyB = await fx.run(listed, steps, { targets: ['b'] });
    expect(onlyB.result.record.integration.tasks).toEqual(['b']);

    const onlyA = await fx.run(listed, steps, { targets: ['a'] });
    expect(onlyA.result.record.integration.tasks).toEqual(['a']);
    const branch = onlyA.result.record.integration.branch;
    expect(fx.show(branch, 'a.txt')).toBe('a');
    expect(onlyA.result.record.integration.commit).not.toBe(onlyA.result.record.baseCommit);
  });
});

describe('write scopes', () => {
  it('catches deletions and renames out of a forbidden folder, and lets an allowed folder grow', async () => {
    fx = new RunFixture({ 'test/a.js': 'x\n', 'src/deep/d.js': 'd\n' });
    const yaml = `${HEADER}roles:
  implementer: { agent: bot, forbid: ["test/**"] }
  src-only: { agent: bot, allow: ["src/**"] }
tasks:
  deletes: { role: implementer, prompt: x }
  renames: { role: implementer, prompt: x }
  nested: { role: src-only, prompt: x }
  outside: { role: src-only, prompt: x }
`;
    const { result } = await fx.run(yaml, {
      deletes: [{ delete: ['test/a.js'] }],
      renames: [{ delete: ['test/a.js'], write: { 'src/a.js': 'x\n' } }],
      nested: [{ write: { 'src/deep/new/e.js': 'e' }, delete: ['src/deep/d.js'] }],
      outside: [{ write: { 'README.md': 'changed' } }],
    });
    const t = result.record.tasks;
    expect(t.deletes!.failure).toMatchObject({ reason: 'write-scope', files: ['test/a.js'] });
    expect(t.renames!.failure).toMatchObject({ reason: 'write-scope', files: ['test/a.js'] });
    expect(t.nested!.status).toBe('succeeded');
    expect(t.outside!.failure).toMatchObject({ reason: 'write-scope', files: ['README.md'] });
    expect(t.outside!.failure!.message).toContain('may only change src/**');
  });

  it('tells the next attempt the start commit and a command that puts the paths back', async () => {
    fx = new RunFixture({ 'test/a.js': 'x\n' });
    const yaml = `${HEADER.replace('keep: never', 'keep: always')}roles:
  implementer: { agent: bot, forbid: ["test/**"] }
tasks:
  t: { role: implementer, prompt: do it, retries: 1 }
`;
    const { result } = await fx.run(yaml, {
      t: [{ write: { 'test/a.js': 'changed\n', 'test/new file.js': 'n\n', 'src/ok.js': 'ok\n' } }, {}],
    });
    const t = result.record.tasks.t!;
    expect(t.failure!.message).toBe(
      'changes outside the write scope (must not change test/**): test/a.js, test/new file.js',
    );
    const retry = fx.invocations()[1]!.prompt;
    const command = `git restore --source=${t.startCommit} --staged --worktree -- test/a.js 'test/new file.js'`;
    expect(retry).toContain(`at your start commit ${t.startCommit} by running:\n${command}\n`);
    expect(retry).not.toContain('..');
    // The command does what it says when an agent pastes it in the sandbox.
    execFileSync('/bin/sh', ['-c', command], { cwd: t.sandbox });
    const left = execFileSync('git', ['diff', '--name-only', t.startCommit!], {
      cwd: t.sandbox,
      encoding: 'utf8',
    });
    expect(left.trim()).toBe('src/ok.js');
  });
});

describe('reuse across runs', () => {
  const yaml = (want: string, unused: string) => `${HEADER}  wrapped:
    command: AGENT_COMMAND
    env: { FLAVOUR: "\${{ vars.flavour }}" }
vars:
  want: "${want}"
  flavour: plain
  unused: "${unused}"
gates:
  g: test "\${{ vars.want }}" = 1
tasks:
  gated: { agent: bot, prompt: x, verify: [g] }
  flavoured: { agent: wrapped, prompt: y }
`;

  it('reruns a task when a variable only its gate or its agent uses changes, not for an unused one', async () => {
    fx = new RunFixture();
    const first = await fx.run(yaml('1', 'u1'));
    expect(first.result.outcome).toBe('succeeded');

    const unusedChanged = await fx.run(yaml('1', 'u2'), {}, { reuse: true });
    expect(unusedChanged.result.record.tasks.gated!.status).toBe('skipped');
    expect(unusedChanged.result.record.tasks.flavoured!.status).toBe('skipped');

    const gateVarChanged = await fx.run(yaml('2', 'u1'), {}, { reuse: true });
    expect(gateVarChanged.result.record.tasks.gated!.status).toBe('failed');
    expect(gateVarChanged.result.record.tasks.flavoured!.status).toBe('skipped');

    const agentVarChanged = await fx.run(
      yaml('1', 'u1').replace('flavour: plain', 'flavour: spicy'),
      {},
      {
        reuse: true,
      },
    );
    expect(agentVarChanged.result.record.tasks.gated!.status).toBe('skipped');
    expect(agentVarChanged.result.record.tasks.flavoured!.status).toBe('succeeded');
  });
});
