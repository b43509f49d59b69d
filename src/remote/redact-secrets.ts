/** Names of environment variables whose values are secrets (API keys, tokens, passwords). */
const SECRET_NAME = /(_KEY|_TOKEN)$|SECRET|PASSWORD/i;

/** Shorter values are left alone: replacing every "1" or "yes" would garble the logs and hide nothing. */
const MIN_LENGTH = 4;

export const REDACTED = '***';

/** The values of the secret variables in `env`, longest first (a value containing another goes first). */
export function secretValues(env: NodeJS.ProcessEnv = process.env): string[] {
  const values = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined && value.length >= MIN_LENGTH)
    .map(([, value]) => value!);
  return [...new Set(values)].sort((a, b) => b.length - a.length);
}

/** `text` with every secret value replaced: what leaves this machine in a pushed record. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out;
}
