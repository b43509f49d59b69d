export type { AgentAdapter, AgentInvocation, AgentReport, AgentRequest } from './types.js';
export { builtinAgents } from './builtin-agents.js';
export { commandAgent } from './command-agent.js';
export { tooLongMessage } from './argv-limit.js';
export { isRateLimitMessage, retryAfterMs } from './rate-limit.js';
