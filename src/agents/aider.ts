import { rateLimitFrom } from './rate-limit.js';
import { clipSummary, makeReport, promptWithInstructions, sum } from './text.js';
import type { AgentAdapter, AgentReport, AgentRequest } from './types.js';

/**
 * Aider (`aider`), one message then exit.
 *
 * - `--message=<prompt>`: process this message and exit (the role's instructions prepended).
 * - `--yes-always`: answer every confirmation with yes (adding files, running commands).
 * - `--no-auto-commits --no-dirty-commits`: orchestra commits the attempt's changes itself.
 * - `--no-gitignore`: do not add `.aider*` to the project's .gitignore (a change to a tracked file).
 * - `--no-pretty --no-check-update`: plain output for the log, no update check.
 * - `--no-analytics`: aider asks a random subset of users to opt in to analytics, and `--yes-always`
 *   would answer yes on the user's behalf.
 */
export const aiderAgent: AgentAdapter = {
  name: 'aider',

  build(req: AgentRequest) {
    return {
      argv: [
        'aider',
        `--message=${promptWithInstructions(req)}`,
        '--yes-always',
        '--no-auto-commits',
        '--no-dirty-commits',
        '--no-gitignore',
        '--no-pretty',
        '--no-check-update',
        '--no-analytics',
        ...(req.model ? [`--model=${req.model}`] : []),
        ...req.extraArgs,
      ],
      env: {},
    };
  },

  report(tail: string): AgentReport {
    const lines = tail.split(/\r?\n/).map((line) => line.trim());
    let inputTokens: number | undefined;
    let outputTokens: number | undefined;
    let costUsd: number | undefined;
    let lastUsage = -1;
    let lastLimit = -1;
    let limitMessage: string | undefined;
    lines.forEach((line, index) => {
      const usage = parseUsage(line);
      if (usage) {
        inputTokens = sum(inputTokens, usage.input);
        outputTokens = sum(outputTokens, usage.output);
        costUsd = usage.sessionCost ?? costUsd;
        lastUsage = index;
      }
      // Aider's own wording around litellm errors; the model's reply text is deliberately not searched.
      if (/^litellm\.\w*(RateLimit|Overloaded|ServiceUnavailable)\w*Error|has rate limited you/.test(line)) {
        lastLimit = index;
        limitMessage = line;
      }
    });
    // A limit hit that aider's own retries got past is followed by a usage line.
    const rateLimited = lastLimit > lastUsage ? (rateLimitFrom(limitMessage) ?? {}) : undefined;
    return makeReport({
      summary: clipSummary(lastReply(lines, lastUsage)),
      inputTokens,
      outputTokens,
      costUsd,
      rateLimited,
    });
  },
};

/** "Tokens: 2.5k sent, 1.8k cache write, 2.4k cache hit, 243 received. Cost: $0.01 message, $0.02 session." */
function parseUsage(line: string): { input: number; output: number; sessionCost?: number } | undefined {
  if (!line.startsWith('Tokens: ')) return undefined;
  const amount = (label: string): number | undefined => {
    const match = new RegExp(`([\\d.,]+)\\s*([kKmM]?) ${label}\\b`).exec(line);
    if (!match) return undefined;
    const scale = { k: 1e3, m: 1e6 }[(match[2] ?? '').toLowerCase()] ?? 1;
    return Math.round(Number((match[1] ?? '0').replace(/,/g, '')) * scale);
  };
  const cost = /\$([\d.,]+) session/.exec(line);
  return {
    input: sum(amount('sent'), amount('cache write'), amount('cache hit')) ?? 0,
    output: amount('received') ?? 0,
    ...(cost ? { sessionCost: Number((cost[1] ?? '0').replace(/,/g, '')) } : {}),
  };
}

/**
 * The prose of the model's last reply: the lines before the last usage line (back to the previous one),
 * without edit blocks, code fences and aider's own status lines. Without a usage line (aider failed
 * before an answer), the last line that is not a status line.
 */
function lastReply(lines: string[], lastUsage: number): string | undefined {
  if (lastUsage === -1) return lines.findLast((line) => line !== '' && !isStatusLine(line));
  let start = lastUsage - 1;
  while (start >= 0 && !(lines[start] ?? '').startsWith('Tokens: ')) start--;
  const prose: string[] = [];
  let inBlock = false;
  for (const line of lines.slice(start + 1, lastUsage)) {
    if (/^(<{7} SEARCH|```)/.test(line) && !inBlock) {
      inBlock = true;
      // The file name aider prints on the line before an edit block is not prose either.
      if (prose.length > 0 && !/[.!?:]$/.test(prose.at(-1) ?? '')) prose.pop();
      continue;
    }
    if (inBlock) {
      if (/^(>{7} REPLACE|```)$/.test(line)) inBlock = false;
      continue;
    }
    if (line !== '' && !isStatusLine(line)) prose.push(line);
  }
  return prose.join('\n');
}

/** Aider's bookkeeping lines, which are not the model's answer. */
function isStatusLine(line: string): boolean {
  return /^(Tokens: |Cost: |Applied edit to |Commit [0-9a-f]{7,} |Added .* to the chat|Aider v\d|Main model: |Weak model: |Model: |Git repo: |Repo-map: |Use \/help|https:\/\/aider\.chat|Retrying in |litellm\.|The API provider |Warning|─+$|-+$)/.test(
    line,
  );
}
