/** What the engine asks an agent to do in one attempt. */
export interface AgentRequest {
  /** The full task prompt; on a retry the caller has already appended the failure feedback. */
  prompt: string;
  /** The role's instructions (a system prompt where the agent has one). */
  instructions?: string;
  model?: string;
  /** Extra arguments from the workflow's `agents:` section, appended last so they can add or override. */
  extraArgs: readonly string[];
  /** The sandbox the agent works in (also its working directory). */
  sandboxPath: string;
}

/** How to start the agent: run `argv` without a shell, in the sandbox, with `stdin` and `env`. */
export interface AgentInvocation {
  argv: string[];
  /** Written to the agent's stdin, then closed (long prompts travel here, not through argv limits). */
  stdin?: string;
  /** Added to the inherited environment. */
  env: Record<string, string>;
}

/** What the agent told us about its run, as far as its output shows it. Every field is best effort. */
export interface AgentReport {
  /** The agent's final message (at most 2000 characters). */
  summary?: string;
  /** Lets a human resume the agent's conversation. */
  sessionId?: string;
  /** All prompt tokens the model processed, cache reads and writes included. */
  inputTokens?: number;
  /** Tokens generated, reasoning included. */
  outputTokens?: number;
  costUsd?: number;
  /**
   * The agent stopped on a usage or rate limit (429, overloaded): not the task's fault, so the engine
   * waits and retries without spending a retry. `retryAfterMs` when the agent said when.
   */
  rateLimited?: { retryAfterMs?: number };
}

/** One agent CLI: how to start it and how to read what it printed. */
export interface AgentAdapter {
  readonly name: string;
  build(req: AgentRequest): AgentInvocation;
  /**
   * Parse the tail of the agent's combined output (last ~16 KB) after it exited. `head` (first ~4 KB)
   * helps for agents that print their session id only at the start.
   */
  report(tail: string, exitCode: number, head?: string): AgentReport;
}
