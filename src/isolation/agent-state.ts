import { cp, lstat, mkdir, readdir, realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Where the agents keep their logins and state, relative to $HOME: Claude Code, Codex, Gemini CLI,
 * aider (its dot-files are found by prefix), opencode.
 */
const STATE = ['.claude', '.claude.json', '.codex', '.gemini', '.config/opencode', '.local/share/opencode'];
const PREFIXES = ['.aider'];
/** Variables that move an agent's state folder out of $HOME. */
export const STATE_VARIABLES = ['CLAUDE_CONFIG_DIR', 'CODEX_HOME'];

/**
 * Histories that grow with every session and that no login needs: not copied, so that a task's copy
 * stays small (a busy ~/.claude/projects holds hundreds of megabytes).
 */
const HISTORY = new Set([
  'projects',
  'todos',
  'shell-snapshots',
  'file-history',
  'sessions',
  'archived_sessions',
  'log',
  'logs',
  'tmp',
]);

/**
 * The agents' state paths that exist in `home`, and the folders `env` names for them (made when
 * missing: a jail can only show a writable copy in place of something that exists).
 */
export async function agentStatePaths(
  home: string,
  env: Record<string, string | undefined> = {},
): Promise<string[]> {
  const prefixed = (await readdir(home).catch(() => [] as string[])).filter((name) =>
    PREFIXES.some((p) => name.startsWith(p)),
  );
  const named = STATE_VARIABLES.flatMap((name) => (env[name] ? [env[name]] : []));
  for (const folder of named) await mkdir(folder, { recursive: true });
  const found = new Set<string>(named);
  for (const rel of [...STATE, ...prefixed]) {
    const path = join(home, rel);
    if (await lstat(path).catch(() => undefined)) found.add(path);
  }
  return [...found];
}

/**
 * Copies each state path into `into` (their credentials readable, their state writable, per task):
 * what the agent writes there is the task's, never the user's. Returns the copy of each original.
 */
export async function copyAgentState(
  originals: readonly string[],
  into: string,
): Promise<{ copy: string; original: string }[]> {
  return Promise.all(
    originals.map(async (original, i) => {
      const copy = join(into, `${i}-${basename(original)}`);
      // A ~/.claude that is a symlink (dotfiles kept in a repository) is copied as what it points to.
      const source = await realpath(original);
      await cp(source, copy, {
        recursive: true,
        verbatimSymlinks: true,
        preserveTimestamps: true,
        filter: (path) => !(HISTORY.has(basename(path)) && dirname(path) === source),
      });
      return { copy, original };
    }),
  );
}
