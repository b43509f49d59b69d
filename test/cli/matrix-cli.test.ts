import { afterEach, describe, expect, it } from 'vitest';
import { cli, readRunRecord, runIdOf } from '../support/cli.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

const record = (runId: string) => readRunRecord(fx.repo, runId);

const STATIC = `${HEADER}tasks:
  build:
    agent: bot
    prompt: "build \${{ matrix.pkg }} on node \${{ matrix.node }}\${{ matrix.extra }}"
    matrix:
      pkg: [core, cli]
      node: [20, 22]
      exclude: [{ pkg: cli, node: 20 }]
      include: [{ pkg: core, node: 22, extra: " (with extra)" }, { pkg: "Web UI", node: 22, extra: "" }]
    if: "\${{ matrix.pkg != 'cli' }}"
  check:
    run: 'printf "%s" "$PKG" > "pkg-$PKG.txt"'
    env: { PKG: "\${{ matrix.pkg }}" }
    matrix: { pkg: [core, cli] }
  review: { agent: bot, prompt: review, needs: [build, check], if: "\${{ always() && !failure() }}" }
`;

describe('matrix: one task per combination', () => {
  it('static: include/exclude as GitHub, ref-safe ids, matrix values in prompt/run/env/if, needs every instance', () => {
    fx = new RunFixture();
    const file = fx.setup(STATIC, {});
    const graph = cli(['graph', '-f', file, '--format', 'json'], fx.repo);
    expect(graph.code).toBe(0);
    const ids = (JSON.parse(graph.stdout) as { tasks: { id: string }[] }).tasks.map((n) => n.id);
    expect(ids).toEqual([
      'build-core-20',
      'build-core-22-with-extra',
      'build-cli-22',
      'build-web-ui-22',
      'check-core',
      'check-cli',
      'review',
    ]);

    const r = cli(['run', '-f', file, '--json'], fx.repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const prompts = Object.fromEntries(fx.invocations().map((i) => [i.task, i.prompt]));
    expect(prompts).toEqual({
      'build-core-20': 'build core on node 20',
      'build-core-22-with-extra': 'build core on node 22 (with extra)',
      'build-web-ui-22': 'build Web UI on node 22',
      review: 'review',
    });
    const run = record(runIdOf(r.stdout));
    expect(run.tasks['build-cli-22']).toMatchObject({
      status: 'skipped',
      skipped: { condition: "matrix.pkg != 'cli'" },
    });
    expect(fx.show(run.tasks['check-cli']!.branch, 'pkg-cli.txt')).toBe('cli');
    // review needed every instance: it started from all their results.
    expect(run.tasks.review!.status).toBe('succeeded');
    expect(fx.show(run.tasks.review!.branch, 'pkg-core.txt')).toBe('core');
    expect(fx.show(run.tasks.review!.branch, 'pkg-cli.txt')).toBe('cli');

    // A matrix task named as a target stands for its instances.
    const one = cli(['run', 'check', '-f', file, '--json'], fx.repo);
    expect(one.code).toBe(0);
    expect(record(runIdOf(one.stdout)).selected).toEqual(['check-core', 'check-cli']);
  });

  it('validate: an unknown matrix key, a matrix beyond matrix_limit, and no combination are located errors', () => {
    fx = new RunFixture();
    const file = fx.setup(`${HEADER}matrix_limit: 3
tasks:
  a: { agent: bot, prompt: "\${{ matrix.pkgs }}", matrix: { pkg: [x, y] } }
  b: { agent: bot, prompt: b, matrix: { p: [1, 2], q: [1, 2] } }
  c: { agent: bot, prompt: c, matrix: { p: [1], exclude: [{ p: 1 }] } }
  d: { agent: bot, prompt: "\${{ matrix.p }}" }
`);
    const r = cli(['validate', '-f', file], fx.repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown matrix key "pkgs" (did you mean "pkg"?)');
    expect(r.stderr).toContain('the matrix makes 4 tasks, more than the limit of 3');
    expect(r.stderr).toContain('the matrix makes no combination');
    expect(r.stderr).toContain(
      '"matrix.p" is only available in the prompt, run or env of a task with a matrix',
    );
  });
});
