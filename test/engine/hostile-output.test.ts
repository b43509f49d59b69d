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
