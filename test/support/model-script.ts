/**
 * Scripts for the fake model servers (`anthropic-server.ts`, `openai-server.ts`).
 *
 * A script says what the "model" answers to each request a real agent CLI sends. It is written in
 * agent-neutral terms (write a file, edit a file, run a command, reply with text, fail with a rate
 * limit); each server translates a turn into its own wire format and into the tools its CLI offers
 * (Claude Code's Write/Edit/Bash, Codex's apply_patch/exec_command), so one script can drive either.
 */

/** Token counts a scripted turn reports to the CLI. */
export interface ScriptUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Input tokens reported as read from the prompt cache. */
  readonly cachedInputTokens?: number;
}

/** Usage reported when a turn gives none: distinctive numbers, so tests can find them again. */
export const DEFAULT_USAGE: ScriptUsage = { inputTokens: 100, outputTokens: 20, cachedInputTokens: 0 };

/**
 * One thing the model asks the agent to do. Relative paths are resolved against the working
 * directory the CLI reports in its request, so one script fits sandboxes whose path is unknown.
 */
export type ScriptAction =
  /** Create (or overwrite) a file with exactly this content. */
  | { readonly type: 'write'; readonly path: string; readonly content: string }
  /**
   * Replace `oldText` with `newText` in an existing file. For Codex this becomes an apply_patch
   * hunk, so `oldText` must be whole lines.
   */
  | { readonly type: 'edit'; readonly path: string; readonly oldText: string; readonly newText: string }
  /** Run a shell command in the agent's working directory. */
  | { readonly type: 'bash'; readonly command: string }
  /**
   * A raw call of a tool by its CLI-specific name. Anthropic: a tool_use block with this input.
   * OpenAI: a custom tool call when `input` is a string, else a function call with JSON arguments.
   */
  | { readonly type: 'tool'; readonly name: string; readonly input: unknown };

/** Why a scripted request fails; each server maps it to its provider's status, headers and body. */
export type FailureKind =
  /** Per-minute rate limit: Anthropic 429 rate_limit_error, OpenAI 429 rate_limit_exceeded. */
  | 'rate-limit'
  /** A plan's usage cap: Anthropic 429 with unified-limit headers, OpenAI 429 usage_limit_reached. */
  | 'usage-limit'
  /** Provider overloaded: Anthropic 529 overloaded_error, OpenAI 503 server_is_overloaded. */
  | 'overloaded'
  /** A plain 500. */
  | 'server-error';

/** What the model does for one request. */
export type ScriptTurn =
  /** Answer with text and end the turn (the CLI's final message). */
  | { readonly type: 'reply'; readonly text: string; readonly usage?: ScriptUsage }
  /** Call tools, optionally after some text; the CLI runs them and sends the results back. */
  | {
      readonly type: 'act';
      readonly actions: readonly ScriptAction[];
      readonly text?: string;
      readonly usage?: ScriptUsage;
    }
  /** Answer with an HTTP error instead of a message. */
  | {
      readonly type: 'fail';
      readonly kind: FailureKind;
      readonly message?: string;
      /** Sent as the retry-after header (seconds) and, for usage limits, as the reset time. */
      readonly retryAfterSeconds?: number;
    }
  /** Never answer (until the server closes): for timeout and cancellation tests. */
  | { readonly type: 'hang' };

/** A tool result the CLI sent back to the model. */
export interface ToolResult {
  readonly callId: string;
  readonly content: string;
  readonly isError: boolean;
}

/** A normalised view of one model request, the same for both providers. */
export interface ModelRequest {
  readonly api: 'anthropic' | 'openai';
  /** The CLI's session id when it sends one, otherwise the first user text. */
  readonly conversationId: string;
  /** 0-based position of this request in its conversation: every request consumes one turn. */
  readonly index: number;
  /** 0-based position of this request among every model request the server received. */
  readonly serverIndex: number;
  readonly model: string;
  readonly stream: boolean;
  /** System prompt text: Anthropic `system` blocks, OpenAI `instructions` and developer messages. */
  readonly system: string;
  /** Every text the user role sent (prompt, injected context), oldest first; never tool results. */
  readonly userTexts: readonly string[];
  /** Every tool result in the history, oldest first. */
  readonly toolResults: readonly ToolResult[];
  /** Names of the tools the CLI offered (OpenAI: including those nested in namespaces). */
  readonly toolNames: readonly string[];
  /** The working directory the CLI told the model about, if it did. */
  readonly cwd: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body exactly as received. */
  readonly body: unknown;
}

