import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';
import { AGENT } from '../support/run-fixture.js';
import type { Step } from '../support/run-fixture.js';
import { ActionsSimulation } from './simulate-actions.js';

/**
 * The generated workflow run as GitHub would run it (see simulate-actions.ts), against the
 * `orchestra job` contract (start, one job per task, --integrate; rerun --remote). Until `orchestra job`
 * exists (`orchestra job --help` lists --integrate) the tests that need it are skipped.
 */
function jobCommandExists(): boolean {
  if (!existsSync(CLI)) return false;
  // Commander answers `--help` after an unknown command with the program's help (exit 0): look for
  // the command's own option.
  const help = spawnSync(process.execPath, [CLI, 'job', '--help'], { encoding: 'utf8' });
  return help.status === 0 && help.stdout.includes('--integrate');
}
const noJobCommand = !jobCommandExists();
// Some twenty CLI processes and clones each: minutes on a busy machine.
const SLOW = 300_000;

const RUN_ID = 'gha-4242-1';
const FAKE = fileURLToPath(new URL('./fake-orchestra.mjs', import.meta.url));

const WORKFLOW = `version: 1
name: sim
vars: { greeting: hello }
sandbox: { dir: SANDBOX_DIR, keep: never, isolation: none }
agents:
  bot: { command: AGENT_COMMAND }
tasks:
  plan:
    agent: bot
    prompt: plan \${{ vars.greeting }}
  impl:
    agent: bot
    needs: [plan]
    if: \${{ tasks.plan.outputs.items != '[]' }}
    matrix: { item: IMPL_MATRIX }
    prompt: implement \${{ matrix.item }}
  docs:
    matrix: { part: [intro, usage] }
    run: echo "\${{ matrix.part }}" > docs-\${{ matrix.part }}.txt
  final:
    agent: bot
    needs: [impl, docs]
    prompt: finish
`;

const DYNAMIC = `'\${{ fromJSON(tasks.plan.outputs.items) }}'`;

const SCRIPT: Record<string, Step[]> = {
  plan: [{ write: { 'plan.txt': 'plan\n' }, output: 'items=["a","b"]\n' }],
  'impl-a': [{ write: { 'impl-a.txt': 'a\n' } }],
  'impl-b': [{ write: { 'impl-b.txt': 'b\n' } }],
  final: [{ write: { 'final.txt': 'final\n' } }],
};

