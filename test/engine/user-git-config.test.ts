import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkflow } from '../../src/config/load-workflow.js';
import { rerunWorkflow } from '../../src/engine/continue-run.js';
import { filesAt } from '../support/checkout-state.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

// orchestra's own merges and commits must not depend on how the user set up `git merge` for themselves.
describe.each(['false', 'only'])('the user has merge.ff=%s', (ff) => {
  it('squash integrates, and so does a resume after a red integration gate, leaving no worktree', async () => {
    fx = new RunFixture();
    fx.git('config', 'merge.ff', ff);
    const ready = join(fx.root, 'ready');
    const yaml = `${HEADER}gates:\n  ready: ${JSON.stringify(`test -e ${ready}`)}\ntasks:\n  a: { agent: bot, prompt: x }\n  b: { agent: bot, prompt: y, needs: [a] }\n  c: { agent: bot, prompt: z }\nintegrate:\n  strategy: squash\n  verify: [ready]\n`;
    const script = {
      a: [{ write: { 'a.txt': 'a' } }],
      b: [{ write: { 'b.txt': 'b' } }],
      c: [{ write: { 'c.txt': 'c' } }],
    };
    // Only the user's own checkout: every sandbox is gone (keep: never), the scratch one of integration too.
    const worktrees = () =>
      fx
        .git('worktree', 'list', '--porcelain')
        .split('\n')
        .filter((l) => l.startsWith('worktree '));

    const { result } = await fx.run(yaml, script);

    expect(result.outcome).toBe('failed');
    expect(result.record.integration.failure?.message).toMatch(/integration gate "ready" failed/);
    expect(worktrees()).toEqual([`worktree ${fx.repo}`]);
    writeFileSync(ready, '');
    const loaded = await loadWorkflow(join(fx.root, 'orchestra.yaml'));
    if (!loaded.ok) throw new Error('workflow');
    const resumed = await rerunWorkflow(loaded.value, { cwd: fx.repo, command: 'resume' });
    if (!resumed.ok) throw new Error(JSON.stringify(resumed.error));
    expect(resumed.value.outcome).toBe('succeeded');
    const branch = resumed.value.record.integration.branch;
    expect(filesAt(fx.repo, branch)).toEqual(['README.md', 'a.txt', 'b.txt', 'c.txt']);
    expect(fx.git('rev-list', '--count', `main..${branch}`)).toBe('2');
    expect(worktrees()).toEqual([`worktree ${fx.repo}`]);
    expect(existsSync(join(fx.sandboxes, result.runId, '_integration'))).toBe(false);
  });
});
