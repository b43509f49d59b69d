import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

describe('what a task prints, handed to the tasks after it', () => {
  // No argument or environment variable can hold a NUL byte: spawning every dependent failed, with a
  // message that blamed the dependent's agent.
  it('replaces NUL bytes of a summary by U+FFFD in the prompt, the env and a command line', async () => {
    fx = new RunFixture();
    const { result } = await fx.run(
      `${HEADER}tasks:
  a:
    run: printf 'done\\000x\\n'
  b:
    needs: [a]
    agent: bot
    prompt: "S=\${{ tasks.a.summary }}"
    env: { SUMMARY: "\${{ tasks.a.summary }}" }
  c:
    needs: [a]
    run: printf '%s' "\${{ tasks.a.summary }}|$SUMMARY" > seen.txt
    env: { SUMMARY: "\${{ tasks.a.summary }}" }
`,
    );
    expect(result.record.tasks.a?.usage?.summary).toBe('done\0x');
    expect(result.outcome).toBe('succeeded');
    expect(fx.invocations().find((i) => i.task === 'b')?.prompt).toBe('S=done\uFFFDx');
    expect(fx.show(result.record.tasks.c!.commit!, 'seen.txt')).toBe('done\uFFFDx|done\uFFFDx');
  });
});

describe('a prompt too long for a command-line argument', () => {
  // 300 KiB: over Linux's 128 KiB per argument. It failed as "agent-not-found".
  const prompt = 'p'.repeat(300 * 1024);

  it('fails an agent that takes it in argv saying so, once, and names stdin', async () => {
    fx = new RunFixture();
    const { result } = await fx.run(
      `${HEADER}tasks:\n  big: { agent: bot, prompt: ${prompt}, retries: 2 }\n`,
    );
    const task = result.record.tasks.big!;
    expect(task.status).toBe('failed');
    expect(task.attempts).toHaveLength(1);
    expect(task.failure?.reason).toBe('agent-failed');
    expect(task.failure?.message).toBe(
      'the agent (bot) could not start: the prompt (300 KiB) is too long to pass to agent "bot" as a ' +
        'command-line argument (at most 128 KiB each); give it the prompt on stdin instead: ' +
        '"stdin: true" and no ${{ prompt }} in its command',
    );
  });

  it('reaches an agent that reads it on stdin whole', async () => {
    fx = new RunFixture();
    const { result } = await fx.run(
      `version: 1\nsandbox: { dir: SANDBOX_DIR, keep: never }\nagents:\n  reader:\n    command: [sh, -c, "wc -c > got.txt"]\n    stdin: true\ntasks:\n  big: { agent: reader, prompt: ${prompt} }\n`,
    );
    expect(result.record.tasks.big?.status).toBe('succeeded');
    expect(fx.show(result.record.tasks.big!.commit!, 'got.txt').trim()).toBe(String(prompt.length));
  });
});

/** Whether a small tmpfs can be mounted here (root, and a kernel and container that allow it). */
function canMountTmpfs(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'orchestra-mount-'));
  try {
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).status !== 0) return false;
    spawnSync('umount', [dir]);
    return true;
  } finally {
    rmdirSync(dir);
  }
}

const tmpfs = canMountTmpfs();
if (!tmpfs) {
  // Say it out loud: a skipped test is easy to mistake for a passing one.
  // eslint-disable-next-line no-console
  console.warn('cannot mount a tmpfs here (not root?): the disk-full test is skipped');
}

describe.skipIf(!tmpfs)('a disk that fills up', () => {
  // The agent's log filled the disk; the next write of run.json failed and the whole run died.
  it('fails the task whose log (or gate log) filled it, runs the others, and keeps the record readable', async () => {
    fx = new RunFixture();
    const runs = join(fx.repo, '.orchestra', 'runs');
    mkdirSync(runs, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', runs]);
    try {
      const { result } = await fx.run(
        `${HEADER}concurrency: 1\ngates:\n  fill: "head -c 2000000 /dev/zero; sleep 30"\ntasks:\n` +
          `  big: { run: "head -c 2000000 /dev/zero | tr '\\\\0' x; echo; echo last words; sleep 30", retries: 2 }\n` +
          '  after: { needs: [big], run: "echo x > x.txt" }\n' +
          '  gated: { run: "true", verify: [fill], retries: 2 }\n' +
          '  other: { run: "echo other > o.txt" }\n',
      );
      const big = result.record.tasks.big!;
      expect(big.status).toBe('failed');
      expect(big.attempts).toHaveLength(1);
      expect(big.failure?.reason).toBe('disk-full');
      expect(big.failure?.message).toMatch(
        /^the disk is full \(ENOSPC\): log file .*attempt-1\.log keeps only/,
      );
      expect(result.record.tasks.after?.status).toBe('blocked');
      // A gate's log filling the disk fails its task the same way.
      const gated = result.record.tasks.gated!;
      expect(gated.attempts).toHaveLength(1);
      expect(gated.failure?.reason).toBe('disk-full');
      expect(gated.failure?.message).toMatch(/attempt-1\.gate-fill\.log keeps only/);
      expect(result.record.tasks.other?.status).toBe('succeeded');
      const dir = join(runs, result.runId);
      expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'))).toMatchObject({
        tasks: { big: { status: 'failed' }, other: { status: 'succeeded' } },
      });
      const log = readFileSync(join(dir, big.attempts[0]!.log), 'utf8');
      expect(log).toMatch(/^\[orchestra: the disk filled up while this log was written/);
      expect(log.length).toBeLessThan(20_000);
    } finally {
      execFileSync('umount', [runs]);
    }
  });
});
