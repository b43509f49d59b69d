/** The API hosts each built-in agent needs (its model API and its login's token refresh). */
const HOSTS: Readonly<Record<string, readonly string[]>> = {
  claude: ['api.anthropic.com', 'console.anthropic.com', 'statsig.anthropic.com'],
  codex: ['api.openai.com', 'auth.openai.com', 'chatgpt.com'],
  gemini: ['generativelanguage.googleapis.com', 'cloudcode-pa.googleapis.com', 'oauth2.googleapis.com'],
  aider: ['api.openai.com', 'api.anthropic.com', 'openrouter.ai'],
  opencode: ['api.anthropic.com', 'api.openai.com', 'opencode.ai'],
};

/** The hosts an isolated task reaches: those of its agent (none for a command agent or `run:`) and `network`. */
export function allowedHosts(agent: string | undefined, network: readonly string[]): string[] {
  return [...new Set([...(agent === undefined ? [] : (HOSTS[agent] ?? [])), ...network])];
}
