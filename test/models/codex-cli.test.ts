import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
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
import { codexArgs, codexEnv, startOpenAIServer } from '../support/openai-server.js';
import type { CodexArgsOptions, ModelServer } from '../support/openai-server.js';
import { CODEX_BIN, OUTSIDE_SYSTEM_TEMP, jsonLines, makeRepo, runCli, tempDirs, until } from './helpers.js';
import type { CliRun, JsonLine } from './helpers.js';

const dirs = tempDirs(OUTSIDE_SYSTEM_TEMP);
const servers: ModelServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await dirs.dispose();
});

async function serve(script: ModelScript): Promise<ModelServer> {
  const server = await startOpenAIServer(script);
  servers.push(server);
  return server;
}

interface CodexRun extends CliRun {
  readonly lines: JsonLine[];
  readonly home: string;
  /** Texts of the agent_message items, in order. */
  readonly messages: string[];
}

async function codex(
  server: ModelServer,
  repo: string,
  prompt: string,
  options: CodexArgsOptions & { readonly home?: string; readonly argv?: (args: string[]) => string[] } = {},
): Promise<CodexRun> {
  const home = options.home ?? (await dirs.make('codex-home'));
  const args = codexArgs(server.url, prompt, options);
  const run = await runCli(CODEX_BIN, options.argv?.(args) ?? args, {
    cwd: repo,
    env: codexEnv({ url: server.url, home }),
  });
  const lines = jsonLines(run.stdout);
  const messages = lines.flatMap((line) => {
    const item = line['item'] as JsonLine | undefined;
    return line['type'] === 'item.completed' && item?.['type'] === 'agent_message'
      ? [String(item['text'])]
      : [];
  });
  return { ...run, lines, home, messages };
}

function itemsOfType(run: CodexRun, type: string): JsonLine[] {
  return run.lines.flatMap((line) => {
    const item = line['item'] as JsonLine | undefined;
    return line['type'] === 'item.completed' && item?.['type'] === type ? [item] : [];
  });
}

/** Nothing left the machine: no request used the fake server as a proxy. */
function expectNoEscape(server: ModelServer): void {
  expect(server.otherRequests.filter((r) => r.method === 'CONNECT' || !r.path.startsWith('/'))).toEqual([]);
}

const threeSteps: ModelScript = [
  say('Creating the file.', write('notes.txt', 'alpha\nbeta\n')),
  act(edit('notes.txt', 'beta', 'gamma')),
  act(bash('echo hi > x.txt')),
  reply('All three steps done.', { inputTokens: 1000, outputTokens: 50, cachedInputTokens: 300 }),
];

