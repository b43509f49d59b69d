import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import { cli, readRunRecord, runIdOf } from '../support/cli.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

const events = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EngineEvent);
const finished = (es: EngineEvent[], task: string) =>
  es.find(
    (e): e is Extract<EngineEvent, { type: 'task-finished' }> =>
      e.type === 'task-finished' && e.task === task,
  )!;
const record = (runId: string) => readRunRecord(fx.repo, runId);
const promptOf = (task: string) => fx.invocations().find((i) => i.task === task)?.prompt;

describe('outputs: ORCHESTRA_OUTPUT → ${{ tasks.<id>.outputs.<name> }}', () => {
  it('agent and run: tasks write name=value and heredocs; dependents read them; recorded and shown', () => {
    fx = new RunFixture();
    const file = fx.setup(
      `${HEADER}tasks:
  plan: { agent: bot, prompt: plan it }
  count: { run: 'printf "files=3\\n" >> "$ORCHESTRA_OUTPUT"; s=$(git status --porcelain); printf %s "$s" > status.txt' }
  build:
    agent: bot
    needs: [plan, count]
    prompt: "go=\${{ tasks.plan.outputs.go }} notes=\${{ tasks.plan.outputs.notes }} files=\${{ tasks.count.outputs.files }} none=[\${{ tasks.plan.outputs.nothing }}]"
`,
      {
        plan: [{ write: { 'plan.md': 'p' }, output: 'go=yes\nnotes<<EOF\nline one\nline two\nEOF\n' }],
        build: [{ write: { 'b.txt': 'b' } }],
      },
    );
    const r = cli(['run', '-f', file, '--json'], fx.repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(promptOf('build')).toBe('go=yes notes=line one\nline two files=3 none=[]');
    const es = events(r.stdout);
    expect(finished(es, 'plan').outputs).toEqual({ go: 'yes', notes: 'line one\nline two' });
    const runId = runIdOf(r.stdout);
    expect(record(runId).tasks.count!.outputs).toEqual({ files: '3' });
    // The output file is outside the sandbox: the command's `git status` did not see it.
    expect(fx.show(record(runId).tasks.count!.branch, 'status.txt')).toBe('');

    const status = cli(['status'], fx.repo);
    expect(status.stdout).toMatch(/^plan\s+succeeded.*outputs: go=yes, notes=line one…/m);
    const plain = cli(['rerun', 'build', '--run', runId], fx.repo);
    expect(plain.code).toBe(0);
    // A rerun keeps the outputs of the tasks it does not run.
    expect(
      fx
        .invocations()
        .filter((i) => i.task === 'build')
        .map((i) => i.prompt),
    ).toEqual([
      'go=yes notes=line one\nline two files=3 none=[]',
      'go=yes notes=line one\nline two files=3 none=[]',
    ]);
  });

  it('plain lines show the outputs; a malformed output file fails the attempt, saying which line', () => {
    fx = new RunFixture();
    const file = fx.setup(
      `${HEADER}tasks:\n  plan: { agent: bot, prompt: plan it }\n  bad: { agent: bot, prompt: bad }\n`,
      {
        plan: [{ write: { 'p.md': 'p' }, output: 'go=yes\n' }],
        bad: [{ write: { 'b.md': 'b' }, output: 'ok=1\nnotes<<END\nnever ended\n' }],
      },
    );
    const r = cli(['run', '-f', file], fx.repo);
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/plan.*outputs: go=yes/);
    expect(out).toContain('output-invalid');
    expect(out).toMatch(/line 2: no line "END" ends the value of "notes"/);
  });

  it('validate: an output of a task that is not needed, or of no task, is a located error (exit 2)', () => {
    fx = new RunFixture();
    const file = fx.setup(`${HEADER}tasks:
  plan: { agent: bot, prompt: plan }
  other: { agent: bot, prompt: "\${{ tasks.plan.outputs.go }}" }
  third: { agent: bot, prompt: "\${{ tasks.nope.outputs.go }}", needs: [plan] }
`);
    const r = cli(['validate', '-f', file], fx.repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"tasks.plan.outputs.go" is not available: "other" does not need "plan"');
    expect(r.stderr).toContain('unknown task "nope" in "tasks.nope.outputs.go"');
    expect(r.stderr).toMatch(/orchestra\.yaml:11:33/);
  });
});

describe('if: conditions', () => {
  const WORKFLOW = `${HEADER}vars:
  mode: fast
tasks:
  plan: { agent: bot, prompt: plan }
  go: { agent: bot, prompt: go, needs: [plan], if: "\${{ tasks.plan.outputs.go == 'yes' }}" }
  after-go: { agent: bot, prompt: after, needs: [go] }
  cleanup: { agent: bot, prompt: cleanup, needs: [after-go], if: "\${{ always() }}" }
  slow: { agent: bot, prompt: slow, needs: [plan], if: vars.mode != 'fast' }
  report: { agent: bot, prompt: "\${{ tasks.plan.summary }}", needs: [plan], if: "\${{ startsWith(tasks.plan.summary, 'plan') && contains(fromJSON('[\\"a\\"]'), 'a') }}" }
`;

  it('false: skipped with the expression; dependents skipped; always() still runs; the run succeeds', () => {
    fx = new RunFixture();
    const file = fx.setup(WORKFLOW, {
      plan: [{ write: { 'p.md': 'p' }, output: 'go=no\n', say: 'plan done' }],
    });
    const r = cli(['run', '-f', file, '--json'], fx.repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const es = events(r.stdout);
    expect(finished(es, 'go')).toMatchObject({
      status: 'skipped',
      skipped: { condition: "tasks.plan.outputs.go == 'yes'" },
    });
    expect(finished(es, 'after-go')).toMatchObject({ status: 'skipped', skipped: { need: 'go' } });
    expect(finished(es, 'cleanup').status).toBe('succeeded');
    expect(finished(es, 'slow')).toMatchObject({
      status: 'skipped',
      skipped: { condition: "vars.mode != 'fast'" },
    });
    expect(finished(es, 'report').status).toBe('succeeded');
    expect(
      fx
        .invocations()
        .map((i) => i.task)
        .sort(),
    ).toEqual(['cleanup', 'plan', 'report']);
    // Integration takes the results there are.
    const done = es.find(
      (e): e is Extract<EngineEvent, { type: 'run-finished' }> => e.type === 'run-finished',
    )!;
    expect(fx.show(done.resultBranch!, 'p.md')).toBe('p');

    const status = cli(['status'], fx.repo);
    expect(status.stdout).toMatch(
      /^go\s+skipped.*skipped \(if: tasks\.plan\.outputs\.go == 'yes' was false\)/m,
    );
    expect(status.stdout).toMatch(/^after-go\s+skipped.*needs go, which was skipped/m);
    // A rerun tells tasks skipped earlier from reused ones, and keeps them skipped.
    const again = cli(['rerun', 'report', '--run', runIdOf(r.stdout), '--json'], fx.repo);
    expect(again.code).toBe(0);
    const started = events(again.stdout)[0] as Extract<EngineEvent, { type: 'run-started' }>;
    expect(started.reused).toEqual([]);
    expect(started.finishedEarlier).toContainEqual({ task: 'go', status: 'skipped' });
    expect(finished(events(again.stdout), 'report').status).toBe('succeeded');
    const plain = cli(['run', '-f', file, '--var', 'mode=slow'], fx.repo);
    expect(plain.code).toBe(0);
    const out = plain.stdout + plain.stderr;
    expect(out).toMatch(/go.*skipped \(if: tasks\.plan\.outputs\.go == 'yes' was false\)/);
    expect(out).toMatch(/slow.*succeeded/);
  });

  it('failure() runs after a failed need, and success() is false then; the run fails', () => {
    fx = new RunFixture();
    const file = fx.setup(
      `${HEADER}tasks:
  build: { agent: bot, prompt: build }
  on-fail: { agent: bot, prompt: "status=\${{ tasks.build.summary }}", needs: [build], if: "\${{ failure() && tasks.build.status == 'failed' }}" }
  on-ok: { agent: bot, prompt: ok, needs: [build], if: "\${{ success() }}" }
  any: { agent: bot, prompt: any, needs: [build], if: "\${{ always() && !success() }}" }
`,
      { build: [{ exit: 3, say: 'broke' }], 'on-fail': [{ write: { 'f.md': 'f' } }] },
    );
    const r = cli(['run', '-f', file, '--json'], fx.repo);
    expect(r.code).toBe(1);
    const es = events(r.stdout);
    expect(finished(es, 'on-fail').status).toBe('succeeded');
    expect(promptOf('on-fail')).toBe('status=broke');
    expect(finished(es, 'on-ok')).toMatchObject({ status: 'blocked', blockedBy: 'build' });
    expect(finished(es, 'any').status).toBe('succeeded');
  });

  it('validate: a syntax error, an unknown function or reference is a located error (exit 2)', () => {
    fx = new RunFixture();
    const file = fx.setup(`${HEADER}tasks:
  plan: { agent: bot, prompt: plan }
  a: { agent: bot, prompt: a, needs: [plan], if: "\${{ tasks.plan.outputs.go == }}" }
  b: { agent: bot, prompt: b, needs: [plan], if: "\${{ bogus() }}" }
  c: { agent: bot, prompt: c, if: "\${{ tasks.plan.outputs.go == 'y' }}" }
  d: { agent: bot, prompt: d, needs: [plan], if: "\${{ github.sha }}" }
  e: { agent: bot, prompt: e, needs: [plan], if: "\${{ vars.nope || tasks.plan.color || matrix.x }}" }
  cleanup: { agent: bot, prompt: f, needs: [plan], if: "\${{ always() && Cancelled() }}" }
`);
    const r = cli(['validate', '-f', file], fx.repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read the condition: Unexpected end of expression');
    expect(r.stderr).toContain("cannot read the condition: Unrecognized function: 'bogus'");
    expect(r.stderr).toContain('"tasks.plan.outputs" is not available: "c" does not need "plan"');
    expect(r.stderr).toContain("cannot read the condition: Unrecognized named-value: 'github'");
    expect(r.stderr).toContain('unknown field "color" in "tasks.plan.color"');
    expect(r.stderr).toContain('unknown variable "nope"');
    expect(r.stderr).toContain('"matrix.x": task "e" has no matrix');
    expect(r.stderr).toMatch(/orchestra\.yaml:13:40/);
    // GitHub's cancelled() could never be true: a cancelled run starts nothing more. Located at it.
    expect(r.stderr).toContain(
      'tasks.cleanup.if: Cancelled() would never be true: a cancelled run (Ctrl-C, orchestra cancel, a spent budget) starts no further task',
    );
    expect(r.stderr).toMatch(
      /orchestra\.yaml:14:\d+[^\n]*\n(.*\n)*?\s+\|\s+\^{10}\n\s+hint: drop it: always\(\) runs/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
