/**
 * A scripted OpenAI Responses API on 127.0.0.1, enough for the real Codex CLI (`codex exec`) to
 * run whole agent loops with real tool calls and no network.
 * Findings about the CLI itself are in docs/agents-notes.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** An output item of a Responses API answer. */
type OutputItem = Readonly<Record<string, unknown>> & { readonly type: string; readonly id: string };

/** How the CLI offered a tool: a JSON-arguments function or a freeform (custom) tool. */
type ToolKind = 'function' | 'custom';

/** The provider id the CLI is configured with (see {@link codexArgs}). */
export const CODEX_PROVIDER = 'mock';

/**
 * Starts a fake OpenAI Responses API driven by `script`. Give `url` (it ends in `/v1`) to the CLI
 * as the provider's base_url (see {@link codexArgs}).
 */
export function startOpenAIServer(script: ModelScript): Promise<ModelServer> {
  let counter = 0;
  const nextId = (prefix: string): string => `${prefix}_mock_${String(++counter).padStart(4, '0')}`;
  return startModelServer({
    script,
    urlPath: '/v1',
    handle: (raw, res, context) => handle(raw, res, context, nextId),
  });
}

/** The provider table and start-up switches, as TOML `key = value` lines (keys relative to the root). */
function codexSettings(url: string, maxRetries: number): Array<readonly [string, string]> {
  const retries = String(maxRetries);
  return [
    [
      `model_providers.${CODEX_PROVIDER}`,
      `{name="${CODEX_PROVIDER}",base_url="${url}",env_key="OPENAI_API_KEY",wire_api="responses",` +
        `request_max_retries=${retries},stream_max_retries=${retries}}`,
    ],
    ['model_provider', `"${CODEX_PROVIDER}"`],
    // Without these two, Codex 0.169 syncs curated plugins from github.com and chatgpt.com and
    // exports metrics to ab.chatgpt.com at start-up.
    ['features.plugins', 'false'],
    ['analytics.enabled', 'false'],
  ];
}

/**
 * The environment for a `codex` run against `url` that reads no user config and can reach nothing
 * but the fake server. Also writes `<home>/.codex/config.toml` pointing Codex at the server, so a
 * run whose argv says nothing about providers (an adapter's own command line) uses it too.
 * Build the child's env from this alone (execa `extendEnv: false`).
 */
export function codexEnv(options: {
  /** The fake server's `url`. */
  readonly url: string;
  /** A temp folder used as HOME; CODEX_HOME is `<home>/.codex`. */
  readonly home: string;
  /** Codex's own retries of failed requests / dropped streams (0 by default, so tests stay fast). */
  readonly maxRetries?: number;
}): Record<string, string> {
  const codexHome = join(options.home, '.codex');
  mkdirSync(codexHome, { recursive: true });
  const toml = codexSettings(options.url, options.maxRetries ?? 0).map(
    ([key, value]) => `${key} = ${value}\n`,
  );
  writeFileSync(join(codexHome, 'config.toml'), toml.join(''));
  const origin = new URL(options.url).origin;
  return {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: options.home,
    SHELL: '/bin/bash',
    CODEX_HOME: codexHome,
    OPENAI_API_KEY: 'test-key',
    // Anything that ignores the provider's base_url would go through this "proxy": the fake
    // server, which records and refuses it (see ModelServer.otherRequests).
    HTTP_PROXY: origin,
    HTTPS_PROXY: origin,
    http_proxy: origin,
    https_proxy: origin,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  };
}

/** Options of {@link codexArgs}. */
export interface CodexArgsOptions {
  /**
   * `-m`. Without it Codex uses its default model, which this version drives in "code mode": the
   * only tool is a JavaScript `exec` that calls apply_patch and exec_command. Any other name gets
   * plain function tools (exec_command; patches go through it as `apply_patch <<EOF`).
   */
  readonly model?: string;
  /**
   * `workspace-write` (the default) uses Codex's own sandbox, which works in this container;
   * `bypass` is `--dangerously-bypass-approvals-and-sandbox`.
   */
  readonly sandbox?: 'workspace-write' | 'bypass';
  /** Codex's own retries of failed requests / dropped streams (0 by default, so tests stay fast). */
  readonly maxRetries?: number;
  /** More arguments before the prompt. */
  readonly extra?: readonly string[];
}

