/**
 * A scripted Anthropic Messages API on 127.0.0.1, enough for the real Claude Code CLI
 * (`claude -p`) to run whole agent loops with real tool calls and no network.
 * Findings about the CLI itself are in docs/agents-notes.md.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ServerResponse } from 'node:http';
import { DEFAULT_USAGE } from './model-script.js';
import type { ModelScript, ScriptAction, ScriptTurn, ScriptUsage, ToolResult } from './model-script.js';
import {
  asArray,
  asRecord,
  parseJson,
  pieces,
  sendEvent,
  sendJson,
  startEventStream,
  startModelServer,
  stringField,
} from './model-server.js';
import type { ModelServer, ParsedModelRequest, RawRequest, ServerContext } from './model-server.js';

export type { ModelServer } from './model-server.js';

/** One content block of an Anthropic assistant message. */
type ContentBlock =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'tool_use'; readonly id: string; readonly name: string; readonly input: unknown };

/** Tools whose calls make Claude Code remember a file as read (it refuses Write/Edit otherwise). */
const FILE_TOOLS = new Set(['Read', 'Write', 'Edit']);

/**
 * Starts a fake Anthropic API driven by `script`. Give `url` to the CLI as ANTHROPIC_BASE_URL
 * (see {@link claudeEnv}).
 */
export function startAnthropicServer(script: ModelScript): Promise<ModelServer> {
  let counter = 0;
  const nextId = (prefix: string): string => `${prefix}_mock_${String(++counter).padStart(4, '0')}`;
  return startModelServer({
    script,
    urlPath: '',
    handle: (raw, res, context) => handle(raw, res, context, nextId),
  });
}

/**
 * The environment for a `claude` run against `url` that reads no user config and can reach
 * nothing but the fake server. Build the child's env from this alone (execa `extendEnv: false`).
 */
export function claudeEnv(options: {
  /** The fake server's `url`. */
  readonly url: string;
  /** A temp folder used as HOME and, under it, the CLI's config dir. */
  readonly home: string;
  /**
   * The CLI's own retries of 429/5xx answers (it honours retry-after). 0, the default, makes a
   * rate limit end the run at once, which keeps tests fast.
   */
  readonly maxRetries?: number;
}): Record<string, string> {
  const origin = new URL(options.url).origin;
  return {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: options.home,
    SHELL: '/bin/bash',
    CLAUDE_CONFIG_DIR: join(options.home, '.claude'),
    ANTHROPIC_BASE_URL: options.url,
    ANTHROPIC_API_KEY: 'test-key',
    // Claude Code refuses bypassPermissions as root unless it believes it runs in a sandbox.
    IS_SANDBOX: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_MAX_RETRIES: String(options.maxRetries ?? 0),
    // Anything that ignores ANTHROPIC_BASE_URL would go through this "proxy": the fake server,
    // which records and refuses it (see ModelServer.otherRequests).
    HTTP_PROXY: origin,
    HTTPS_PROXY: origin,
    http_proxy: origin,
    https_proxy: origin,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  };
}

/**
 * The argv (after `claude`) for a non-interactive run that streams JSON lines and asks no
 * permission. The prompt comes last, after `--`, so a prompt starting with "-" is not an option.
 */
export function claudeArgs(prompt: string, extra: readonly string[] = []): string[] {
  return [
    '-p',
    '--output-format',
    'stream-json',
    // Claude Code refuses stream-json in print mode without it.
    '--verbose',
    '--permission-mode',
    'bypassPermissions',
    ...extra,
    '--',
    prompt,
  ];
}

function handle(
  raw: RawRequest,
  res: ServerResponse,
  context: ServerContext,
  nextId: (prefix: string) => string,
): void {
  const path = raw.path.split('?')[0] ?? raw.path;
  if (raw.method === 'POST' && path === '/v1/messages') {
    const body = parseJson(raw.body);
    const parsed = parseRequest(raw, body);
    const { request, turn } = context.take(parsed);
    respond(res, turn, {
      model: request.model,
      stream: request.stream,
      cwd: request.cwd,
      offered: new Set(request.toolNames),
      seen: filesSeen(body, request.cwd),
      nextId,
      problem: (text) => context.problem(text),
    });
    return;
  }
  context.other(raw);
  if (raw.method === 'POST' && path === '/v1/messages/count_tokens') {
    sendJson(res, 200, { input_tokens: Math.ceil(raw.body.length / 4) });
  } else if (raw.method === 'GET' && path === '/v1/models') {
    const model = {
      type: 'model',
      id: 'claude-mock',
      display_name: 'Mock',
      created_at: '2025-01-01T00:00:00Z',
    };
    sendJson(res, 200, { data: [model], has_more: false, first_id: model.id, last_id: model.id });
  } else if (path === '/') {
    // Claude Code sends HEAD / as a connectivity preflight.
    res.writeHead(200).end();
  } else {
    sendJson(res, 404, {
      type: 'error',
      error: { type: 'not_found_error', message: `no ${raw.method} ${path}` },
    });
  }
}

