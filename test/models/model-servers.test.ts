import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startAnthropicServer } from '../support/anthropic-server.js';
import {
  act,
  bash,
  byPrompt,
  edit,
  EXHAUSTED_TEXT,
  hang,
  overloaded,
  rateLimited,
  reply,
  tool,
  usageLimited,
  write,
} from '../support/model-script.js';
import type { ModelRequest, ModelScript } from '../support/model-script.js';
import type { ModelServer } from '../support/model-server.js';
import { startOpenAIServer } from '../support/openai-server.js';
import { until } from './helpers.js';

const servers: ModelServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function anthropic(script: ModelScript): Promise<ModelServer> {
  const server = await startAnthropicServer(script);
  servers.push(server);
  return server;
}

async function openai(script: ModelScript): Promise<ModelServer> {
  const server = await startOpenAIServer(script);
  servers.push(server);
  return server;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** The `data:` payloads of a server-sent-events body. */
function events(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
}

function fakeRequest(overrides: Partial<ModelRequest>): ModelRequest {
  return {
    api: 'anthropic',
    conversationId: 'c1',
    index: 0,
    serverIndex: 0,
    model: 'm',
    stream: true,
    system: '',
    userTexts: [],
    toolResults: [],
    toolNames: [],
    cwd: undefined,
    headers: {},
    body: {},
    ...overrides,
  };
}

const WORKDIR = 'Primary working directory: /work/repo\n';

describe('model scripts', () => {
  it('routes each conversation by a marker in its first user text and keeps the route', () => {
    const script = byPrompt({ ALPHA: [reply('a0'), reply('a1')], BETA: [reply('b0')] });

    expect(script(fakeRequest({ conversationId: 'x', userTexts: ['do ALPHA'] }))).toEqual(reply('a0'));
    expect(script(fakeRequest({ conversationId: 'y', userTexts: ['do BETA'] }))).toEqual(reply('b0'));
    // Later messages mention BETA, but conversation x stays on its ALPHA route.
    expect(script(fakeRequest({ conversationId: 'x', index: 1, userTexts: ['do ALPHA', 'BETA?'] }))).toEqual(
      reply('a1'),
    );
    expect(script(fakeRequest({ conversationId: 'y', index: 1, userTexts: ['do BETA'] }))).toEqual(
      reply(EXHAUSTED_TEXT),
    );
    expect(script(fakeRequest({ conversationId: 'z', userTexts: ['other'] }))).toMatchObject({
      type: 'reply',
    });
  });
});

describe('fake Anthropic server', () => {
  it('streams text and tool_use blocks with input_json deltas, stop reason and usage', async () => {
    const server = await anthropic([act(write('a.txt', 'hello\n'), bash('ls'))]);

    const response = await post(`${server.url}/v1/messages?beta=true`, {
      model: 'claude-x',
      stream: true,
      system: [{ type: 'text', text: WORKDIR }],
      messages: [{ role: 'user', content: 'go' }],
      tools: [{ name: 'Write' }, { name: 'Bash' }, { name: 'Read' }],
    });

    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const stream = events(await response.text());
    expect(stream.map((e) => e['type'])).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const json = stream
      .slice(3, 6)
      .map((e) => (e['delta'] as { partial_json: string }).partial_json)
      .join('');
    expect(JSON.parse(json)).toEqual({ file_path: '/work/repo/a.txt', content: 'hello\n' });
    expect(stream.at(-2)).toMatchObject({ delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 20 } });
    expect(server.requests[0]).toMatchObject({ cwd: '/work/repo', userTexts: ['go'], model: 'claude-x' });
    expect(server.problems).toEqual([]);
  });

  it('answers without streaming when not asked to stream, reading a file before editing it', async () => {
    const server = await anthropic([act(edit('src/a.ts', 'x', 'y'), edit('b.ts', 'p', 'q'))]);

    const response = await post(`${server.url}/v1/messages`, {
      model: 'claude-x',
      system: WORKDIR,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'edit' }] },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 't', name: 'Read', input: { file_path: 'b.ts' } }],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'p', is_error: false }] },
      ],
      tools: [{ name: 'Read' }, { name: 'Edit' }],
    });

    const message = (await response.json()) as {
      content: Array<{ name: string; input: unknown }>;
      stop_reason: string;
    };
    expect(message.stop_reason).toBe('tool_use');
    // b.ts was read earlier in the conversation, src/a.ts was not.
    expect(message.content.map((block) => [block.name, block.input])).toEqual([
      ['Read', { file_path: '/work/repo/src/a.ts' }],
      ['Edit', { file_path: '/work/repo/src/a.ts', old_string: 'x', new_string: 'y' }],
      ['Edit', { file_path: '/work/repo/b.ts', old_string: 'p', new_string: 'q' }],
    ]);
    expect(server.requests[0]?.toolResults).toEqual([{ callId: 't', content: 'p', isError: false }]);
  });

  it('maps failures to Anthropic statuses, error types and headers', async () => {
    const server = await anthropic([rateLimited(7), usageLimited(60), overloaded()]);
    const ask = (): Promise<Response> =>
      post(
        `${server.url}/v1/messages`,
        { messages: [{ role: 'user', content: 'x' }] },
        { 'x-claude-code-session-id': 's' },
      );

    const limited = await ask();
    expect([limited.status, limited.headers.get('retry-after'), await limited.json()]).toEqual([
      429,
      '7',
      {
        type: 'error',
        error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit' },
      },
    ]);
    const usage = await ask();
    expect([usage.status, usage.headers.get('anthropic-ratelimit-unified-status')]).toEqual([
      429,
      'rejected',
    ]);
    const busy = await ask();
    expect([busy.status, ((await busy.json()) as { error: { type: string } }).error.type]).toEqual([
      529,
      'overloaded_error',
    ]);
    expect(server.requests.map((r) => [r.conversationId, r.index])).toEqual([
      ['s', 0],
      ['s', 1],
      ['s', 2],
    ]);
  });

  it('records a problem and ends the conversation when the script runs out', async () => {
    const server = await anthropic([]);

    const response = await post(`${server.url}/v1/messages`, { messages: [{ role: 'user', content: 'x' }] });

    expect(((await response.json()) as { content: unknown }).content).toEqual([
      { type: 'text', text: EXHAUSTED_TEXT },
    ]);
    expect(server.problems).toEqual(['conversation x: no turn 0 (script has 0)']);
  });

  it('answers start-up endpoints harmlessly and records them', async () => {
    const server = await anthropic([]);

    expect(await (await post(`${server.url}/v1/messages/count_tokens`, { a: 'abcd' })).json()).toEqual({
      input_tokens: 3,
    });
    expect((await fetch(`${server.url}/v1/models`)).status).toBe(200);
    expect((await fetch(`${server.url}/`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${server.url}/v1/unknown`)).status).toBe(404);
    expect(server.otherRequests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/messages/count_tokens',
      'GET /v1/models',
      'HEAD /',
      'GET /v1/unknown',
    ]);
    expect(server.requests).toEqual([]);
  });

  it('records and refuses any attempt to use it as a proxy', async () => {
    const server = await anthropic([]);
    const { port } = new URL(server.url);
    const absolute = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: 'http://example.com/x' }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject).end();
    });
    const tunnel = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'CONNECT', path: 'example.com:443' });
      req.on('connect', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode);
      });
      req.on('error', reject).end();
    });

    expect([absolute, tunnel]).toEqual([403, 403]);
    expect(server.otherRequests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET http://example.com/x',
      'CONNECT example.com:443',
    ]);
  });

  it('holds a hanging request open until the server closes', async () => {
    const server = await anthropic([hang()]);
    const pending = post(`${server.url}/v1/messages`, { messages: [{ role: 'user', content: 'x' }] });
    const settled = pending.then(
      () => 'answered',
      () => 'dropped',
    );

    await until(() => server.requests.length === 1);
    await server.close();

    expect(await settled).toBe('dropped');
  });
});

describe('fake OpenAI Responses server', () => {
  const input = (text: string): unknown[] => [
    { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'ROLE' }] },
    {
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: '<environment_context><cwd>/w</cwd>' }],
    },
    { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
  ];

  async function calls(
    server: ModelServer,
    tools: unknown[],
    extraInput: unknown[] = [],
  ): Promise<unknown[]> {
    const response = await post(`${server.url}/responses`, {
      model: 'gpt-x',
      stream: true,
      input: [...input('go'), ...extraInput],
      tools,
    });
    const done = events(await response.text()).filter((e) => e['type'] === 'response.output_item.done');
    return done.map((e) => e['item']);
  }

  it('streams a message and a completed response with usage', async () => {
    const server = await openai([
      reply('hello there', { inputTokens: 5, outputTokens: 2, cachedInputTokens: 1 }),
    ]);

    const response = await post(`${server.url}/responses`, {
      model: 'gpt-x',
      stream: true,
      input: input('hi'),
    });
    const stream = events(await response.text());

    expect(stream.map((e) => e['type'])).toEqual([
      'response.created',
      'response.output_item.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(stream.at(-1)).toMatchObject({
      response: {
        status: 'completed',
        usage: {
          input_tokens: 5,
          input_tokens_details: { cached_tokens: 1 },
          output_tokens: 2,
          total_tokens: 7,
        },
      },
    });
    expect(server.requests[0]).toMatchObject({
      system: 'ROLE',
      cwd: '/w',
      userTexts: ['<environment_context><cwd>/w</cwd>', 'hi'],
    });
  });

  it('uses exec_command for commands and apply_patch heredocs for files when those are the tools', async () => {
    const server = await openai([act(bash('ls -la'), write('a.txt', 'x\ny\n'), edit('a.txt', 'y', 'z'))]);

    const items = await calls(server, [{ type: 'function', name: 'exec_command' }]);

    expect(items).toMatchObject([
      { type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd: 'ls -la' }) },
      {
        type: 'function_call',
        name: 'exec_command',
        arguments: JSON.stringify({
          cmd: "apply_patch <<'ORCHESTRA_PATCH'\n*** Begin Patch\n*** Add File: a.txt\n+x\n+y\n*** End Patch\nORCHESTRA_PATCH\n",
        }),
      },
      {
        type: 'function_call',
        arguments: JSON.stringify({
          cmd: "apply_patch <<'ORCHESTRA_PATCH'\n*** Begin Patch\n*** Update File: a.txt\n@@\n-y\n+z\n*** End Patch\nORCHESTRA_PATCH\n",
        }),
      },
    ]);
    expect(server.problems).toEqual([]);
  });

  it('uses a freeform apply_patch tool when one is offered', async () => {
    const server = await openai([act(write('a.txt', 'x\n'))]);

    const items = await calls(server, [{ type: 'custom', name: 'apply_patch' }]);

    expect(items).toMatchObject([
      {
        type: 'custom_tool_call',
        name: 'apply_patch',
        input: '*** Begin Patch\n*** Add File: a.txt\n+x\n*** End Patch\n',
      },
    ]);
  });

  it('writes one code-mode script per turn when the only tool is exec, found in additional_tools', async () => {
    const server = await openai([act(write('a.txt', 'x\n'), bash('ls'))]);
    const additional = {
      type: 'additional_tools',
      role: 'developer',
      tools: [{ type: 'namespace', name: 'functions', tools: [{ type: 'custom', name: 'exec' }] }],
    };

    const items = await calls(server, [], [additional]);

    expect(items).toEqual([
      expect.objectContaining({
        type: 'custom_tool_call',
        name: 'exec',
        input:
          'text(JSON.stringify(await tools.apply_patch("*** Begin Patch\\n*** Add File: a.txt\\n+x\\n*** End Patch\\n")));\n' +
          'text(JSON.stringify(await tools.exec_command({ cmd: "ls", yield_time_ms: 30000 })));',
      }),
    ]);
    expect(server.requests[0]?.toolNames).toEqual(['exec']);
  });

  it('records a problem when a raw tool call names a tool the CLI did not offer', async () => {
    const server = await openai([act(tool('view_image', { path: 'a.png' }))]);

    const items = await calls(server, [{ type: 'function', name: 'exec_command' }]);

    expect(items).toMatchObject([
      { type: 'function_call', name: 'view_image', arguments: '{"path":"a.png"}' },
    ]);
    expect(server.problems).toEqual(['the CLI did not offer tool view_image']);
  });

  it('maps failures to OpenAI statuses and error types', async () => {
    const server = await openai([rateLimited(3), usageLimited(60), overloaded()]);
    const ask = (): Promise<Response> =>
      post(`${server.url}/responses`, { input: input('x') }, { 'session-id': 's' });

    const limited = await ask();
    expect([limited.status, limited.headers.get('retry-after'), await limited.json()]).toEqual([
      429,
      '3',
      {
        error: {
          type: 'rate_limit_exceeded',
          code: 'rate_limit_exceeded',
          message: 'Rate limit reached for requests. Please try again in 3s.',
        },
      },
    ]);
    const usage = await ask();
    expect([usage.status, ((await usage.json()) as { error: { type: string } }).error.type]).toEqual([
      429,
      'usage_limit_reached',
    ]);
    const busy = await ask();
    expect([busy.status, ((await busy.json()) as { error: { code: string } }).error.code]).toEqual([
      503,
      'server_is_overloaded',
    ]);
    expect(server.requests.map((r) => r.index)).toEqual([0, 1, 2]);
  });
});