/**
 * The argv (after `codex`) for `codex exec --json` against the fake server at `url`. It repeats
 * the settings of {@link codexEnv}'s config.toml as `-c` flags, so it is complete on its own.
 */
export function codexArgs(url: string, prompt: string, options: CodexArgsOptions = {}): string[] {
  return [
    'exec',
    '--json',
    '--skip-git-repo-check',
    ...codexSettings(url, options.maxRetries ?? 0).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
    ...(options.model === undefined ? [] : ['-m', options.model]),
    ...(options.sandbox === 'bypass'
      ? ['--dangerously-bypass-approvals-and-sandbox']
      : ['-s', 'workspace-write']),
    ...(options.extra ?? []),
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
  if (raw.method === 'POST' && path === '/v1/responses') {
    const body = parseJson(raw.body);
    const tools = offeredTools(body);
    const { request, turn } = context.take(parseRequest(raw, body, tools));
    respond(res, turn, {
      model: request.model,
      stream: request.stream,
      tools,
      nextId,
      problem: (text) => context.problem(text),
    });
    return;
  }
  context.other(raw);
  if (raw.method === 'GET' && path === '/v1/models') {
    sendJson(res, 200, { object: 'list', data: [], models: [] });
  } else {
    sendJson(res, 404, { error: { type: 'invalid_request_error', message: `no ${raw.method} ${path}` } });
  }
}

/** Every tool the request offers, top-level or nested in namespaces and `additional_tools` items. */
function offeredTools(body: unknown): Map<string, ToolKind> {
  const tools = new Map<string, ToolKind>();
  const collect = (list: unknown): void => {
    for (const entry of asArray(list)) {
      const type = stringField(entry, 'type');
      const name = stringField(entry, 'name');
      if (type === 'namespace') collect(asRecord(entry)?.['tools']);
      else if ((type === 'function' || type === 'custom') && name !== undefined) tools.set(name, type);
    }
  };
  const record = asRecord(body);
  collect(record?.['tools']);
  for (const item of asArray(record?.['input'])) {
    // This Codex version sends its tools as an input item instead of the `tools` field.
    if (stringField(item, 'type') === 'additional_tools') collect(asRecord(item)?.['tools']);
  }
  return tools;
}

function parseRequest(
  raw: RawRequest,
  body: unknown,
  tools: ReadonlyMap<string, ToolKind>,
): ParsedModelRequest {
  const record = asRecord(body);
  const systemParts: string[] = [];
  const instructions = stringField(body, 'instructions');
  if (instructions) systemParts.push(instructions);
  const userTexts: string[] = [];
  const toolResults: ToolResult[] = [];
  for (const item of asArray(record?.['input'])) {
    const type = stringField(item, 'type') ?? 'message';
    const role = stringField(item, 'role');
    if (type === 'message' && (role === 'developer' || role === 'system')) {
      systemParts.push(...textsOf(asRecord(item)?.['content']));
    } else if (type === 'message' && role === 'user') {
      userTexts.push(...textsOf(asRecord(item)?.['content']));
    } else if (type === 'function_call_output' || type === 'custom_tool_call_output') {
      toolResults.push({
        callId: stringField(item, 'call_id') ?? '',
        content: textsOf(asRecord(item)?.['output']).join('\n'),
        isError: false,
      });
    }
  }
  const sessionId = raw.headers['session-id'] ?? stringField(body, 'prompt_cache_key');
  return {
    api: 'openai',
    conversationId: sessionId ?? userTexts[0] ?? '',
    model: stringField(body, 'model') ?? '',
    stream: record?.['stream'] === true,
    system: systemParts.join('\n'),
    userTexts,
    toolResults,
    toolNames: [...tools.keys()],
    cwd: userTexts.map((text) => /<cwd>([^<]+)<\/cwd>/.exec(text)?.[1]).find((cwd) => cwd !== undefined),
    headers: raw.headers,
    body,
  };
}

/** Text of a string or of the text parts of a content array. */
function textsOf(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  return asArray(content).flatMap((part) => {
    const type = stringField(part, 'type');
    return type === 'input_text' || type === 'output_text' || type === 'text'
      ? (stringField(part, 'text') ?? [])
      : [];
  });
}

interface RespondOptions {
  readonly model: string;
  readonly stream: boolean;
  readonly tools: ReadonlyMap<string, ToolKind>;
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
      sendResponse(res, [messageItem(turn.text, options)], turn.usage ?? DEFAULT_USAGE, options);
      return;
    case 'act': {
      const items = turn.text === undefined ? [] : [messageItem(turn.text, options)];
      items.push(...toolCalls(turn.actions, options));
      sendResponse(res, items, turn.usage ?? DEFAULT_USAGE, options);
      return;
    }
  }
}