/** A function from a request to the turn that answers it. */
export type ScriptFn = (request: ModelRequest) => ScriptTurn;

/**
 * What drives a server: an ordered list of turns (request `index` n of every conversation gets
 * turn n), or a function for anything smarter (see {@link byPrompt}).
 */
export type ModelScript = readonly ScriptTurn[] | ScriptFn;

/** The text a server answers with when a script has no turn for a request. */
export const EXHAUSTED_TEXT = '[model-script] script exhausted';

/** The result of asking a script for a turn. */
export interface ScriptAnswer {
  readonly turn: ScriptTurn;
  /** Set when the script could not answer properly; the server records it as a problem. */
  readonly problem?: string;
}

/**
 * Picks the turn for a request. An exhausted script ends the conversation with a visible text
 * instead of an error: an HTTP error would make the CLI retry for a long while.
 */
export function answer(script: ModelScript, request: ModelRequest): ScriptAnswer {
  if (typeof script === 'function') return { turn: script(request) };
  const turn = script[request.index];
  if (turn !== undefined) return { turn };
  return {
    turn: reply(EXHAUSTED_TEXT),
    problem: `conversation ${request.conversationId}: no turn ${request.index} (script has ${script.length})`,
  };
}

/**
 * Routes each conversation to its own ordered turns by a marker in its user text, so several
 * concurrent CLI runs can share one server. The route is chosen on a conversation's first request
 * and kept, so later messages cannot switch it. A string key matches when any user text contains
 * it; routes are tried in order.
 */
export function byPrompt(
  routes:
    | Readonly<Record<string, readonly ScriptTurn[]>>
    | ReadonlyArray<readonly [string | RegExp, readonly ScriptTurn[]]>,
  fallback: ModelScript = [reply('[model-script] no route matched this prompt')],
): ScriptFn {
  const table: ReadonlyArray<readonly [string | RegExp, readonly ScriptTurn[]]> = Array.isArray(routes)
    ? (routes as ReadonlyArray<readonly [string | RegExp, readonly ScriptTurn[]]>)
    : Object.entries(routes as Readonly<Record<string, readonly ScriptTurn[]>>);
  const chosen = new Map<string, ModelScript>();
  return (request) => {
    let script = chosen.get(request.conversationId);
    if (script === undefined) {
      const text = request.userTexts.join('\n');
      const route = table.find(([key]) => (typeof key === 'string' ? text.includes(key) : key.test(text)));
      script = route?.[1] ?? fallback;
      chosen.set(request.conversationId, script);
    }
    return answer(script, request).turn;
  };
}

/** A final text answer. */
export function reply(text: string, usage?: ScriptUsage): ScriptTurn {
  return usage === undefined ? { type: 'reply', text } : { type: 'reply', text, usage };
}

/** A turn of tool calls, run by the CLI in order. */
export function act(...actions: ScriptAction[]): ScriptTurn {
  return { type: 'act', actions };
}

/** A turn that says something, then calls tools (both CLIs show the text as an assistant message). */
export function say(text: string, ...actions: ScriptAction[]): ScriptTurn {
  return { type: 'act', actions, text };
}

/** Write a whole file. */
export function write(path: string, content: string): ScriptAction {
  return { type: 'write', path, content };
}

/** Replace text in an existing file. */
export function edit(path: string, oldText: string, newText: string): ScriptAction {
  return { type: 'edit', path, oldText, newText };
}

/** Run a shell command. */
export function bash(command: string): ScriptAction {
  return { type: 'bash', command };
}

/** Call a tool by its CLI-specific name. */
export function tool(name: string, input: unknown): ScriptAction {
  return { type: 'tool', name, input };
}

/** A rate-limited request (429). */
export function rateLimited(retryAfterSeconds = 1, message?: string): ScriptTurn {
  return message === undefined
    ? { type: 'fail', kind: 'rate-limit', retryAfterSeconds }
    : { type: 'fail', kind: 'rate-limit', retryAfterSeconds, message };
}

/** A plan's usage cap reached (429 of the kind that does not clear in seconds). */
export function usageLimited(resetInSeconds = 3600): ScriptTurn {
  return { type: 'fail', kind: 'usage-limit', retryAfterSeconds: resetInSeconds };
}

/** An overloaded provider (Anthropic 529, OpenAI 503). */
export function overloaded(): ScriptTurn {
  return { type: 'fail', kind: 'overloaded' };
}

/** A request that is never answered. */
export function hang(): ScriptTurn {
  return { type: 'hang' };
}
