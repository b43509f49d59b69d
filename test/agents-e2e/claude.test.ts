import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { claudeEnv, startAnthropicServer } from '../support/anthropic-server.js';
import type { ModelServer } from '../support/anthropic-server.js';
import { cli, LiveCli } from '../support/cli.js';
import { bash, byPrompt, edit, overloaded, rateLimited, reply, say, write } from '../support/model-script.js';
import type { ModelScript, ScriptTurn } from '../support/model-script.js';
import { RunFixture } from '../support/run-fixture.js';
import {
  agentHome,
  cliAsync,
  conversations,
  eventsOf,
  expectCleanServer,
  header,
  latestRunRecord,
  perRun,
  requestsWith,
  requireCli,
  stop,
  autoIsolation,
} from './e2e.js';

// orchestra workflows whose agent is the real Claude Code CLI (node_modules/.bin/claude), talking to
// the scripted Anthropic server: every file below was written by a real Write/Edit/Bash tool call.

let fx: RunFixture | undefined;
let server: ModelServer | undefined;
let live: LiveCli | undefined;

beforeAll(() => requireCli('claude'));

afterEach(async () => {
  stop(live);
  await server?.close();
  fx?.cleanup();
  server = undefined;
  fx = undefined;
  live = undefined;
});

/** A repository and a scripted server; `env` is what the workflow gives the `claude` agent. */
async function setup(script: ModelScript, files?: Record<string, string>) {
  fx = new RunFixture(files);
  server = await startAnthropicServer(script);
  const env = claudeEnv({ url: server.url, home: agentHome(fx) });
  // Emptied, not deleted (the agent inherits orchestra's environment, and this container sets it):
  // the adapter's acceptEdits + --allowedTools=Bash work as root without it (bypassPermissions would not).
  env.IS_SANDBOX = '';
  return { fx, server, head: header('claude', env, server.url) };
}

const usage = (inputTokens: number, outputTokens: number) => ({ inputTokens, outputTokens });