function messageItem(text: string, options: RespondOptions): OutputItem {
  return {
    type: 'message',
    id: options.nextId('msg'),
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
}

/**
 * Translates actions into the calls the CLI offers. Codex's default model gets one JavaScript
 * `exec` tool ("code mode") whose script calls the real tools; other models get exec_command
 * (and apply_patch when offered) directly.
 */
function toolCalls(actions: readonly ScriptAction[], options: RespondOptions): OutputItem[] {
  const { tools } = options;
  const call = (name: string, input: unknown): OutputItem => {
    const kind = tools.get(name);
    if (kind === undefined) options.problem(`the CLI did not offer tool ${name}`);
    const callId = options.nextId('call');
    return kind === 'custom' || (kind === undefined && typeof input === 'string')
      ? {
          type: 'custom_tool_call',
          id: options.nextId('ctc'),
          call_id: callId,
          name,
          input: String(input),
          status: 'completed',
        }
      : {
          type: 'function_call',
          id: options.nextId('fc'),
          call_id: callId,
          name,
          arguments: JSON.stringify(input),
          status: 'completed',
        };
  };
  const codeMode = tools.get('exec') === 'custom' && !tools.has('exec_command');
  const items: OutputItem[] = [];
  const statements: string[] = [];
  for (const action of actions) {
    if (action.type === 'tool') {
      items.push(call(action.name, action.input));
    } else if (codeMode) {
      statements.push(codeModeStatement(action));
    } else if (action.type === 'bash') {
      items.push(
        tools.has('exec_command') || !tools.has('shell')
          ? call('exec_command', { cmd: action.command })
          : call('shell', { command: ['bash', '-lc', action.command] }),
      );
    } else {
      const patch = patchOf(action);
      const applyPatch = tools.get('apply_patch');
      if (applyPatch !== undefined)
        items.push(call('apply_patch', applyPatch === 'custom' ? patch : { input: patch }));
      // Codex intercepts an apply_patch heredoc in a shell command and applies it itself.
      else if (tools.has('exec_command') || !tools.has('shell'))
        items.push(call('exec_command', { cmd: heredoc(patch) }));
      else items.push(call('shell', { command: ['apply_patch', patch] }));
    }
  }
  // One script for the whole turn: the CLI runs it in order, like Claude's calls of one message.
  // Raw `tool` actions of the same turn come after it.
  if (statements.length > 0) items.unshift(call('exec', statements.join('\n')));
  return items;
}

function codeModeStatement(action: Exclude<ScriptAction, { type: 'tool' }>): string {
  const invocation =
    action.type === 'bash'
      ? `tools.exec_command({ cmd: ${JSON.stringify(action.command)}, yield_time_ms: 30000 })`
      : `tools.apply_patch(${JSON.stringify(patchOf(action))})`;
  return `text(JSON.stringify(await ${invocation}));`;
}

/** An apply_patch patch for a write (Add File) or an edit (one Update hunk of whole lines). */
function patchOf(action: Extract<ScriptAction, { type: 'write' | 'edit' }>): string {
  const lines = (text: string, prefix: string): string =>
    text === ''
      ? ''
      : text
          .replace(/\n$/, '')
          .split('\n')
          .map((line) => `${prefix}${line}\n`)
          .join('');
  const body =
    action.type === 'write'
      ? `*** Add File: ${action.path}\n${lines(action.content, '+')}`
      : `*** Update File: ${action.path}\n@@\n${lines(action.oldText, '-')}${lines(action.newText, '+')}`;
  return `*** Begin Patch\n${body}*** End Patch\n`;
}

function heredoc(patch: string): string {
  return `apply_patch <<'ORCHESTRA_PATCH'\n${patch}ORCHESTRA_PATCH\n`;
}

function sendResponse(
  res: ServerResponse,
  items: readonly OutputItem[],
  usage: ScriptUsage,
  options: RespondOptions,
): void {
  const id = options.nextId('resp');
  const cached = usage.cachedInputTokens ?? 0;
  const wireUsage = {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: cached },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
  const base = { id, object: 'response', created_at: Math.floor(Date.now() / 1000), model: options.model };
  const completed = { ...base, status: 'completed', output: items, usage: wireUsage };
  if (!options.stream) {
    sendJson(res, 200, completed);
    return;
  }
  startEventStream(res);
  sendEvent(res, { type: 'response.created', response: { ...base, status: 'in_progress', output: [] } });
  items.forEach((item, outputIndex) => {
    if (item.type === 'message') {
      sendEvent(res, {
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { ...item, content: [] },
      });
      const text = textsOf(item['content']).join('');
      for (const delta of pieces(text)) {
        sendEvent(res, {
          type: 'response.output_text.delta',
          item_id: item.id,
          output_index: outputIndex,
          content_index: 0,
          delta,
        });
      }
    } else {
      sendEvent(res, { type: 'response.output_item.added', output_index: outputIndex, item });
    }
    sendEvent(res, { type: 'response.output_item.done', output_index: outputIndex, item });
  });
  sendEvent(res, { type: 'response.completed', response: completed });
  res.end();
}

function sendFailure(res: ServerResponse, turn: Extract<ScriptTurn, { type: 'fail' }>): void {
  const retryAfter =
    turn.retryAfterSeconds === undefined ? {} : { 'retry-after': String(turn.retryAfterSeconds) };
  switch (turn.kind) {
    case 'rate-limit': {
      const wait = turn.retryAfterSeconds ?? 1;
      const message = turn.message ?? `Rate limit reached for requests. Please try again in ${wait}s.`;
      sendJson(
        res,
        429,
        { error: { type: 'rate_limit_exceeded', code: 'rate_limit_exceeded', message } },
        retryAfter,
      );
      return;
    }
    case 'usage-limit': {
      const resetsIn = turn.retryAfterSeconds ?? 3600;
      const error = {
        type: 'usage_limit_reached',
        message: turn.message ?? 'The usage limit has been reached',
        plan_type: 'plus',
        resets_in_seconds: resetsIn,
        resets_at: Math.floor(Date.now() / 1000) + resetsIn,
      };
      sendJson(res, 429, { error }, retryAfter);
      return;
    }
    case 'overloaded':
      sendJson(
        res,
        503,
        {
          error: {
            type: 'server_error',
            code: 'server_is_overloaded',
            message: turn.message ?? 'The server is overloaded',
          },
        },
        retryAfter,
      );
      return;
    case 'server-error':
      sendJson(
        res,
        500,
        { error: { type: 'server_error', message: turn.message ?? 'Internal server error' } },
        retryAfter,
      );
      return;
  }
}
