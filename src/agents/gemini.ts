import { get, isObject, jsonLines, lastJsonDocument, num, str, type JsonObject } from './json-lines.js';
import { rateLimitFrom } from './rate-limit.js';
import {
  clipSummary,
  lastNonEmptyLine,
  makeReport,
  nonJsonLines,
  promptWithInstructions,
  sum,
} from './text.js';
import { fitsInArgument } from './argv-limit.js';
import type { AgentAdapter, AgentReport, AgentRequest } from './types.js';

const STDIN_POINTER = '(The task is above.)';

/**
 * Google Gemini CLI (`gemini`), headless.
 *
 * - `--prompt=<prompt>`: headless mode with this prompt (the role's instructions prepended: the CLI has
 *   no flag for a system prompt addition). A prompt too long for one argument goes on stdin.
 * - `--output-format=stream-json`: JSONL events (`init` with the session id, `message`, `tool_use`,
 *   `tool_result`, `error`, and a final `result` with status, stats and error).
 * - `--approval-mode=yolo`: tools run without approval (`--yolo` is the deprecated spelling).
 * - `--skip-trust`: trust the sandbox folder for this session; with folder trust enabled an untrusted
 *   folder forces the approval mode back to `default`, which stalls a headless run.
 */
export const geminiAgent: AgentAdapter = {
  name: 'gemini',

  build(req: AgentRequest) {
    const prompt = promptWithInstructions(req);
    const inArgv = fitsInArgument(`--prompt=${prompt}`);
    return {
      argv: [
        'gemini',
        // The CLI appends `--prompt` to what it reads on stdin: a prompt too long for an argument goes
        // there, and the option, which keeps it headless, only points at it.
        inArgv ? `--prompt=${prompt}` : `--prompt=${STDIN_POINTER}`,
        '--output-format=stream-json',
        '--approval-mode=yolo',
        '--skip-trust',
        ...(req.model ? [`--model=${req.model}`] : []),
        ...req.extraArgs,
      ],
      ...(inArgv ? {} : { stdin: prompt }),
      env: {},
    };
  },

  report(tail: string, exitCode: number, head?: string): AgentReport {
    const events = jsonLines(tail).filter((e) => typeof e.type === 'string');
    if (events.length === 0) return reportSingleJson(tail, exitCode);
    const sessionId = sessionOf(events) ?? (head === undefined ? undefined : sessionOf(jsonLines(head)));
    const result = events.findLast((e) => e.type === 'result');
    const failure =
      result?.status === 'error'
        ? (str(result, 'error', 'message') ?? 'gemini reported an error')
        : exitCode === 0
          ? undefined
          : (lastNonEmptyLine(nonJsonLines(tail).join('\n')) ??
            events.map((e) => (e.type === 'error' ? str(e, 'message') : undefined)).findLast(Boolean));
    return makeReport({
      summary: clipSummary(finalAssistantText(events) || failure),
      sessionId,
      inputTokens: num(result, 'stats', 'input_tokens'),
      outputTokens: num(result, 'stats', 'output_tokens'),
      rateLimited: rateLimitFrom(failure),
    });
  },
};

function sessionOf(events: JsonObject[]): string | undefined {
  return str(
    events.find((e) => e.type === 'init'),
    'session_id',
  );
}

/** The assistant's text after its last tool call: chunks (`delta: true`) are joined. */
function finalAssistantText(events: JsonObject[]): string {
  let text = '';
  let afterTool = false;
  for (const event of events) {
    if (event.type === 'tool_use' || event.type === 'tool_result') afterTool = true;
    if (event.type !== 'message' || event.role !== 'assistant') continue;
    if (afterTool) {
      text = '';
      afterTool = false;
    }
    const content = str(event, 'content') ?? '';
    text = event.delta === true ? text + content : content;
  }
  return text;
}

/** `--output-format=json` (set through extraArgs): one pretty-printed object at the end. */
function reportSingleJson(tail: string, exitCode: number): AgentReport {
  const doc = lastJsonDocument(tail);
  if (doc === undefined) {
    const text = nonJsonLines(tail).join('\n');
    return makeReport({
      summary: clipSummary(lastNonEmptyLine(text)),
      rateLimited: exitCode === 0 ? undefined : rateLimitFrom(text),
    });
  }
  const models = get(doc, 'stats', 'models');
  const perModel = isObject(models) ? Object.values(models) : [];
  const failure = str(doc, 'error', 'message');
  return makeReport({
    summary: clipSummary(str(doc, 'response') ?? failure),
    sessionId: str(doc, 'session_id'),
    inputTokens: sum(...perModel.map((m) => num(m, 'tokens', 'prompt'))),
    outputTokens: sum(
      ...perModel.map((m) => sum(num(m, 'tokens', 'candidates'), num(m, 'tokens', 'thoughts'))),
    ),
    rateLimited: rateLimitFrom(failure),
  });
}
