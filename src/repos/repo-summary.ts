import type { RepoResult } from '../events/engine-event.js';
import { shortSha } from '../reporters/format.js';
import type { Style } from '../reporters/style.js';
import { shellQuote } from '../util/shell-quote.js';

/** The summary's lines for each other repository: its result branch and how to look at it, or why it has none. */
export function repoResultLines(repos: readonly RepoResult[], style: Style): string[] {
  return repos.map((r) => {
    if (r.branch === undefined)
      return `${style.red(`no result branch in ${r.name}`)}${r.failure ? `: ${r.failure}` : ': integration did not run'}`;
    const git = `git -C ${shellQuote(r.root)}`;
    const base = shortSha(r.baseCommit);
    return [
      `result in ${style.bold(r.name)}: branch ${style.bold(r.branch)}${r.commit ? ` at ${shortSha(r.commit)}` : ''}${r.pushed ? ` (pushed to ${r.url})` : ''}`,
      `  commits  ${style.cyan(`${git} log --oneline ${base}..${r.branch}`)}`,
      `  changes  ${style.cyan(`${git} diff ${base}...${r.branch}`)}`,
    ].join('\n');
  });
}
