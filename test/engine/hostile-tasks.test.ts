import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extraWorktrees, HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

describe('tasks that damage their own sandbox', () => {
  // Git refuses to remove a worktree whose .git file is gone: the folder and its registration were
  // left behind while the record said the sandbox was removed.
  it('removes a sandbox whose .git the task deleted, folder and registration', async () => {
    fx = new RunFixture();
    const { result } = await fx.run(`${HEADER}tasks:\n  nogit: { run: "rm -rf .git; echo x > x.txt" }\n`);
    const task = result.record.tasks.nogit!;
    expect(task.status).toBe('failed');
    expect(task.sandbox).toBeUndefined();
    expect(existsSync(join(fx.sandboxes, result.runId, 'nogit'))).toBe(false);
    expect(extraWorktrees(fx)).toEqual([]);
  });

  // Spawning git in a folder that is gone fails with ENOENT, which read "cannot run git: spawn git
  // ENOENT", as if git were not installed.
  it('says the sandbox folder is gone when the task deleted it', async () => {
    fx = new RunFixture();
    const { result } = await fx.run(
      `${HEADER}tasks:\n  gone: { run: "cd .. && rm -rf \\"$ORCHESTRA_SANDBOX\\"" }\n`,
    );
    const task = result.record.tasks.gone!;
    expect(task.status).toBe('failed');
    const sandbox = join(fx.sandboxes, result.runId, 'gone');
    expect(task.failure?.message).toBe(`cannot run git in ${sandbox}: the folder does not exist (any more)`);
    expect(extraWorktrees(fx)).toEqual([]);
  });
});
