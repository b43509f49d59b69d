import { jsonLines, num, str, type JsonObject } from './json-lines.js';
import { rateLimitFrom } from './rate-limit.js';
import { clipSummary, lastNonEmptyLine, makeReport, nonJsonLines, sum } from './text.js';
import type { AgentAdapter, AgentReport, AgentRequest } from './types.js';

/**
 * OpenAI Codex CLI (`codex exec`), non-interactive.
 *
 * - `--json`: JSONL events (`thread.started` with the session id, `item.completed` items among which
 *   `agent_message`, `turn.completed` with usage, `turn.failed` with the error).
 * - `--config=sandbox_mode="danger-full-access"` and `--config=approval_policy="never"`: commands run
 *   without Codex's own sandbox and without approval prompts. Codex's `workspace-write` sandbox depends
 *   on Linux kernel features (Landlock/seccomp, user namespaces) that containers often block; orchestra
 *   already gives each task its own checkout. Set through `--config` rather than `--sandbox` or
 *   `--dangerously-bypass-approvals-and-sandbox` so that a user's `--sandbox=workspace-write` in
 *   extraArgs still wins (a second `--sandbox` flag would be a usage error).
 * - `--skip-git-repo-check` (sandboxes of type `copy`/`none` may not be repositories), `--cd=<sandbox>`.
 * - Role instructions as `developer_instructions` (Codex sends them as a developer message next to its
 *   own instructions), the prompt on stdin (`-`).
 */
export const codexAgent: AgentAdapter = {
  name: 'codex',

  build(req: AgentRequest) {
    const instructions = req.instructions?.trim();
    return {
      argv: [
        'codex',
        'exec',
        '--json',
        '--skip-git-repo-check',
        '--config=sandbox_mode="danger-full-access"',
        '--config=approval_policy="never"',
        `--cd=${req.sandboxPath}`,
        ...(req.model ? [`--model=${req.model}`] : []),
        ...(instructions ? [`--config=developer_instructions=${tomlString(instructions)}`] : []),
        ...req.extraArgs,
        // The prompt is read from stdin; kept last so that no option of extraArgs can take it as a value.
        '-',
      ],
      stdin: req.prompt,
      env: {},
    };
  },

  report(tail: string, exitCode: number, head?: string): AgentReport {
    const events = jsonLines(tail);
    const sessionId = threadId(events) ?? (head === undefined ? undefined : threadId(jsonLines(head)));
    const message = events
      .filter((e) => e.type === 'item.completed' && str(e, 'item', 'type') === 'agent_message')
      .map((e) => str(e, 'item', 'text'))
      .findLast((text) => text !== undefined);
    const usages = events.filter((e) => e.type === 'turn.completed');
    const failure =
      events
        .map((e) => (e.type === 'turn.failed' ? str(e, 'error', 'message') : undefined))
        .findLast(Boolean) ?? (exitCode === 0 ? undefined : lastError(events, tail));
    return makeReport({
      summary: clipSummary(message ?? failure),
      sessionId,
      // input_tokens already counts cached input (OpenAI usage semantics), output_tokens reasoning.
      inputTokens: sum(...usages.map((e) => num(e, 'usage', 'input_tokens'))),
      outputTokens: sum(...usages.map((e) => num(e, 'usage', 'output_tokens'))),
      rateLimited: rateLimitFrom(failure),
    });
  },
};

function threadId(events: JsonObject[]): string | undefined {
  return str(
    events.find((e) => e.type === 'thread.started'),
    'thread_id',
  );
}

/** Codex exited non-zero without `turn.failed`: its last `error` event, or its last plain-text line. */
function lastError(events: JsonObject[], tail: string): string | undefined {
  const error = events.map((e) => (e.type === 'error' ? str(e, 'message') : undefined)).findLast(Boolean);
  return error ?? lastNonEmptyLine(nonJsonLines(tail).join('\n'));
}

/**
 * A TOML basic string. `--config` values are parsed as TOML, and one that does not parse is taken
 * literally, so unquoted text that happens to be valid TOML (`true`, `[a]`) would change type.
 */
export function tomlString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    // A lone surrogate cannot be encoded in TOML (or UTF-8).
    else if (code >= 0xd800 && code <= 0xdfff) out += '\uFFFD';
    else out += char;
  }
  return `${out}"`;
}
