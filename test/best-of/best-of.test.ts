import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkflow } from '../../src/config/load-workflow.js';
import { rerunWorkflow } from '../../src/engine/continue-run.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

/** A gate that passes when the sandbox holds ok.txt. */
const GATES = `gates:\n  ok: test -f ok.txt\n`;

describe('best_of', () => {
  it('takes the second candidate when only it passes its gate; the branches stay per candidate', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}concurrency: 3\n${GATES}tasks:\n  feat: { agent: bot, prompt: do it, verify: [ok], best_of: 3 }\n`;
    const meet = { dir: join(fx.root, 'meet'), count: 3 };
    const { result } = await fx.run(yaml, {
      'feat/candidate-1': [{ meet, write: { 'one.txt': '1' } }],
      'feat/candidate-2': [{ meet, sleepMs: 500, write: { 'ok.txt': '2' } }],
      'feat/candidate-3': [{ meet, write: { 'three.txt': '3' } }],
    });
    expect(result.outcome).toBe('succeeded');
    const tasks = result.record.tasks;
    const run = result.runId;
    expect(tasks.feat).toMatchObject({
      status: 'succeeded',
      winner: 'feat/candidate-2',
      branch: `orchestra/tasks/${run}/feat/candidate-2`,
      candidates: ['feat/candidate-1', 'feat/candidate-2', 'feat/candidate-3'],
    });
    expect(tasks['feat/candidate-1']!.status).toBe('failed');
    expect(tasks['feat/candidate-1']!.failure?.reason).toBe('gate-failed');
    // Failed, or stopped when the second won first.
    expect(['failed', 'cancelled']).toContain(tasks['feat/candidate-3']!.status);
    // All three ran at once: each saw the others arrive (no timing assertion).
    expect(fx.invocations().map((i) => i.met)).toEqual([true, true, true]);
    // Each candidate has its own log folder and branch; the result is the winner's.
    for (const n of [1, 2, 3]) {
      expect(existsSync(join(result.runDir, `logs/feat/candidate-${n}/attempt-1.log`))).toBe(true);
      expect(fx.git('branch', '--list', `orchestra/tasks/${run}/feat/candidate-${n}`)).not.toBe('');
    }
    expect(fx.show(result.record.integration.branch, 'ok.txt')).toBe('2');
    expect(fx.git('branch', '--list', `orchestra/tasks/${run}/feat`)).toBe('');
  });

  it('pick: first cancels the other candidates at once and records them lost', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}${GATES}tasks:\n  feat: { agent: bot, prompt: do it, verify: [ok], best_of: 3 }\n  after: { agent: bot, prompt: next, needs: [feat] }\n`;
    const meet = { dir: join(fx.root, 'meet'), count: 2 };
    const { result } = await fx.run(
      yaml,
      {
        'feat/candidate-1': [{ meet, sleepMs: 60_000 }],
        'feat/candidate-2': [{ meet, write: { 'ok.txt': '2' }, say: 'two won' }],
      },
      { concurrency: 2 },
    );
    expect(result.outcome).toBe('succeeded');
    const tasks = result.record.tasks;
    expect(tasks['feat/candidate-1']).toMatchObject({ status: 'cancelled', lost: true });
    // Never started: the winner came before a slot freed.
    expect(tasks['feat/candidate-3']).toMatchObject({ status: 'cancelled', lost: true, attempts: [] });
    expect(fx.invocations().filter((i) => i.task === 'feat/candidate-3')).toEqual([]);
    // The dependent starts from the winner and reads its summary.
    const after = fx.invocations().find((i) => i.task === 'after')!;
    expect(after).toBeDefined();
    expect(tasks.after!.startCommit).toBe(tasks['feat/candidate-2']!.commit);
  });

  it('pick: smallest lets every candidate finish and takes the green one with the smallest diff', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}${GATES}tasks:\n  feat: { agent: bot, prompt: do it, verify: [ok], best_of: 3, pick: smallest }\n`;
    const { result } = await fx.run(yaml, {
      'feat/candidate-1': [{ write: { 'ok.txt': 'a\nb\nc\nd\n' } }],
      'feat/candidate-2': [{ write: { 'ok.txt': 'a\n', 'x.txt': 'x\n' } }],
      'feat/candidate-3': [{ write: { 'ok.txt': 'a\n' } }],
    });
    expect(result.outcome).toBe('succeeded');
    const tasks = result.record.tasks;
    for (const n of [1, 2, 3]) expect(tasks[`feat/candidate-${n}`]!.status).toBe('succeeded');
    expect(tasks.feat!.winner).toBe('feat/candidate-3');
  });

  it('lets a judge role choose among the green candidates through ORCHESTRA_OUTPUT', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}${GATES}roles:\n  judge: { agent: bot }\ntasks:\n  feat: { agent: bot, prompt: do it, verify: [ok], best_of: 3, pick: { role: judge } }\n`;
    const { result } = await fx.run(yaml, {
      'feat/candidate-1': [{ write: { 'ok.txt': 'one\n' } }],
      'feat/candidate-2': [{ write: { 'nothing.txt': 'red\n' } }],
      'feat/candidate-3': [{ write: { 'ok.txt': 'three\n' } }],
      'feat/judge': [{ output: 'winner=3\n' }],
    });
    expect(result.outcome).toBe('succeeded');
    expect(result.record.tasks.feat!.winner).toBe('feat/candidate-3');
    const prompt = fx.invocations().find((i) => i.task === 'feat/judge')!.prompt;
    // Green candidates only, with their diffs and gate results.
    expect(prompt).toContain('# Candidate 1');
    expect(prompt).toContain('+three');
    expect(prompt).toContain('ok: passed');
    expect(prompt).not.toContain('# Candidate 2');
  });

  it('fails the task when the judge names no valid winner, pointing at its output', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}${GATES}roles:\n  judge: { agent: bot }\ntasks:\n  feat: { agent: bot, prompt: do it, verify: [ok], best_of: 2, pick: { role: judge } }\n`;
    const { result } = await fx.run(yaml, {
      'feat/candidate-1': [{ write: { 'ok.txt': 'one\n' } }],
      'feat/candidate-2': [{ write: { 'ok.txt': 'two\n' } }],
      'feat/judge': [{ output: 'winner=7\n', say: 'I like seven' }],
    });
    expect(result.outcome).toBe('failed');
    const failure = result.record.tasks.feat!.failure!;
    expect(failure.message).toContain('named no valid winner: it wrote "winner=7"');
    expect(failure.message).toContain('green candidates: 1, 2');
    expect(failure.message).toContain(join('logs', 'feat', 'judge', 'attempt-1.log'));
  });

  it('draws each candidate from its own agent’s pool, and a rerun runs them all again', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}  slow:\n    command: AGENT_COMMAND\n    concurrency: 1\nconcurrency: 4\n${GATES}tasks:
  feat: { agent: bot, prompt: go, verify: [ok], best_of: [{ agent: slow }, { agent: slow }, {}], pick: smallest }
`;
    const step = [{ sleepMs: 300, write: { 'ok.txt': 'ok\n' } }];
    const script = { 'feat/candidate-1': step, 'feat/candidate-2': step, 'feat/candidate-3': step };
    const { result } = await fx.run(yaml, script);
    expect(result.outcome).toBe('succeeded');
    expect(fx.peakConcurrency((i) => i.task !== 'feat/candidate-3')).toBe(1);

    const file = fx.setup(yaml, script);
    const loaded = await loadWorkflow(file);
    if (!loaded.ok) throw new Error('does not load');
    const again = await rerunWorkflow(loaded.value, {
      cwd: fx.repo,
      runId: result.runId,
      tasks: ['feat'],
      command: 'rerun',
    });
    if (!again.ok) throw new Error(JSON.stringify(again.error));
    expect(again.value.outcome).toBe('succeeded');
    expect(fx.invocations()).toHaveLength(6);
    const feat = again.value.record.tasks.feat!;
    expect(feat.commit).toBe(again.value.record.tasks[feat.winner!]!.commit);
  });

  it('gives candidates their task’s critical-path turn for a slot', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}concurrency: 1\n${GATES}tasks:
  solo: { agent: bot, prompt: s }
  feat: { agent: bot, prompt: go, verify: [ok], best_of: 2 }
  next: { agent: bot, prompt: n, needs: [feat] }
`;
    const { result } = await fx.run(yaml, {
      'feat/candidate-1': [{ write: { 'ok.txt': '1' } }],
      'feat/candidate-2': [{ write: { 'ok.txt': '2' } }],
    });
    expect(result.outcome).toBe('succeeded');
    // feat heads the longer chain: its candidates are in line before solo, written first.
    const order = fx.invocations().map((i) => i.task);
    expect(order[0]).toBe('feat/candidate-1');
    expect(order.sort()).toEqual(['feat/candidate-1', 'next', 'solo']);
    expect(result.record.tasks['feat/candidate-2']).toMatchObject({ status: 'cancelled', lost: true });
  });

  it('fails the task when no candidate passes, naming each one', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}${GATES}tasks:\n  feat: { agent: bot, prompt: do it, verify: [ok], best_of: 2 }\n`;
    const { result } = await fx.run(yaml, {});
    expect(result.outcome).toBe('failed');
    expect(result.record.tasks.feat!.failure?.message).toMatch(
      /no candidate passed: candidate-1: gate "ok" failed.*candidate-2: gate "ok" failed/,
    );
  });
});
