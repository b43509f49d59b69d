import { aiderAgent } from './aider.js';
import { claudeAgent } from './claude.js';
import { codexAgent } from './codex.js';
import { geminiAgent } from './gemini.js';
import { opencodeAgent } from './opencode.js';
import type { AgentAdapter } from './types.js';

/** The agents a workflow can name without a `command:`, by name. */
export const builtinAgents: ReadonlyMap<string, AgentAdapter> = new Map(
  [claudeAgent, codexAgent, geminiAgent, aiderAgent, opencodeAgent].map((agent) => [agent.name, agent]),
);
