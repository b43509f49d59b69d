import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinAgents, type AgentAdapter, type AgentRequest } from '../../src/agents/index.js';
import { runProcess } from '../../src/process/run-process.js';
import { removeTempDirs, tempDir } from '../process/helpers.js';
import { FINAL_TEXT, startFakeAnthropic, startFakeOpenAI, type FakeApi } from './fake-model-apis.js';

// The real Claude Code and Codex CLIs (devDependencies), run with the adapters' exact command lines
// against local fake model APIs: proves the flags are accepted, that the agent may edit files and run
// commands in its sandbox without prompting, and that report() reads what the CLI really prints.

const bin = resolve('node_modules', '.bin');
const servers: FakeApi[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await removeTempDirs();
});

function agent(name: string): AgentAdapter {
  const found = builtinAgents.get(name);
  if (found === undefined) throw new Error(`no built-in agent ${name}`);
  return found;
}

async function runAgent(adapter: AgentAdapter, req: AgentRequest, env: Record<string, string>) {
  const invocation = adapter.build(req);
  const logFile = join(req.sandboxPath, '..', 'agent.log');
  const result = await runProcess({
    command: { argv: invocation.argv },
    cwd: req.sandboxPath,
    env: { ...invocation.env, ...env, PATH: `${bin}:${process.env.PATH ?? ''}` },
    ...(invocation.stdin === undefined ? {} : { stdin: invocation.stdin }),
    logFile,
    timeoutMs: 90_000,
  });
  const exitCode = result.outcome.kind === 'exited' ? result.outcome.exitCode : -1;
  return { result, exitCode, report: adapter.report(result.tail, exitCode, result.head) };
}

async function sandbox(): Promise<{ root: string; sandboxPath: string }> {
  const root = await tempDir();
  const sandboxPath = join(root, 'sandbox');
  await mkdir(sandboxPath);
  return { root, sandboxPath };
}

const prompt = 'Create written.txt, then run a command that creates the next file.';
const instructions = 'ROLE-INSTRUCTIONS: you are the test author.';

describe('claude adapter with the real CLI', () => {
  function claudeEnv(root: string, api: FakeApi): Record<string, string> {
    return {
      HOME: root,
      ANTHROPIC_BASE_URL: api.url,
      ANTHROPIC_API_KEY: 'sk-ant-fake',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_AUTOUPDATER: '1',
      CLAUDE_CODE_MAX_RETRIES: '0',
    };
  }

  it('edits and runs Bash in the sandbox without prompting, and reports the result', async () => {
    const { root, sandboxPath } = await sandbox();
    const api = await startFakeAnthropic('tools', sandboxPath);
    servers.push(api);
    const req = { prompt, instructions, model: 'claude-fake-model', extraArgs: [], sandboxPath };
    const { result, exitCode, report } = await runAgent(agent('claude'), req, claudeEnv(root, api));

    expect(result.outcome, result.tail).toEqual({ kind: 'exited', exitCode: 0 });
    expect(exitCode).toBe(0);
    expect(await readFile(join(sandboxPath, 'written.txt'), 'utf8')).toBe('by Write\n');
    expect(await readFile(join(sandboxPath, 'bash.txt'), 'utf8')).toBe('by-bash\n');

    const first = api.requests[0];
    expect(first?.model).toBe('claude-fake-model');
    expect(JSON.stringify(first?.system)).toContain(instructions);
    expect(JSON.stringify(first?.messages)).toContain(prompt);

    expect(report.summary).toBe(FINAL_TEXT);
    expect(report.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(report.inputTokens).toBeGreaterThan(0);
    expect(report.outputTokens).toBeGreaterThan(0);
    expect(report.costUsd).toBeGreaterThan(0);
    expect(report.rateLimited).toBeUndefined();
  });

  it('reports an API 429 as rate limited', async () => {
    const { root, sandboxPath } = await sandbox();
    const api = await startFakeAnthropic('rate-limit', sandboxPath);
    servers.push(api);
    const req = { prompt, extraArgs: [], sandboxPath };
    const { exitCode, report } = await runAgent(agent('claude'), req, claudeEnv(root, api));
    expect(exitCode).not.toBe(0);
    expect(report.rateLimited).toEqual({});
    expect(report.summary).toContain('429');
  });
});

describe('codex adapter with the real CLI', () => {
  /** The fake API is configured as a model provider through extraArgs, as a user would. */
  function providerArgs(api: FakeApi): string[] {
    return [
      '--config=model_provider="fake"',
      `--config=model_providers.fake.base_url="${api.url}/v1"`,
      '--config=model_providers.fake.name="fake"',
      '--config=model_providers.fake.wire_api="responses"',
      '--config=model_providers.fake.env_key="OPENAI_API_KEY"',
      '--config=model_providers.fake.request_max_retries=0',
      '--config=model_providers.fake.stream_max_retries=0',
    ];
  }

  function codexEnv(root: string): Record<string, string> {
    return { HOME: root, CODEX_HOME: join(root, 'codex-home'), OPENAI_API_KEY: 'sk-fake' };
  }

  it('runs commands in the sandbox without approval, and reports the result', async () => {
    const { root, sandboxPath } = await sandbox();
    await mkdir(join(root, 'codex-home'));
    const api = await startFakeOpenAI('tools');
    servers.push(api);
    const req = { prompt, instructions, model: 'gpt-fake', extraArgs: providerArgs(api), sandboxPath };
    const { result, report } = await runAgent(agent('codex'), req, codexEnv(root));

    expect(result.outcome, result.tail).toEqual({ kind: 'exited', exitCode: 0 });
    expect(await readFile(join(sandboxPath, 'codex.txt'), 'utf8')).toBe('by-codex\n');

    const input = JSON.stringify(api.requests[0]?.input);
    expect(api.requests[0]?.model).toBe('gpt-fake');
    expect(input).toContain(instructions);
    expect(input).toContain(prompt);
    expect(input).toContain('`sandbox_mode` is `danger-full-access`');

    expect(report.summary).toBe(FINAL_TEXT);
    expect(report.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(report.inputTokens).toBe(2000);
    expect(report.outputTokens).toBe(50);
    expect(report.rateLimited).toBeUndefined();
  });

  it('lets extraArgs choose codex’s own sandbox instead', async () => {
    const { root, sandboxPath } = await sandbox();
    await mkdir(join(root, 'codex-home'));
    const api = await startFakeOpenAI('rate-limit');
    servers.push(api);
    const req = { prompt, extraArgs: [...providerArgs(api), '--sandbox=workspace-write'], sandboxPath };
    await runAgent(agent('codex'), req, codexEnv(root));
    expect(JSON.stringify(api.requests[0]?.input)).toContain('`sandbox_mode` is `workspace-write`');
  });

  it('reports an API 429 as rate limited', async () => {
    const { root, sandboxPath } = await sandbox();
    await mkdir(join(root, 'codex-home'));
    const api = await startFakeOpenAI('rate-limit');
    servers.push(api);
    const req = { prompt, extraArgs: providerArgs(api), sandboxPath };
    const { exitCode, report } = await runAgent(agent('codex'), req, codexEnv(root));
    expect(exitCode).not.toBe(0);
    expect(report.rateLimited).toEqual({});
    expect(report.summary).toBe('exceeded retry limit, last status: 429 Too Many Requests');
  });
});
