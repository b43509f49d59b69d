/**
 * Git settings for every process in a jail, given through `GIT_CONFIG_COUNT` (git 2.31; after the
 * user's own such variables, over every config file): the user's own config may ask git for
 * programs that cannot work in the jail. Signing needs the keys the jail hides (`~/.gnupg` and
 * `~/.ssh` are denied), so every commit of the agent's would fail; an fsmonitor is a program, or
 * a daemon, of the user's that git starts (the jail would keep a daemon until the task ends).
 * orchestra's own git commands run with the same settings.
 */
const SETTINGS: readonly (readonly [string, string])[] = [
  ['commit.gpgSign', 'false'],
  ['tag.gpgSign', 'false'],
  ['core.fsmonitor', 'false'],
];

/** The variables that add {@link SETTINGS} to those `env` gives git already. */
export function jailGitConfig(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const given = Number(env.GIT_CONFIG_COUNT ?? 0);
  const from = Number.isInteger(given) && given > 0 ? given : 0;
  const vars: Record<string, string> = { GIT_CONFIG_COUNT: String(from + SETTINGS.length) };
  SETTINGS.forEach(([key, value], i) => {
    vars[`GIT_CONFIG_KEY_${from + i}`] = key;
    vars[`GIT_CONFIG_VALUE_${from + i}`] = value;
  });
  return vars;
}