function parseRequest(raw: RawRequest, body: unknown): ParsedModelRequest {
  const record = asRecord(body);
  const messages = asArray(record?.['messages']);
  const systemParts = [...textsOf(record?.['system'])];
  const userTexts: string[] = [];
  const toolResults: ToolResult[] = [];
  for (const message of messages) {
    const role = stringField(message, 'role');
    const content = asRecord(message)?.['content'];
    // Claude Code also sends role "system" messages mid-conversation (agent and skill lists).
    if (role === 'system') systemParts.push(...textsOf(content));
    if (role !== 'user') continue;
    userTexts.push(...textsOf(content));
    for (const block of asArray(content)) {
      if (stringField(block, 'type') !== 'tool_result') continue;
      toolResults.push({
        callId: stringField(block, 'tool_use_id') ?? '',
        content: textsOf(asRecord(block)?.['content']).join('\n'),
        isError: asRecord(block)?.['is_error'] === true,
      });
    }
  }
  const system = systemParts.join('\n');
  const sessionId = raw.headers['x-claude-code-session-id'] ?? sessionFromMetadata(record?.['metadata']);
  return {
    api: 'anthropic',
    conversationId: sessionId ?? userTexts[0] ?? '',
    model: stringField(body, 'model') ?? '',
    stream: record?.['stream'] === true,
    system,
    userTexts,
    toolResults,
    toolNames: asArray(record?.['tools']).flatMap((t) => stringField(t, 'name') ?? []),
    cwd: /Primary working directory: (.+)/.exec(system)?.[1]?.trim(),
    headers: raw.headers,
    body,
  };
}

/** Text of a string or of the text blocks of a content array. */
function textsOf(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  return asArray(content).flatMap((block) =>
    stringField(block, 'type') === 'text' ? (stringField(block, 'text') ?? []) : [],
  );
}

function sessionFromMetadata(metadata: unknown): string | undefined {
  const userId = stringField(metadata, 'user_id');
  return userId === undefined ? undefined : stringField(parseJson(userId), 'session_id');
}

/** Absolute paths the conversation already read or wrote through Claude's file tools. */
function filesSeen(body: unknown, cwd: string | undefined): Set<string> {
  const seen = new Set<string>();
  for (const message of asArray(asRecord(body)?.['messages'])) {
    if (stringField(message, 'role') !== 'assistant') continue;
    for (const block of asArray(asRecord(message)?.['content'])) {
      const name = stringField(block, 'name');
      const filePath = stringField(asRecord(block)?.['input'], 'file_path');
      if (
        stringField(block, 'type') === 'tool_use' &&
        name !== undefined &&
        FILE_TOOLS.has(name) &&
        filePath
      ) {
        seen.add(absolute(filePath, cwd));
      }
    }
  }
  return seen;
}

function absolute(path: string, cwd: string | undefined): string {
  return cwd === undefined ? path : resolve(cwd, path);
}

interface RespondOptions {
  readonly model: string;
  readonly stream: boolean;
  readonly cwd: string | undefined;
  readonly offered: ReadonlySet<string>;
  readonly seen: Set<string>;
  readonly nextId: (prefix: string) => string;
  readonly problem: (text: string) => void;
}

function respond(res: ServerResponse, turn: ScriptTurn, options: RespondOptions): void {
  switch (turn.type) {
    case 'hang':
      // Leave the response open; ModelServer.close() drops the connection.
      return;
    case 'fail':
      sendFailure(res, turn);
      return;
    case 'reply':
      sendMessage(res, [{ type: 'text', text: turn.text }], 'end_turn', turn.usage ?? DEFAULT_USAGE, options);
      return;
    case 'act': {
      const blocks: ContentBlock[] = turn.text === undefined ? [] : [{ type: 'text', text: turn.text }];
      for (const action of turn.actions) blocks.push(...toolUses(action, options));
      sendMessage(res, blocks, 'tool_use', turn.usage ?? DEFAULT_USAGE, options);
      return;
    }
  }
}

