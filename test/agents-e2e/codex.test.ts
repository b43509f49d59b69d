import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  bash,
  byPrompt,
  edit,
  overloaded,
  rateLimited,
  reply,
  say,
  usageLimited,
  write,
} from '../support/model-script.js';
import type { ModelScript, ScriptTurn } from '../support/model-script.js';
import { codexEnv, startOpenAIServer } from '../support/openai-server.js';
import type { ModelServer } from '../support/openai-server.js';
import { cli, LiveCli } from '../support/cli.js';
import { RunFixture } from '../support/run-fixture.js';
import {
  agentHome,
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

// orchestra workflows whose agent is the real Codex CLI (node_modules/.bin/codex, `codex exec`),
// talking to the scripted Responses server. The adapter's own argv says nothing about providers:
// codexEnv's $CODEX_HOME/config.toml points Codex at the server and turns off its start-up traffic
// (plugin sync, analytics), and its proxy variables trap anything that would leave the machine.

let fx: RunFixture | undefined;
let server: ModelServer | undefined;
let live: LiveCli | undefined;

beforeAll(() => requireCli('codex'));

afterEach(async () => {
  stop(live);
  await server?.close();
  fx?.cleanup();
  server = undefined;
  fx = undefined;
  live = undefined;
});

async function setup(script: ModelScript, files?: Record<string, string>) {
  fx = new RunFixture(files);
  server = await startOpenAIServer(script);
  return {
    fx,
    server,
    head: header('codex', codexEnv({ url: server.url, home: agentHome(fx) }), server.url),
  };
}

describe('codex through orchestra', () => {
  it('commits what the model wrote, feeds it instructions, prompt and gate output, and records summary, tokens and session', async () => {
    const attempt1: ScriptTurn[] = [
      say('Writing it.', write('greet.txt', 'broken\n')),
      reply('first try', { inputTokens: 1100, outputTokens: 20 }),
    ];
    const attempt2: ScriptTurn[] = [
      say('Fixing it.', edit('greet.txt', 'broken', 'fixed'), bash('echo ran > bash-made.txt')),
      reply('IMPL-SUMMARY: greet.txt says fixed', { inputTokens: 2100, outputTokens: 40 }),
    ];
    const docs: ScriptTurn[] = [
      say('Documenting.', write('docs.md', '# greet\n')),
      reply('DOCS-SUMMARY: documented', { inputTokens: 600, outputTokens: 6 }),
    ];
    const { fx, server, head } = await setup(
      byPrompt([
        ['did not pass', attempt2],
        ['IMPL-TASK', attempt1],
        ['DOCS-TASK', docs],
      ]),
      { 'README.md': '# test\n' },
    );
    // impl names a model (Codex offers plain function tools), docs uses Codex's default ("code mode").
    const yaml = `${head}roles:
  implementer:
    agent: codex
    model: gpt-5-codex
    instructions: ROLE-IMPLEMENTER you make greet.txt say fixed.
  writer:
    agent: codex
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

    const integrated = record.integration.branch;
    expect(fx.show(record.tasks.impl!.branch, 'greet.txt')).toBe('fixed');
    // Jailed (bubblewrap) wherever the machine allows it: the real CLI edits files in the jail.
    expect(record.tasks.impl!.isolation).toBe(await autoIsolation());
    expect(fx.show(integrated, 'greet.txt')).toBe('fixed');
    expect(fx.show(integrated, 'bash-made.txt')).toBe('ran');
    expect(fx.show(integrated, 'docs.md')).toBe('# greet');

    const impl = requestsWith(server, 'IMPL-TASK');
    expect(conversations(impl)).toHaveLength(2);
    expect(impl[0]!.system).toContain('ROLE-IMPLEMENTER');
    expect(impl[0]!.model).toBe('gpt-5-codex');
    const retry = requestsWith(server, 'did not pass');
    expect(impl[0]!.userTexts.join('\n')).not.toContain('GATE-SAYS');
    expect(retry[0]!.userTexts.join('\n')).toContain('GATE-SAYS greet.txt must say fixed');

    expect(record.tasks.impl!.usage?.summary).toBe('IMPL-SUMMARY: greet.txt says fixed');
    const docsRequests = requestsWith(server, 'DOCS-TASK');
    expect(docsRequests[0]!.system).toContain('ROLE-WRITER');
    expect(docsRequests[0]!.userTexts.join('\n')).toContain(
      'DOCS-TASK upstream said: IMPL-SUMMARY: greet.txt says fixed',
    );
    expect(record.tasks.docs!.usage?.summary).toBe('DOCS-SUMMARY: documented');

    // Tokens of both attempts add up (scripted: 100 + 1100 + 100 + 2100 in, 20 + 20 + 20 + 40 out); the
    // session is the last attempt's thread; Codex reports no cost.
    const implUsage = record.tasks.impl!.usage!;
    expect(implUsage).toMatchObject({ inputTokens: 3400, outputTokens: 100 });
    expect(implUsage.sessionId).toBe(conversations(retry)[0]);
    expect(implUsage.costUsd).toBeUndefined();
    expect(record.tasks.docs!.usage).toMatchObject({ inputTokens: 700, outputTokens: 26 });
    expect(record.tasks.docs!.usage?.sessionId).toBe(conversations(docsRequests)[0]);
    expect(latestRunRecord(fx).tasks.impl!.usage).toEqual(implUsage);

    const status = cli(['status'], fx.repo);
    expect(status.code, status.stderr).toBe(0);
    const row = (task: string) => status.stdout.split('\n').find((l) => l.startsWith(`${task} `)) ?? '';
    expect(row('impl')).toMatch(/ 3400\/100 tok$/);
    expect(row('docs')).toMatch(/ 700\/26 tok$/);
    expect(status.stdout).toContain(`total usage: ${3400 + 100 + 700 + 26} tokens\n`);
  });

  it('waits out a 429, an overloaded server and a usage limit without spending a retry', async () => {
    const work: ScriptTurn[] = [say('Writing.', write('out.txt', 'done\n')), reply('WROTE-IT')];
    const { fx, server, head } = await setup(
      perRun([rateLimited(0)], [overloaded()], [usageLimited(0)], work),
    );
    fx.setup(`${head}tasks:\n  t: { agent: codex, prompt: LIMITED-TASK write out.txt, retries: 0 }\n`);
    // Codex prints a usage limit's reset as a clock time ("try again at 6:49 AM"), read as now when it
    // is the current minute: keep the run (about 2 s) away from a minute boundary.
    await untilSecondOfMinuteBelow(45);
    live = new LiveCli(['run', '-f', `${fx.root}/orchestra.yaml`], fx.repo, {
      ORCHESTRA_RATE_LIMIT_BASE_MS: '10',
    });
    const code = await live.exited;
    expect(code, live.stderr).toBe(0);
    expectCleanServer(server);

    // 429 and 503 say nothing about when: the base (10 ms, from the environment), doubled; the usage
    // limit's reset time is honoured.
    const waits = eventsOf(live.events, 'task-waiting');
    expect(waits.map((w) => [w.task, w.reason, w.retryInMs])).toEqual([
      ['t', 'rate-limited', 10],
      ['t', 'rate-limited', 20],
      ['t', 'rate-limited', 0],
    ]);
    expect(eventsOf(live.events, 'task-retry')).toEqual([]);
    expect(eventsOf(live.events, 'task-finished')[0]).toMatchObject({ status: 'succeeded', attempts: 1 });
    const record = latestRunRecord(fx);
    expect(record.tasks.t!.attempts).toHaveLength(1);
    expect(record.tasks.t!.rateLimitWaits).toBe(3);
    expect(record.tasks.t!.usage?.summary).toBe('WROTE-IT');
    expect(fx.show(record.integration.branch, 'out.txt')).toBe('done');
    expect(conversations(server.requests)).toHaveLength(4);
  });

  it('still fails, spending its retries, when the API fails for another reason', async () => {
    const { fx, server, head } = await setup(() => ({ type: 'fail', kind: 'server-error' }));
    const yaml = `${head}tasks:\n  t: { agent: codex, prompt: BROKEN-TASK, retries: 1 }\n`;
    const { result, events } = await fx.run(yaml);
    expect(result.outcome).toBe('failed');
    const t = result.record.tasks.t!;
    expect(t.attempts).toHaveLength(2);
    expect(t.rateLimitWaits).toBeUndefined();
    expect(t.failure?.reason).toBe('agent-failed');
    // Codex's words for an HTTP 500 with its retries off; not a limit, so not waited out.
    expect(t.usage?.summary).toBe(
      'We’re currently experiencing high demand, which may cause temporary errors.',
    );
    expect(eventsOf(events, 'task-waiting')).toEqual([]);
    expect(conversations(server.requests)).toHaveLength(2);
  });
});

/** Polls the clock until the seconds of the current minute are below `limit`. */
async function untilSecondOfMinuteBelow(limit: number): Promise<void> {
  while (new Date().getSeconds() >= limit) await new Promise((r) => setTimeout(r, 200));
}
