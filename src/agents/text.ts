import type { AgentReport, AgentRequest } from './types.js';

/** Longest summary kept in a report. */
export const MAX_SUMMARY_CHARS = 2000;

/**
 * The prompt for agents without a separate system prompt: the role's instructions first, a blank line,
 * then the task prompt.
 */
export function promptWithInstructions(req: Pick<AgentRequest, 'prompt' | 'instructions'>): string {
  const instructions = req.instructions?.trim();
  return instructions ? `${instructions}\n\n${req.prompt}` : req.prompt;
}

/** Trims a summary and cuts it to MAX_SUMMARY_CHARS; undefined when nothing is left. */
export function clipSummary(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return trimmed.length > MAX_SUMMARY_CHARS ? `${trimmed.slice(0, MAX_SUMMARY_CHARS - 1)}…` : trimmed;
}

/** The last line with something on it. */
export function lastNonEmptyLine(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]?.trim();
    if (line) return line;
  }
  return undefined;
}

/**
 * Lines of `text` that are not JSON objects: what a JSON-speaking CLI printed outside its protocol. A
 * line ending in `}` counts as JSON too: it is the cut end of an event at the start of a tail, and it
 * may quote anything the agent read or wrote.
 */
export function nonJsonLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => {
    const trimmed = line.trim();
    return trimmed !== '' && !trimmed.startsWith('{') && !trimmed.endsWith('}');
  });
}

type ReportParts = { [K in keyof AgentReport]?: AgentReport[K] | undefined };

/** Builds a report from parts that may be undefined (an absent field stays absent). */
export function makeReport(parts: ReportParts): AgentReport {
  const report: AgentReport = {};
  if (parts.summary !== undefined) report.summary = parts.summary;
  if (parts.sessionId !== undefined) report.sessionId = parts.sessionId;
  if (parts.inputTokens !== undefined) report.inputTokens = parts.inputTokens;
  if (parts.outputTokens !== undefined) report.outputTokens = parts.outputTokens;
  if (parts.costUsd !== undefined) report.costUsd = parts.costUsd;
  if (parts.rateLimited !== undefined) report.rateLimited = parts.rateLimited;
  return report;
}

/** Sum of the defined numbers; undefined when none is. */
export function sum(...values: (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length === 0 ? undefined : defined.reduce((a, b) => a + b, 0);
}
