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
