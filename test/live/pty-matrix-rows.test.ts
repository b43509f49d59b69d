import { afterEach, describe, expect, it } from 'vitest';
import { plain } from '../reporters/capture.js';
import { PtyCli } from '../support/pty.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;

/** The tree as last drawn (after the renderer's last return to the first column), then the summary. */
function lastFrame(run: PtyCli): string {
  return plain(run.output.slice(run.output.lastIndexOf('\u001b[G'))).replace(/\r/g, '');
}
afterEach(() => fx?.cleanup());

describe('the live view in a terminal', () => {
  it('draws a row per dynamic matrix instance under its matrix task, once the planner decided them', async () => {
    fx = new RunFixture();
    const file = fx.setup(
      `${HEADER}tasks:
  plan: { agent: bot, prompt: plan }
  implement:
    agent: bot
    needs: [plan]
    matrix: { item: "\${{ fromJSON(tasks.plan.outputs.items) }}" }
    prompt: "implement \${{ matrix.item }}"
  review: { agent: bot, prompt: review, needs: [implement] }
`,
      {
        plan: [{ write: { 'plan.md': '1' }, output: 'items=["core","web"]\n' }],
        'implement-core': [{ say: 'working on core', sleepMs: 1500, write: { 'core.txt': 'core' } }],
        'implement-web': [{ exit: 1 }],
      },
    );
    const run = new PtyCli(['run', '-f', file], fx.repo);
    // While they run: the instances are rows of their own, under the matrix task's.
    await run.waitFor(/ {2}\S+ implement-core\s+(agent|starting|sandbox)/, 30_000);
    expect(await run.exited).toBe(1);
    const final = lastFrame(run);
    expect(final).toMatch(/\n\S+ implement\s+failed[^\n]*\n {2}\S+ implement-core\s+succeeded/);
    expect(final).toMatch(/\n {2}\S+ implement-web\s+failed/);
    expect(final).toContain('matrix-failed: 1 of 2 instances did not succeed: implement-web');
    expect(final).toMatch(/review\s+blocked/);
  });

  it("draws a best_of task's candidates as rows under it", async () => {
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
    const final = lastFrame(run);
    expect(final).toMatch(
      /^\S+ feat\s+succeeded[^\n]*\n {2}\S+ feat\/candidate-1\s+succeeded[^\n]*\n {2}\S+ feat\/candidate-2\s+succeeded/,
    );
  });
});
