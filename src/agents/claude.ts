import { jsonLines, num, str, type JsonObject } from './json-lines.js';
import { rateLimitFrom } from './rate-limit.js';
import { clipSummary, lastNonEmptyLine, makeReport, nonJsonLines, sum } from './text.js';
import type { AgentAdapter, AgentReport, AgentRequest } from './types.js';

/**
 * Claude Code (`claude`), non-interactive.
 *
 * - `-p --output-format=stream-json --verbose`: one JSON event per line, ending with a `result` event
 *   that carries the final message, session id, usage and cost (stream-json requires --verbose in -p).
 * - `--permission-mode=acceptEdits --allowedTools=Bash`: edits inside the working directory (the
 *   sandbox) and any Bash command run without asking; anything else is denied, not prompted. Not
 *   `bypassPermissions`: Claude Code refuses it when running as root (containers, CI) unless IS_SANDBOX=1.
 *   The `=` form matters: `--allowedTools` takes several values and would swallow a following argument.
 * - The prompt goes on stdin: no argv length limit, and no option can swallow it.
 * - Role instructions via `--append-system-prompt` (added to Claude Code's own system prompt).
 */
export const claudeAgent: AgentAdapter = {
  name: 'claude',

  build(req: AgentRequest) {
    const instructions = req.instructions?.trim();
    return {
      argv: [
        'claude',
        '-p',
        '--output-format=stream-json',
        '--verbose',
        '--permission-mode=acceptEdits',
        '--allowedTools=Bash',
        ...(instructions ? [`--append-system-prompt=${instructions}`] : []),
        ...(req.model ? [`--model=${req.model}`] : []),
        ...req.extraArgs,
      ],
      stdin: req.prompt,
      env: {},
    };
  },

  report(tail: string): AgentReport {
    const events = jsonLines(tail);
    const result = events.findLast((e) => e.type === 'result');
    if (result === undefined) return reportWithoutResult(tail, events);
    const isError = result.is_error === true;
    const message = str(result, 'result') ?? errorsOf(result);
    const status = num(result, 'api_error_status');
    return makeReport({
      summary: clipSummary(
        message ?? (isError ? `claude stopped: ${str(result, 'subtype') ?? 'error'}` : undefined),
      ),
      sessionId: str(result, 'session_id'),
      inputTokens: sum(
        num(result, 'usage', 'input_tokens'),
        num(result, 'usage', 'cache_creation_input_tokens'),
        num(result, 'usage', 'cache_read_input_tokens'),
      ),
      outputTokens: num(result, 'usage', 'output_tokens'),
      costUsd: num(result, 'total_cost_usd'),
      rateLimited: isError
        ? rateLimitFrom(status === undefined ? message : `${status} ${message ?? ''}`)
        : undefined,
    });
  },
};

/** Newer versions list what went wrong in `errors` when there is no `result` text. */
function errorsOf(result: JsonObject): string | undefined {
  const errors = result.errors;
  if (!Array.isArray(errors)) return undefined;
  const texts = errors.filter((e): e is string => typeof e === 'string');
  return texts.length > 0 ? texts.join('\n') : undefined;
}

/** Claude died before its result event (bad flag, no credentials): its last words are plain text. */
function reportWithoutResult(tail: string, events: JsonObject[]): AgentReport {
  const text = nonJsonLines(tail).join('\n');
  const sessionId = events.map((e) => str(e, 'session_id')).findLast((id) => id !== undefined);
  return makeReport({
    summary: clipSummary(lastNonEmptyLine(text)),
    sessionId,
    rateLimited: rateLimitFrom(text),
  });
}
