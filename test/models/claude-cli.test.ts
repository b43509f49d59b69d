import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { claudeArgs, claudeEnv, startAnthropicServer } from '../support/anthropic-server.js';
import type { ModelServer } from '../support/anthropic-server.js';
import {
  act,
  bash,
  byPrompt,
  edit,
  hang,
  overloaded,
  rateLimited,
  reply,
  say,
  usageLimited,
  write,
} from '../support/model-script.js';
import type { ModelScript } from '../support/model-script.js';
import { CLAUDE_BIN, jsonLines, makeRepo, runCli, tempDirs, until } from './helpers.js';
import type { CliRun, JsonLine } from './helpers.js';

const dirs = tempDirs();
const servers: ModelServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await dirs.dispose();
});

async function serve(script: ModelScript): Promise<ModelServer> {
  const server = await startAnthropicServer(script);
  servers.push(server);
  return server;
}

interface ClaudeRun extends CliRun {
  readonly lines: JsonLine[];
  /** The final `type: "result"` line. */
  readonly result: JsonLine | undefined;
  readonly home: string;
}

async function claude(
  server: ModelServer,
  repo: string,
  prompt: string,
  options: { readonly extra?: readonly string[]; readonly maxRetries?: number; readonly home?: string } = {},
): Promise<ClaudeRun> {
  const home = options.home ?? (await dirs.make('claude-home'));
  const env = claudeEnv({
    url: server.url,
    home,
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
  const run = await runCli(CLAUDE_BIN, claudeArgs(prompt, options.extra), { cwd: repo, env });
  const lines = jsonLines(run.stdout);
  return { ...run, lines, home, result: lines.find((line) => line['type'] === 'result') };
}

/** Nothing left the machine: no request used the fake server as a proxy. */
function expectNoEscape(server: ModelServer): void {
  expect(server.otherRequests.filter((r) => r.method === 'CONNECT' || !r.path.startsWith('/'))).toEqual([]);
}

describe('real claude CLI', () => {
  it('writes, edits and runs a command through scripted tool calls, and reports the final text', async () => {
    const repo = await makeRepo(dirs);
    const server = await serve([
      say('Creating the file.', write('notes.txt', 'alpha\nbeta\n')),
      act(edit('notes.txt', 'beta', 'gamma')),
      act(bash('echo hi > x.txt')),
      reply('All three steps done.', { inputTokens: 1000, outputTokens: 50, cachedInputTokens: 300 }),
    ]);

    const run = await claude(server, repo, 'Please do the three steps.', {
      extra: ['--append-system-prompt', 'ROLE: you are the test author.'],
    });

    expect(run.exitCode).toBe(0);
    expect(await readFile(join(repo, 'notes.txt'), 'utf8')).toBe('alpha\ngamma\n');
    expect(await readFile(join(repo, 'x.txt'), 'utf8')).toBe('hi\n');

    const result = run.result;
    expect(result).toMatchObject({
      type: 'result',
      subtype: 'success',
      is_error: false,
      result: 'All three steps done.',
    });
    expect(result?.['session_id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof result?.['total_cost_usd']).toBe('number');
    // Usage is summed over the four model calls: three default turns (100 in / 20 out) and the last.
    expect(result?.['usage']).toMatchObject({
      input_tokens: 1300,
      output_tokens: 110,
      cache_read_input_tokens: 300,
    });
    const init = run.lines.find((line) => line['type'] === 'system' && line['subtype'] === 'init');
    expect(init?.['session_id']).toBe(result?.['session_id']);

    // What reached the "model": role instructions, the prompt, the cwd, and every tool result.
    expect(server.requests).toHaveLength(4);
    const first = server.requests[0];
    expect(first?.system).toContain('ROLE: you are the test author.');
    expect(first?.userTexts).toContain('Please do the three steps.');
    expect(first?.cwd).toBe(repo);
    expect(first?.toolNames).toEqual(expect.arrayContaining(['Write', 'Edit', 'Bash', 'Read']));
    expect(server.requests.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    const results = server.requests[3]?.toolResults ?? [];
    expect(results.map((r) => r.isError)).toEqual([false, false, false]);
    expect(results[0]?.content).toContain('File created successfully');
    expect(results[1]?.content).toContain('has been updated successfully');
    expect(server.problems).toEqual([]);
    expectNoEscape(server);
  });

  it('reads a committed file before overwriting or editing it, as Claude Code requires', async () => {
    const repo = await makeRepo(dirs, { 'src/a.txt': 'one\ntwo\n', 'b.txt': 'old\n' });
    const server = await serve([
      act(edit('src/a.txt', 'two', 'three'), write('b.txt', 'new\n')),
      reply('done'),
    ]);

    const run = await claude(server, repo, 'change the files');

    expect(run.exitCode).toBe(0);
    expect(await readFile(join(repo, 'src/a.txt'), 'utf8')).toBe('one\nthree\n');
    expect(await readFile(join(repo, 'b.txt'), 'utf8')).toBe('new\n');
    const results = server.requests[1]?.toolResults ?? [];
    // Read, Edit, Read, Write: none refused.
    expect(results).toHaveLength(4);
    expect(results.filter((r) => r.isError)).toEqual([]);
  });

  it('takes a prompt that starts with a dash as the prompt, not as an option', async () => {
    const repo = await makeRepo(dirs);
    const server = await serve([reply('ok')]);

    const run = await claude(server, repo, '--help me with this');

    expect(run.result).toMatchObject({ is_error: false, result: 'ok' });
    expect(server.requests[0]?.userTexts).toContain('--help me with this');
  });

  it('lets concurrent runs share one server, each following the turns routed by its prompt', async () => {
    const [repoA, repoB] = [await makeRepo(dirs), await makeRepo(dirs)];
    const server = await serve(
      byPrompt({
        'TASK-A': [act(write('a.txt', 'from A\n')), reply('A finished')],
        'TASK-B': [act(bash('echo from B > b.txt')), act(bash('cat b.txt')), reply('B finished')],
      }),
    );

    const [runA, runB] = await Promise.all([
      claude(server, repoA, 'TASK-A: write a.txt'),
      claude(server, repoB, 'TASK-B: write b.txt'),
    ]);

    expect(runA.result?.['result']).toBe('A finished');
    expect(runB.result?.['result']).toBe('B finished');
    expect(await readFile(join(repoA, 'a.txt'), 'utf8')).toBe('from A\n');
    expect(await readFile(join(repoB, 'b.txt'), 'utf8')).toBe('from B\n');
    const lastB = server.requests.filter((r) => r.userTexts.some((t) => t.includes('TASK-B'))).at(-1);
    expect(lastB?.toolResults.at(-1)?.content).toContain('from B');
    expect(server.problems).toEqual([]);
  });

  it("continues a session with --resume, reporting only the new run's usage", async () => {
    const repo = await makeRepo(dirs);
    const server = await serve([
      reply('first answer', { inputTokens: 10, outputTokens: 1 }),
      reply('second answer', { inputTokens: 1000, outputTokens: 100 }),
    ]);
    const first = await claude(server, repo, 'start');
    const sessionId = String(first.result?.['session_id']);

    const second = await claude(server, repo, 'go on', { home: first.home, extra: ['--resume', sessionId] });

    expect(second.exitCode).toBe(0);
    expect(second.result).toMatchObject({ result: 'second answer', session_id: sessionId });
    expect(second.result?.['usage']).toMatchObject({ input_tokens: 1000, output_tokens: 100 });
    expect(server.requests.map((r) => r.index)).toEqual([0, 1]);
    expect(server.requests[1]?.userTexts).toEqual(expect.arrayContaining(['start', 'go on']));
  });

  it('waits on a request that never gets an answer until it is terminated', async () => {
    const repo = await makeRepo(dirs);
    const server = await serve([hang()]);
    const home = await dirs.make('claude-home');
    const child = execa(CLAUDE_BIN, claudeArgs('hello'), {
      cwd: repo,
      env: claudeEnv({ url: server.url, home }),
      extendEnv: false,
      stdin: 'ignore',
      reject: false,
    });

    await until(() => server.requests.length === 1);
    child.kill('SIGTERM');
    const result = await child;

    // Claude Code traps SIGTERM and exits with 128 + 15 itself, printing no result line.
    expect(result.exitCode).toBe(143);
    expect(jsonLines(result.stdout).find((line) => line['type'] === 'result')).toBeUndefined();
  });

  it('ends with exit 1 and api_error_status 429 when rate limited and retries are off', async () => {
    const repo = await makeRepo(dirs);
    const server = await serve([rateLimited(30, 'Number of requests has exceeded your rate limit')]);

    const run = await claude(server, repo, 'hello');

    expect(run.exitCode).toBe(1);
    expect(run.result).toMatchObject({ type: 'result', is_error: true, api_error_status: 429 });
    expect(run.result?.['result']).toContain('429');
    const assistant = run.lines.find((line) => line['type'] === 'assistant');
    expect(assistant?.['error']).toBe('rate_limit');
    expect(server.requests).toHaveLength(1);
  });

  it('reports a usage limit the same way as a rate limit', async () => {
    const repo = await makeRepo(dirs);
    const server = await serve([usageLimited(3600)]);

    const run = await claude(server, repo, 'hello');

    expect(run.exitCode).toBe(1);
    expect(run.result).toMatchObject({ is_error: true, api_error_status: 429 });
  });

  it('ends with exit 1 and api_error_status 529 when the provider is overloaded', async () => {
    const repo = await makeRepo(dirs);
    const server = await serve([overloaded()]);

    const run = await claude(server, repo, 'hello');

    expect(run.exitCode).toBe(1);
    expect(run.result).toMatchObject({ is_error: true, api_error_status: 529 });
    expect(run.result?.['result']).toContain('Overloaded');
    expect(run.lines.find((line) => line['type'] === 'assistant')?.['error']).toBe('server_error');
  });

  it('retries a 429 itself when allowed, announcing it with an api_retry line', async () => {
    const repo = await makeRepo(dirs);
    const server = await serve([rateLimited(0), reply('after the retry')]);

    const run = await claude(server, repo, 'hello', { maxRetries: 1 });

    expect(run.exitCode).toBe(0);
    expect(run.result).toMatchObject({ is_error: false, result: 'after the retry' });
    const retry = run.lines.find((line) => line['type'] === 'system' && line['subtype'] === 'api_retry');
    expect(retry).toMatchObject({ attempt: 1, error_status: 429, error: 'rate_limit' });
    expect(server.requests).toHaveLength(2);
  });
});