describe('the exported workflow, run as GitHub Actions would', () => {
  let root: string;
  let origin: string;
  let script: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'orchestra-gha-sim-'));
    script = join(root, 'script.json');
    origin = join(root, 'origin.git');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A repository with the workflow and its export committed, pushed to a bare `origin`. */
  function setUp(tasks: Record<string, Step[]>, implMatrix = '[a, b]'): string {
    writeFileSync(script, JSON.stringify({ log: join(root, 'log.ndjson'), tasks }));
    const work = join(root, 'work');
    mkdirSync(work);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@localhost', ...args], { cwd: work });
    git('init', '-q', '-b', 'main');
    writeFileSync(join(work, 'README.md'), '# sim\n');
    writeFileSync(
      join(work, 'orchestra.yaml'),
      WORKFLOW.replace('IMPL_MATRIX', implMatrix)
        .replace('AGENT_COMMAND', JSON.stringify([process.execPath, AGENT, script, '${{ prompt }}']))
        .replace('SANDBOX_DIR', JSON.stringify(join(root, 'sandboxes'))),
    );
    const exported = spawnSync(process.execPath, [CLI, 'export', 'github-actions'], {
      cwd: work,
      encoding: 'utf8',
    });
    expect(exported.stderr).toBe('');
    git('add', '-A');
    git('commit', '-qm', 'workflow');
    execFileSync('git', ['clone', '-q', '--bare', work, origin]);
    return readFileSync(join(work, '.github/workflows/orchestra-sim.yml'), 'utf8');
  }

  const simulation = (yaml: string) =>
    new ActionsSimulation(yaml, { origin, workDir: join(root, 'runner'), cli: CLI, githubRunId: '4242' });

  const resultFiles = () =>
    execFileSync('git', ['ls-tree', '-r', '--name-only', `orchestra/${RUN_ID}`], {
      cwd: origin,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean)
      .sort();

  const ALL = [
    'README.md',
    'docs-intro.txt',
    'docs-usage.txt',
    'final.txt',
    'impl-a.txt',
    'impl-b.txt',
    'orchestra.yaml',
    'plan.txt',
  ];

  it.skipIf(noJobCommand)(
    "the jobs in topological order, each in a fresh clone: the result branch holds every task's work",
    async () => {
      const sim = simulation(setUp(SCRIPT));
      expect(sim.order()).toEqual(['start', 'plan', 'impl', 'docs', 'final', 'integrate']);
      await sim.runAll();
      for (const [job, state] of sim.jobs)
        expect(state.result, `${job}:\n${state.legs.map((l) => l.output).join('\n')}`).toBe('success');
      expect(sim.jobs.get('start')!.outputs).toEqual({ run_id: RUN_ID });
      expect(sim.jobs.get('plan')!.outputs).toEqual({ items: '["a","b"]' });
      expect(sim.jobs.get('impl')!.legs.map((l) => l.matrix)).toEqual([{ item: 'a' }, { item: 'b' }]);
      expect(sim.jobs.get('docs')!.legs.map((l) => l.matrix)).toEqual([{ part: 'intro' }, { part: 'usage' }]);
      for (const [job, state] of sim.jobs)
        if (job !== 'start') for (const leg of state.legs) expect(leg.summary, job).not.toBe('');
      expect(resultFiles()).toEqual([...ALL, '.github/workflows/orchestra-sim.yml'].sort());
    },
    SLOW,
  );

  it.skipIf(noJobCommand)(
    'a failed job: its dependents skip, integrate says so; rerun --remote then integrate again completes the run',
    async () => {
      const sim = simulation(setUp({ ...SCRIPT, 'impl-b': [{ exit: 1 }] }));
      await sim.runAll();
      expect(sim.jobs.get('impl')!.result).toBe('failure');
      expect(sim.jobs.get('final')!.result).toBe('skipped');
      const integrate = sim.jobs.get('integrate')!;
      expect(integrate.result).toBe('failure');
      expect(integrate.legs[0]!.output).toMatch(/impl-b/);

      // On a laptop: fix what failed, rerun it against the remote, then GitHub's "Re-run job".
      writeFileSync(script, JSON.stringify({ log: join(root, 'log.ndjson'), tasks: SCRIPT }));
      const laptop = join(root, 'laptop');
      execFileSync('git', ['clone', '-q', origin, laptop]);
      const rerun = spawnSync(
        process.execPath,
        [CLI, 'rerun', 'impl-b', 'final', '--remote', 'origin', '--run', RUN_ID],
        { cwd: laptop, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
      );
      expect(rerun.status, rerun.stderr).toBe(0);
      expect((await sim.runJob('integrate')).result).toBe('success');
      expect(resultFiles()).toEqual([...ALL, '.github/workflows/orchestra-sim.yml'].sort());
    },
    SLOW,
  );

  it.skipIf(noJobCommand)(
    "a dynamic matrix: one leg per item of the planner's output, each running its instance",
    async () => {
      const sim = simulation(setUp(SCRIPT, DYNAMIC));
      await sim.runAll();
      const impl = sim.jobs.get('impl')!;
      expect(impl.legs.map((l) => l.matrix)).toEqual([{ item: 'a' }, { item: 'b' }]);
      expect(impl.result, impl.legs.map((l) => l.output).join('\n')).toBe('success');
      expect(sim.jobs.get('integrate')!.result).toBe('success');
      expect(resultFiles()).toEqual([...ALL, '.github/workflows/orchestra-sim.yml'].sort());
    },
    SLOW,
  );

  it.skipIf(noJobCommand)(
    'a planner that found nothing: GitHub skips the jobs its if: rules out, and the run still succeeds',
    async () => {
      const sim = simulation(setUp({ ...SCRIPT, plan: [{ output: 'items=[]\n' }] }, DYNAMIC));
      await sim.runAll();
      expect(sim.jobs.get('impl')!.result).toBe('skipped');
      expect(sim.jobs.get('final')!.result).toBe('skipped');
      const integrate = sim.jobs.get('integrate')!;
      // Skipped tasks do not fail a run (README: Outputs, conditions and matrices).
      expect(integrate.result, integrate.legs[0]?.output).toBe('success');
      expect(resultFiles()).toEqual(
        [
          '.github/workflows/orchestra-sim.yml',
          'README.md',
          'docs-intro.txt',
          'docs-usage.txt',
          'orchestra.yaml',
        ].sort(),
      );
    },
    SLOW,
  );

  it('the simulation itself: needs, outputs, conditions, matrices and inputs reach the commands (a fake orchestra)', async () => {
    const yaml = setUp(SCRIPT, DYNAMIC);
    const log = join(root, 'fake.ndjson');
    const sim = new ActionsSimulation(yaml, {
      origin,
      workDir: join(root, 'runner'),
      cli: FAKE,
      githubRunId: '4242',
      inputs: { greeting: 'hi there' },
      env: { FAKE_LOG: log, FAKE_OUTPUTS: JSON.stringify({ plan: 'items<<EOF\n["a","b"]\nEOF\n' }) },
    });
    await sim.runAll();
    const calls = readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { args: string[]; cwd: string; key: string | null });
    const common = ['--run-id', RUN_ID, '--remote', 'origin', '-f', 'orchestra.yaml'];
    // Matrix legs run at once, so their order in the log is not fixed.
    const sorted = (l: string[][]) => l.map((a) => JSON.stringify(a)).sort();
    expect(sorted(calls.map((c) => c.args))).toEqual(
      sorted([
        ['job', '--start', ...common, '--var', 'greeting=hi there'],
        ['job', 'plan', ...common],
        ['job', 'impl', ...common, '--matrix', '{\n  "item": "a"\n}'],
        ['job', 'impl', ...common, '--matrix', '{\n  "item": "b"\n}'],
        ['job', 'docs', ...common, '--matrix', '{\n  "part": "intro"\n}'],
        ['job', 'docs', ...common, '--matrix', '{\n  "part": "usage"\n}'],
        ['job', 'final', ...common],
        ['job', '--integrate', ...common],
      ]),
    );
    expect(calls[0]!.args[1]).toBe('--start');
    expect(calls[1]!.args[1]).toBe('plan');
    expect(calls.at(-1)!.args[1]).toBe('--integrate');
    // Each job in its own clone; no credential but from secrets (none here).
    expect(new Set(calls.map((c) => c.cwd)).size).toBe(calls.length);
    expect(calls.every((c) => c.key === null)).toBe(true);

    // A planner that found nothing: GitHub skips the matrix job and what needs it; integrate runs.
    const empty = new ActionsSimulation(yaml, {
      origin,
      workDir: join(root, 'runner-2'),
      cli: FAKE,
      env: { FAKE_LOG: join(root, 'fake-2.ndjson'), FAKE_OUTPUTS: JSON.stringify({ plan: 'items=[]\n' }) },
    });
    await empty.runAll();
    expect(Object.fromEntries([...empty.jobs].map(([j, s]) => [j, s.result]))).toEqual({
      start: 'success',
      plan: 'success',
      impl: 'skipped',
      docs: 'success',
      final: 'skipped',
      integrate: 'success',
    });
  });
});
