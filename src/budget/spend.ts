import type { Budget } from '../config/workflow.js';
import type { AgentUsage } from '../events/engine-event.js';

/** What was spent, as the agents reported it: cost in US dollars, input plus output tokens. */
export interface Spend {
  usd: number;
  tokens: number;
}

/** A budget with what was spent against it, for the record, the events and every display. */
export interface BudgetState {
  limit: Budget;
  spent: Spend;
  /** Set once the budget kept an attempt from starting: the run fails because of it. */
  stopped?: boolean;
}

export function spendOf(usages: Iterable<AgentUsage | undefined>): Spend {
  const spend = { usd: 0, tokens: 0 };
  for (const u of usages) {
    spend.usd += u?.costUsd ?? 0;
    spend.tokens += (u?.inputTokens ?? 0) + (u?.outputTokens ?? 0);
  }
  return spend;
}

/** Which limit of `budget` the spend has reached, if any. */
export function reachedLimit(budget: Budget | undefined, spend: Spend): 'usd' | 'tokens' | undefined {
  if (budget?.usd !== undefined && spend.usd >= budget.usd) return 'usd';
  if (budget?.tokens !== undefined && spend.tokens >= budget.tokens) return 'tokens';
  return undefined;
}

/** `$0.42 of $5.00, 12,000 of 2,000,000 tokens`: only the limits the budget sets. */
export function describeSpend({ limit, spent }: Pick<BudgetState, 'limit' | 'spent'>): string {
  const parts: string[] = [];
  if (limit.usd !== undefined) parts.push(`$${spent.usd.toFixed(2)} of $${limit.usd.toFixed(2)}`);
  if (limit.tokens !== undefined)
    parts.push(`${spent.tokens.toLocaleString('en-US')} of ${limit.tokens.toLocaleString('en-US')} tokens`);
  return parts.join(', ');
}

/** One line for people: `budget: $0.42 of $5.00 spent`, and what a stop did. */
export function budgetLine(state: BudgetState, notStarted = 0): string {
  const line = `budget: ${describeSpend(state)} spent`;
  if (!state.stopped) return line;
  const left = notStarted > 0 ? `, ${notStarted} task${notStarted === 1 ? '' : 's'} not started` : '';
  return `${line}; the budget stopped the run (no new attempts${left})`;
}
