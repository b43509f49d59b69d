import { get, jsonLines, num, str, type JsonObject } from './json-lines.js';
import { rateLimitFrom } from './rate-limit.js';
import {
  clipSummary,
  lastNonEmptyLine,
  makeReport,
  nonJsonLines,
  promptWithInstructions,
  sum,
} from './text.js';
import type { AgentAdapter, AgentReport, AgentRequest } from './types.js';

/**
 * OpenCode (`opencode run`), non-interactive.
 *
 * - `--format=json`: JSONL events, each with the `sessionID` (`text` parts, `tool_use`, `step_finish`
 *   with the step's tokens and cost, `error`).
 * - The prompt (the role's instructions prepended) on stdin, which `opencode run` reads as the message.
 * - No permission flag: OpenCode allows edits and shell commands by default and, in `run`, rejects what
 *   its config says to ask about (such as paths outside the project), which keeps the agent in its
 *   sandbox. `--auto` in extraArgs approves those too.
 */
export const opencodeAgent: AgentAdapter = {
  name: 'opencode',

  build(req: AgentRequest) {
    return {
      argv: [
        'opencode',
        'run',
        '--format=json',
        ...(req.model ? [`--model=${req.model}`] : []),
        ...req.extraArgs,
      ],
      stdin: promptWithInstructions(req),
      env: {},
    };
  },

  /** Tokens and cost are summed over the steps still in the tail: a long run may report less than it used. */
  report(tail: string, exitCode: number): AgentReport {
    const events = jsonLines(tail).filter((e) => typeof e.type === 'string');
    const steps = events.filter((e) => e.type === 'step_finish');
    const lastError = events.findLast((e) => e.type === 'error');
    const failure =
      (lastError && errorMessage(lastError)) ??
      (exitCode === 0 ? undefined : lastNonEmptyLine(nonJsonLines(tail).join('\n')));
    const limited = rateLimitFrom(failure);
    const headerWait = lastError && retryAfterHeader(lastError);
    return makeReport({
      summary: clipSummary(
        events.map((e) => (e.type === 'text' ? str(e, 'part', 'text') : undefined)).findLast(Boolean) ??
          failure,
      ),
      sessionId: events.map((e) => str(e, 'sessionID')).findLast(Boolean),
      inputTokens: sum(
        ...steps.map((e) =>
          sum(
            num(e, 'part', 'tokens', 'input'),
            num(e, 'part', 'tokens', 'cache', 'read'),
            num(e, 'part', 'tokens', 'cache', 'write'),
          ),
        ),
      ),
      outputTokens: sum(
        ...steps.map((e) => sum(num(e, 'part', 'tokens', 'output'), num(e, 'part', 'tokens', 'reasoning'))),
      ),
      costUsd: sum(...steps.map((e) => num(e, 'part', 'cost'))),
      // The provider's own retry-after header (OpenCode passes the response headers on) beats the text.
      rateLimited: limited && headerWait !== undefined ? { retryAfterMs: headerWait } : limited,
    });
  },
};

/** `{"type":"error","error":{"name":"APIError","data":{"message":"…","statusCode":429}}}` */
function errorMessage(event: JsonObject): string {
  const error = get(event, 'error');
  const status = num(error, 'data', 'statusCode');
  const message = str(error, 'data', 'message') ?? str(error, 'message') ?? str(error, 'name') ?? 'error';
  return status === undefined ? message : `${status} ${message}`;
}

/** `retry-after-ms`, or `retry-after` in seconds or as an HTTP date, from `error.data.responseHeaders`. */
function retryAfterHeader(event: JsonObject, now = Date.now()): number | undefined {
  const headers = get(event, 'error', 'data', 'responseHeaders');
  const ms = str(headers, 'retry-after-ms')?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.round(Number(ms));
  const value = str(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