describe('claude through orchestra', () => {
  it('commits what the model wrote, feeds it instructions, prompt, gate output and upstream summaries, and records usage', async () => {
    const attempt1: ScriptTurn[] = [
      say('Writing it.', write('greet.txt', 'broken\n')),
      reply('first try', usage(1100, 20)),
    ];
    const attempt2: ScriptTurn[] = [
      say('Fixing it.', edit('greet.txt', 'broken', 'fixed'), bash('echo ran > bash-made.txt')),
      reply('IMPL-SUMMARY: greet.txt says fixed', usage(2100, 40)),
    ];
    const docs: ScriptTurn[] = [
      say('Documenting.', write('docs.md', '# greet\n')),
      reply('DOCS-SUMMARY: documented', usage(600, 6)),
    ];
    const { fx, server, head } = await setup(
      byPrompt([
        ['did not pass', attempt2],
        ['IMPL-TASK', attempt1],
        ['DOCS-TASK', docs],
      ]),
    );
    const yaml = `${head}roles:
  implementer:
    agent: claude
    model: claude-sonnet-4-5
    instructions: ROLE-IMPLEMENTER you make greet.txt say fixed.
  writer:
    agent: claude
    instructions: ROLE-WRITER you document.
gates:
  test: "grep -q fixed greet.txt || { echo 'GATE-SAYS greet.txt must say fixed'; exit 1; }"
tasks:
  impl:
    role: implementer
    prompt: IMPL-TASK make greet.txt
    verify: [test]
    retries: 1
  docs:
    role: writer
    needs: [impl]
    prompt: "DOCS-TASK upstream said: \${{ tasks.impl.summary }}"
`;
    const { result } = await fx.run(yaml);
    const record = result.record;
    expect(result.outcome, JSON.stringify(record.tasks, null, 2)).toBe('succeeded');
    expectCleanServer(server);

    // Files: on the task branches and on the integration branch.
    expect(fx.show(record.tasks.impl!.branch, 'greet.txt')).toBe('fixed');
    expect(fx.show(record.tasks.impl!.branch, 'bash-made.txt')).toBe('ran');
    // Jailed (bubblewrap) wherever the machine allows it: the real CLI edits files in the jail.
    expect(record.tasks.impl!.isolation).toBe(await autoIsolation());
    const integrated = record.integration.branch;
    expect(fx.show(integrated, 'greet.txt')).toBe('fixed');
    expect(fx.show(integrated, 'bash-made.txt')).toBe('ran');
    expect(fx.show(integrated, 'docs.md')).toBe('# greet');

    // Instructions as system prompt, the task prompt, the model.
    const impl = requestsWith(server, 'IMPL-TASK');
    expect(conversations(impl)).toHaveLength(2); // two attempts, two sessions
    expect(impl[0]!.system).toContain('ROLE-IMPLEMENTER');
    expect(impl[0]!.system).not.toContain('ROLE-WRITER');
    expect(impl[0]!.model).toBe('claude-sonnet-4-5');
    // The retry got the failing gate's output.
    expect(impl[0]!.userTexts.join('\n')).not.toContain('GATE-SAYS');
    const retry = requestsWith(server, 'did not pass');
    expect(retry[0]!.userTexts.join('\n')).toContain('GATE-SAYS greet.txt must say fixed');
    // The tools really ran: Claude Code reported their results back.
    expect(retry.at(-1)!.toolResults.map((r) => r.isError)).not.toContain(true);

    // The final message is the summary, and reached the dependent task.
    expect(record.tasks.impl!.usage?.summary).toBe('IMPL-SUMMARY: greet.txt says fixed');
    const docsRequests = requestsWith(server, 'DOCS-TASK');
    expect(docsRequests[0]!.system).toContain('ROLE-WRITER');
    expect(docsRequests[0]!.userTexts.join('\n')).toContain(
      'DOCS-TASK upstream said: IMPL-SUMMARY: greet.txt says fixed',
    );
    expect(record.tasks.docs!.usage?.summary).toBe('DOCS-SUMMARY: documented');

    // Usage: the tokens of both attempts add up (scripted: 100 + 1100 + 100 + 2100 in, 4 × 20 + 40 − 20
    // out), the session is the last attempt's, the cost is Claude Code's own figure.
    const implUsage = record.tasks.impl!.usage!;
    expect(implUsage).toMatchObject({ inputTokens: 3400, outputTokens: 100 });
    expect(implUsage.sessionId).toBe(conversations(retry)[0]);
    expect(implUsage.costUsd).toBeGreaterThan(0);
    const docsUsage = record.tasks.docs!.usage!;
    expect(docsUsage).toMatchObject({ inputTokens: 700, outputTokens: 26 });
    expect(docsUsage.sessionId).toBe(conversations(docsRequests)[0]);
    expect(docsUsage.costUsd).toBeGreaterThan(0);

    // run.json holds it, and the built CLI's `status` shows it per task and in total.
    expect(latestRunRecord(fx).tasks.impl!.usage).toEqual(implUsage);
    const status = cli(['status'], fx.repo);
    expect(status.code, status.stderr).toBe(0);
    const row = (task: string) => status.stdout.split('\n').find((l) => l.startsWith(`${task} `)) ?? '';
    expect(row('impl')).toContain(`3400/100 tok $${implUsage.costUsd!.toFixed(4)}`);
    expect(row('docs')).toContain(`700/26 tok $${docsUsage.costUsd!.toFixed(4)}`);
    const cost = implUsage.costUsd! + docsUsage.costUsd!;
    expect(status.stdout).toContain(`total usage: ${3400 + 100 + 700 + 26} tokens, $${cost.toFixed(4)}`);
    const json = cli(['status', '--json'], fx.repo);
    const shown = JSON.parse(json.stdout) as { tasks: Record<string, { usage?: { sessionId?: string } }> };
    expect(shown.tasks.impl?.usage?.sessionId).toBe(implUsage.sessionId);
  });

  it('waits out a 429 and a 529 without spending a retry, and says so in --json output', async () => {
    const work: ScriptTurn[] = [say('Writing.', write('out.txt', 'done\n')), reply('WROTE-IT')];
    const { fx, server, head } = await setup(
      perRun(
        // Claude Code shows the server's message: its hint is honoured over the backoff.
        [rateLimited(0, 'Slow down, try again in 30 ms')],
        [overloaded()],
        work,
      ),
    );
    fx.setup(`${head}tasks:\n  t: { agent: claude, prompt: LIMITED-TASK write out.txt, retries: 0 }\n`);
    live = new LiveCli(['run', '-f', `${fx.root}/orchestra.yaml`], fx.repo, {
      ORCHESTRA_RATE_LIMIT_BASE_MS: '10',
    });
    const code = await live.exited;
    expect(code, live.stderr).toBe(0);
    expectCleanServer(server);

    const waits = eventsOf(live.events, 'task-waiting');
    // 30 ms from the agent's message; then no hint: the base (10 ms, from the environment) doubled once.
    expect(waits.map((w) => [w.task, w.reason, w.retryInMs])).toEqual([
      ['t', 'rate-limited', 30],
      ['t', 'rate-limited', 20],
    ]);
    expect(eventsOf(live.events, 'task-retry')).toEqual([]);
    const finished = eventsOf(live.events, 'task-finished')[0]!;
    expect(finished).toMatchObject({ status: 'succeeded', attempts: 1 });

    const record = latestRunRecord(fx);
    expect(record.tasks.t!.attempts).toHaveLength(1);
    expect(record.tasks.t!.rateLimitWaits).toBe(2);
    expect(record.tasks.t!.usage?.summary).toBe('WROTE-IT');
    expect(fx.show(record.integration.branch, 'out.txt')).toBe('done');
    expect(conversations(server.requests)).toHaveLength(3);
  });

  it('shows the wait in the plain reporter (output not a terminal)', async () => {
    const { fx, head } = await setup(
      perRun([rateLimited(0)], [say('Writing.', write('out.txt', 'done\n')), reply('WROTE-IT')]),
    );
    fx.setup(`${head}tasks:\n  p: { agent: claude, prompt: PLAIN-TASK write out.txt }\n`);
    const plain = await cliAsync(['run', '-f', `${fx.root}/orchestra.yaml`], fx.repo, {
      ORCHESTRA_RATE_LIMIT_BASE_MS: '0',
      CI: '1',
    });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toMatch(/ p +waiting 0s \(rate limited\)\n/);
    expect(plain.stderr).not.toMatch(/retrying/);
  });

  it('still fails, spending its retries, when the API fails for another reason', async () => {
    const { fx, server, head } = await setup(() => ({ type: 'fail', kind: 'server-error' }));
    const yaml = `${head}tasks:\n  t: { agent: claude, prompt: BROKEN-TASK, retries: 1 }\n`;
    const { result, events } = await fx.run(yaml);
    expect(result.outcome).toBe('failed');
    const t = result.record.tasks.t!;
    expect(t.status).toBe('failed');
    expect(t.attempts).toHaveLength(2);
    expect(t.rateLimitWaits).toBeUndefined();
    expect(t.failure?.reason).toBe('agent-failed');
    expect(t.usage?.summary).toContain('500');
    expect(eventsOf(events, 'task-waiting')).toEqual([]);
    expect(conversations(server.requests)).toHaveLength(2);
  });
});
