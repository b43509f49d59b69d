// What every git process orchestra starts gets: its environment and its leading options (git.ts,
// and head-probe.ts, which runs git through a shell).

/**
 * Not passed on to git: they can make git run other programs, which git needs none of here, and an
 * inherited GIT_DIR or GIT_INDEX_FILE would point every command at the wrong repository.
 */
const GUARDED_ENV = /^(git_.*|editor|visual|pager|prefix|ssh_askpass)$/i;

/** The environment for git: the user's, without what GUARDED_ENV names, and never a prompt or an editor. */
export function gitEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !GUARDED_ENV.test(key)));
  return { ...env, GIT_TERMINAL_PROMPT: '0', GIT_EDITOR: 'true' };
}

/**
 * On every command: no commit signing, and no hook of the user's (`prepare-commit-msg`, `post-commit`,
 * `post-checkout`, `reference-transaction`...): a failing or slow one must not fail or slow every task,
 * and orchestra's own bookkeeping is not the user's work. `/dev/null` is no folder, so no hook is found.
 * No fsmonitor: it is a program the config names, and a task can write the config (see repo-guard.ts).
 * No automatic housekeeping either: every commit and fetch started `git maintenance run --auto`
 * (a quarter of a commit's time here), and now and then a `gc` of the user's whole repository in
 * the middle of a task; the user's own next commit does it.
 */
export const ALWAYS = [
  ...['-c', 'commit.gpgSign=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false'],
  ...['-c', 'maintenance.auto=false', '-c', 'gc.auto=0'],
];