/** Translates an action into Claude Code tool calls. */
function toolUses(action: ScriptAction, options: RespondOptions): ContentBlock[] {
  const call = (name: string, input: unknown): ContentBlock => {
    if (!options.offered.has(name)) options.problem(`the CLI did not offer tool ${name}`);
    return { type: 'tool_use', id: options.nextId('toolu'), name, input };
  };
  // Claude Code refuses to Write over or Edit a file this conversation has not read, so read it
  // first, in the same message: the CLI runs the calls of one message in order.
  const readFirst = (filePath: string, mustExist: boolean): ContentBlock[] => {
    if (options.seen.has(filePath) || (!mustExist && !existsSync(filePath))) return [];
    options.seen.add(filePath);
    return [call('Read', { file_path: filePath })];
  };
  switch (action.type) {
    case 'write': {
      const filePath = absolute(action.path, options.cwd);
      const read = readFirst(filePath, false);
      options.seen.add(filePath);
      return [...read, call('Write', { file_path: filePath, content: action.content })];
    }
    case 'edit': {
      const filePath = absolute(action.path, options.cwd);
      return [
        ...readFirst(filePath, true),
        call('Edit', { file_path: filePath, old_string: action.oldText, new_string: action.newText }),
      ];
    }
    case 'bash':
      return [call('Bash', { command: action.command, description: 'Run a scripted command' })];
    case 'tool':
      return [call(action.name, action.input)];
  }
}

function sendMessage(
  res: ServerResponse,
  blocks: readonly ContentBlock[],
  stopReason: 'end_turn' | 'tool_use',
  usage: ScriptUsage,
  options: RespondOptions,
): void {
  const id = options.nextId('msg');
  const cacheRead = usage.cachedInputTokens ?? 0;
  const finalUsage = {
    input_tokens: usage.inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cacheRead,
    output_tokens: usage.outputTokens,
  };
  const message = { id, type: 'message', role: 'assistant', model: options.model };
  if (!options.stream) {
    sendJson(res, 200, {
      ...message,
      content: blocks,
      stop_reason: stopReason,
      stop_sequence: null,
      usage: finalUsage,
    });
    return;
  }
  startEventStream(res);
  sendEvent(res, {
    type: 'message_start',
    message: {
      ...message,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...finalUsage, output_tokens: 1 },
    },
  });
  sendEvent(res, { type: 'ping' });
  blocks.forEach((block, index) => {
    if (block.type === 'text') {
      sendEvent(res, { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      for (const text of pieces(block.text)) {
        sendEvent(res, { type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
      }
    } else {
      sendEvent(res, {
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
      });
      for (const partial of pieces(JSON.stringify(block.input), 3)) {
        sendEvent(res, {
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: partial },
        });
      }
    }
    sendEvent(res, { type: 'content_block_stop', index });
  });
  sendEvent(res, {
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: usage.outputTokens },
  });
  sendEvent(res, { type: 'message_stop' });
  res.end();
}

function sendFailure(res: ServerResponse, turn: Extract<ScriptTurn, { type: 'fail' }>): void {
  const retryAfter =
    turn.retryAfterSeconds === undefined ? {} : { 'retry-after': String(turn.retryAfterSeconds) };
  const error = (type: string, message: string): unknown => ({ type: 'error', error: { type, message } });
  switch (turn.kind) {
    case 'rate-limit':
      sendJson(
        res,
        429,
        error('rate_limit_error', turn.message ?? 'Number of requests has exceeded your rate limit'),
        retryAfter,
      );
      return;
    case 'usage-limit': {
      const reset = Math.floor(Date.now() / 1000) + (turn.retryAfterSeconds ?? 3600);
      sendJson(
        res,
        429,
        error('rate_limit_error', turn.message ?? 'This request would exceed your usage limit'),
        {
          ...retryAfter,
          'anthropic-ratelimit-unified-status': 'rejected',
          'anthropic-ratelimit-unified-reset': String(reset),
          'anthropic-ratelimit-unified-representative-claim': 'five_hour',
        },
      );
      return;
    }
    case 'overloaded':
      sendJson(res, 529, error('overloaded_error', turn.message ?? 'Overloaded'), retryAfter);
      return;
    case 'server-error':
      sendJson(res, 500, error('api_error', turn.message ?? 'Internal server error'), retryAfter);
      return;
  }
}
