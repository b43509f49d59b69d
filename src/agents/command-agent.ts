import type { Template } from '../config/template.js';
import { renderTemplate } from '../config/template.js';
import { clipSummary, lastNonEmptyLine, makeReport, promptWithInstructions } from './text.js';
import type { AgentAdapter, AgentRequest } from './types.js';

const PROMPT_REFERENCE = /\$\{\{\s*prompt\s*\}\}/g;

/**
 * Any CLI as an agent (`agents: { x: { command: [...] } }`). Template items may contain `${{ prompt }}`,
 * replaced by the full prompt (instructions first). An item is a string, or a parsed template whose
 * other references the caller has already rendered (`renderExcept`): a value that holds the text
 * `${{ prompt }}` is then left as it is.
 * When no item refers to the prompt, or `stdin` is set, the prompt also goes on stdin.
 * Its report: the last non-empty line of output as the summary.
 */
export function commandAgent(
  template: readonly (string | Template)[],
  opts: { stdin: boolean },
): AgentAdapter {
  const inArgv = template.some((item) =>
    typeof item === 'string'
      ? item.search(PROMPT_REFERENCE) !== -1
      : item.parts.some((p) => typeof p !== 'string' && p.expr === 'prompt'),
  );
  return {
    name: 'command',

    build(req: AgentRequest) {
      const prompt = promptWithInstructions(req);
      // A function replacement: a prompt containing `$&` or `$1` must be inserted literally.
      const fill = (item: string | Template) =>
        typeof item === 'string'
          ? item.replace(PROMPT_REFERENCE, () => prompt)
          : renderTemplate(item, (expr) => (expr === 'prompt' ? prompt : undefined));
      return {
        argv: [...template.map(fill), ...req.extraArgs],
        ...(inArgv && !opts.stdin ? {} : { stdin: prompt }),
        env: {},
      };
    },

    report(tail: string) {
      return makeReport({ summary: clipSummary(lastNonEmptyLine(tail)) });
    },
  };
}