describe('real codex CLI', () => {
  // Codex's default model gets one JavaScript `exec` tool ("code mode"); any other model name
  // gets plain function tools. Both paths must work.
  it.each([
    { mode: 'code mode (default model)', model: undefined, tool: 'exec' },
    { mode: 'function tools (-m gpt-5-codex)', model: 'gpt-5-codex', tool: 'exec_command' },
  ])('writes, edits and runs a command in $mode, and reports the final message', async ({ model, tool }) => {
    const repo = await makeRepo(dirs);
    const server = await serve(threeSteps);

    const run = await codex(server, repo, 'Please do the three steps.', {
      ...(model === undefined ? {} : { model }),
      extra: ['-c', 'developer_instructions="ROLE: you are the reviewer."'],
    });

    expect(run.exitCode).toBe(0);
    expect(await readFile(join(repo, 'notes.txt'), 'utf8')).toBe('alpha\ngamma\n');
    expect(await readFile(join(repo, 'x.txt'), 'utf8')).toBe('hi\n');

    expect(run.lines[0]).toMatchObject({ type: 'thread.started' });
    expect(run.lines[0]?.['thread_id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(run.messages).toEqual(['Creating the file.', 'All three steps done.']);
    expect(itemsOfType(run, 'file_change').map((item) => item['changes'])).toEqual([
      [{ path: join(repo, 'notes.txt'), kind: 'add' }],
      [{ path: join(repo, 'notes.txt'), kind: 'update' }],
    ]);
    expect(itemsOfType(run, 'command_execution')).toMatchObject([{ exit_code: 0, status: 'completed' }]);
    // Usage is summed over the turn's four model calls: three default (100 in / 20 out) and the last.
    expect(run.lines.at(-1)).toEqual({
      type: 'turn.completed',
      usage: {
        input_tokens: 1300,
        cached_input_tokens: 300,
        cache_write_input_tokens: 0,
        output_tokens: 110,
        reasoning_output_tokens: 0,
      },
    });

    expect(server.requests).toHaveLength(4);
    const first = server.requests[0];
    expect(first?.toolNames).toContain(tool);
    expect(first?.system).toContain('ROLE: you are the reviewer.');
    expect(first?.userTexts).toContain('Please do the three steps.');
    expect(first?.cwd).toBe(repo);
    expect(server.requests.map((r) => r.conversationId)).toEqual(Array(4).fill(run.lines[0]?.['thread_id']));
    expect(server.requests[3]?.toolResults).toHaveLength(3);
    expect(server.problems).toEqual([]);
    expectNoEscape(server);
  });

  it('overwrites a committed file and runs commands with the sandbox bypassed', async () => {
    const repo = await makeRepo(dirs, { 'old.txt': 'old\n' });
    const server = await serve([act(write('old.txt', 'new\n'), bash('pwd > where.txt')), reply('done')]);

    const run = await codex(server, repo, 'replace it', { sandbox: 'bypass' });

    expect(run.exitCode).toBe(0);
    expect(await readFile(join(repo, 'old.txt'), 'utf8')).toBe('new\n');
    expect(await readFile(join(repo, 'where.txt'), 'utf8')).toBe(`${repo}\n`);
    expect(run.messages).toEqual(['done']);
  });

  it('reaches the fake server with a plain argv, through the config.toml codexEnv writes', async () => {
    const repo = await makeRepo(dirs);
    const server = await serve([act(write('plain.txt', 'plain\n')), reply('plain done')]);
    const home = await dirs.make('codex-home');

    const run = await runCli(CODEX_BIN, ['exec', '--json', '-s', 'workspace-write', 'write plain.txt'], {
      cwd: repo,
      env: codexEnv({ url: server.url, home }),
    });

    expect(run.exitCode).toBe(0);
    expect(await readFile(join(repo, 'plain.txt'), 'utf8')).toBe('plain\n');
    expect(jsonLines(run.stdout).at(-2)).toMatchObject({
      item: { type: 'agent_message', text: 'plain done' },
    });
    expectNoEscape(server);
  });

  it('lets concurrent runs share one server, each following the turns routed by its prompt', async () => {
    const [repoA, repoB] = [await makeRepo(dirs), await makeRepo(dirs)];
    const server = await serve(
      byPrompt({
        'TASK-A': [act(write('a.txt', 'from A\n')), reply('A finished')],
        'TASK-B': [act(bash('echo from B > b.txt')), reply('B finished')],
      }),
    );

    const [runA, runB] = await Promise.all([
      codex(server, repoA, 'TASK-A: write a.txt'),
      codex(server, repoB, 'TASK-B: write b.txt'),
    ]);

    expect(runA.messages).toEqual(['A finished']);
    expect(runB.messages).toEqual(['B finished']);
    expect(await readFile(join(repoA, 'a.txt'), 'utf8')).toBe('from A\n');
    expect(await readFile(join(repoB, 'b.txt'), 'utf8')).toBe('from B\n');
    expect(server.problems).toEqual([]);
  });

  it('continues a session with `exec resume`, and then reports the session total as usage', async () => {
    const repo = await makeRepo(dirs);
    const server = await serve([
      reply('first answer', { inputTokens: 10, outputTokens: 1 }),
      reply('second answer', { inputTokens: 1000, outputTokens: 100 }),
    ]);
    const first = await codex(server, repo, 'start');
    const threadId = String(first.lines[0]?.['thread_id']);

    const second = await codex(server, repo, 'go on', {
      home: first.home,
      // `resume` comes after every option: `codex exec [OPTIONS] resume <id> <prompt>`.
      argv: (args) => [...args.slice(0, -2), 'resume', threadId, 'go on'],
    });

    expect(second.exitCode).toBe(0);
    expect(second.lines[0]).toEqual({ type: 'thread.started', thread_id: threadId });
    expect(second.messages).toEqual(['second answer']);
    expect(server.requests.map((r) => r.index)).toEqual([0, 1]);
    expect(server.requests[1]?.userTexts).toEqual(expect.arrayContaining(['start', 'go on']));
    // Not the 1000/100 of this run: usage is cumulative over the whole thread.
    expect(second.lines.at(-1)?.['usage']).toMatchObject({ input_tokens: 1010, output_tokens: 101 });
  });

  it('waits on a request that never gets an answer until it is terminated', async () => {
    const repo = await makeRepo(dirs);
    const server = await serve([hang()]);
    const home = await dirs.make('codex-home');
    const child = execa(CODEX_BIN, codexArgs(server.url, 'hello'), {
      cwd: repo,
      env: codexEnv({ url: server.url, home }),
      extendEnv: false,
      stdin: 'ignore',
      reject: false,
    });

    await until(() => server.requests.length === 1);
    child.kill('SIGTERM');
    const result = await child;

    // Unlike Claude Code, Codex dies of the signal itself.
    expect(result.signal).toBe('SIGTERM');
    expect(jsonLines(result.stdout).map((line) => line['type'])).toEqual(['thread.started', 'turn.started']);
  });

  it('fails with exit 1 and a turn.failed line when rate limited and retries are off', async () => {
    const repo = await makeRepo(dirs);
    const server = await serve([rateLimited(5)]);

    const run = await codex(server, repo, 'hello');

    expect(run.exitCode).toBe(1);
    expect(run.lines.at(-1)).toEqual({
      type: 'turn.failed',
      error: { message: 'exceeded retry limit, last status: 429 Too Many Requests' },
    });
    expect(server.requests).toHaveLength(1);
  });

  it('names a usage limit in its failure message', async () => {
    const repo = await makeRepo(dirs);
    const server = await serve([usageLimited(600)]);

    const run = await codex(server, repo, 'hello');

    expect(run.exitCode).toBe(1);
    const failed = run.lines.at(-1);
    expect(failed?.['type']).toBe('turn.failed');
    expect(JSON.stringify(failed)).toContain('hit your usage limit');
  });

  it('reports an overloaded provider as a model at capacity', async () => {
    const repo = await makeRepo(dirs);
    const server = await serve([overloaded()]);

    const run = await codex(server, repo, 'hello');

    expect(run.exitCode).toBe(1);
    expect(run.lines.at(-1)).toEqual({
      type: 'turn.failed',
      error: { message: 'Selected model is at capacity. Please try a different model.' },
    });
  });

  it('retries a 429 itself when allowed, announcing it with an error line', async () => {
    const repo = await makeRepo(dirs);
    const server = await serve([rateLimited(0), reply('after the retry')]);

    const run = await codex(server, repo, 'hello', { maxRetries: 1 });

    expect(run.exitCode).toBe(0);
    expect(run.lines).toContainEqual({
      type: 'error',
      message: 'Reconnecting... 1/1 (exceeded retry limit, last status: 429 Too Many Requests)',
    });
    expect(run.messages).toEqual(['after the retry']);
  });
});
