import { clipSummary, lastNonEmptyLine, makeReport, promptWithInstructions } from './text.js';
import type { AgentAdapter, AgentRequest } from './types.js';

const PROMPT_REFERENCE = /\$\{\{\s*prompt\s*\}\}/g;

/**
 * Any CLI as an agent (`agents: { x: { command: [...] } }`). Template items may contain `${{ prompt }}`,
 * replaced by the full prompt (instructions first); the caller has already rendered other references.
 * When no item refers to the prompt, or `stdin` is set, the prompt also goes on stdin.
 * Its report: the last non-empty line of output as the summary.
 */
export function commandAgent(template: readonly string[], opts: { stdin: boolean }): AgentAdapter {
  const inArgv = template.some((item) => item.search(PROMPT_REFERENCE) !== -1);
  return {
    name: 'command',

    build(req: AgentRequest) {
      const prompt = promptWithInstructions(req);
      return {
        // A function replacement: a prompt containing `$&` or `$1` must be inserted literally.
        argv: [...template.map((item) => item.replace(PROMPT_REFERENCE, () => prompt)), ...req.extraArgs],
        ...(inArgv && !opts.stdin ? {} : { stdin: prompt }),
        env: {},
      };
    },

    report(tail: string) {
      return makeReport({ summary: clipSummary(lastNonEmptyLine(tail)) });
    },
  };
}
