import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import { cli } from '../support/cli.js';
import { PtyCli } from '../support/pty.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

describe('best_of on the command line', () => {
  it('status shows the candidates, the winner and the lost ones; clean --branches removes theirs', () => {
    fx = new RunFixture();
    const meet = { dir: join(fx.root, 'meet'), count: 2 };
    const file = fx.setup(
      `${HEADER}gates:\n  ok: test -f ok.txt\ntasks:\n  feat: { agent: bot, prompt: go, verify: [ok], best_of: 3 }\n`,
      {
        'feat/candidate-1': [{ meet, sleepMs: 60_000 }],
        'feat/candidate-2': [{ meet, write: { 'ok.txt': 'yes' } }],
      },
    );
    const r = cli(['run', '-f', file, '--json', '--concurrency', '2'], fx.repo);
    expect(r.code).toBe(0);
    const runId = (JSON.parse(r.stdout.split('\n')[0]!) as Extract<EngineEvent, { type: 'run-started' }>)
      .runId;
    const s = cli(['status'], fx.repo);
    expect(s.stdout).toMatch(/^feat\s+succeeded\s.*winner: feat\/candidate-2/m);
    expect(s.stdout).toMatch(/^feat\/candidate-1\s+cancelled \(lost\)\s+1\s/m);
    expect(s.stdout).toMatch(/^feat\/candidate-2\s+succeeded\s+1\s/m);
    expect(s.stdout).toMatch(/^feat\/candidate-3\s+cancelled \(lost\)\s+0\s/m);
    expect(fx.git('branch', '--list', `orchestra/tasks/${runId}/feat/*`)).toContain('candidate-2');
    expect(cli(['clean', '--branches', '--run', runId], fx.repo).code).toBe(0);
    expect(fx.git('branch', '--list', `orchestra/tasks/${runId}/*`)).toBe('');
  });

  it("in a terminal, the live view draws the candidates as rows under their task's", async () => {
    fx = new RunFixture();
    const file = fx.setup(
      `${HEADER}tasks:\n  feat: { agent: bot, prompt: go, best_of: 2, pick: smallest }\n`,
      {
        'feat/candidate-1': [{ write: { 'a.txt': 'a\nb\n' } }],
        'feat/candidate-2': [{ write: { 'a.txt': 'a\n' } }],
      },
    );
    const run = new PtyCli(['run', '-f', file], fx.repo);
    expect(await run.exited).toBe(0);
    expect(run.lastFrame()).toMatch(
      /^\S+ feat\s+succeeded[^\n]*\n {2}\S+ feat\/candidate-1\s+succeeded[^\n]*\n {2}\S+ feat\/candidate-2\s+succeeded/,
    );
  });
});
