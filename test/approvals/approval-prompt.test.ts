import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readDecision } from '../../src/approvals/decision.js';
import { ApprovalPrompt } from '../../src/cli/approval-prompt.js';
import type { EngineEvent } from '../../src/events/engine-event.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const started = (runDir: string): EngineEvent => ({
  type: 'run-started',
  time: 0,
  runId: 'r1',
  workflow: 'w',
  runDir,
  baseCommit: 'abc',
  tasks: ['ship'],
  reused: [],
  finishedEarlier: [],
  concurrency: 1,
  warnings: [],
});

async function until<T>(get: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await get();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out');
}

describe('the terminal approval prompt', () => {
  it('asks y/n and a note, re-asks on other answers, and writes the decision', async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'orchestra-prompt-'));
    dirs.push(runDir);
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (c: Buffer) => (shown += c.toString()));
    const prompt = new ApprovalPrompt(input, output);
    prompt.onEvent(started(runDir));
    prompt.onEvent({ type: 'approval-waiting', time: 0, runId: 'r1', task: 'ship', text: 'Ship it?' });
    input.write('maybe\nn\nnot yet\n');
    const decision = await until(() => readDecision(runDir, 'ship'));
    expect(decision).toMatchObject({ decision: 'rejected', note: 'not yet' });
    expect(shown).toContain('approval "ship": Ship it?\napprove? [y/n] ');
    expect(shown.match(/approve\? \[y\/n\]/g)).toHaveLength(2);
    expect(shown).toContain('note (optional, Enter for none): ');
  });

  it('stops asking when the task is decided elsewhere', () => {
    const runDir = mkdtempSync(join(tmpdir(), 'orchestra-prompt-'));
    dirs.push(runDir);
    const input = new PassThrough();
    const output = new PassThrough();
    const prompt = new ApprovalPrompt(input, output);
    prompt.onEvent(started(runDir));
    prompt.onEvent({ type: 'approval-waiting', time: 0, runId: 'r1', task: 'ship', text: 'Ship it?' });
    prompt.onEvent({
      type: 'task-finished',
      time: 0,
      task: 'ship',
      status: 'succeeded',
      attempts: 0,
      durationMs: 0,
    });
    expect(input.listenerCount('data')).toBe(0);
  });
});
