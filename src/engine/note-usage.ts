import type { AgentReport } from '../agents/index.js';
import type { RunContext } from './run-context.js';

/**
 * Adds what an agent run reported to its task's usage, without writing it (the next write carries
 * it): counts add up over attempts and rate-limited runs; the summary and session are the latest.
 */
export function noteUsage(ctx: RunContext, id: string, report: AgentReport): void {
  ctx.journal.noteTask(id, (t) => {
    const add = (a: number | undefined, b: number | undefined) =>
      a === undefined && b === undefined ? {} : { v: (a ?? 0) + (b ?? 0) };
    const sum = {
      inputTokens: add(t.usage?.inputTokens, report.inputTokens),
      outputTokens: add(t.usage?.outputTokens, report.outputTokens),
      costUsd: add(t.usage?.costUsd, report.costUsd),
    };
    t.usage = {
      ...(report.summary !== undefined ? { summary: report.summary } : {}),
      ...(report.sessionId !== undefined ? { sessionId: report.sessionId } : {}),
      ...Object.fromEntries(Object.entries(sum).flatMap(([k, v]) => ('v' in v ? [[k, v.v]] : []))),
    };
  });
}
