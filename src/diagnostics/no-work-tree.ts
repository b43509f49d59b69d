import type { Diagnostic } from './diagnostic.js';

/**
 * Why orchestra cannot work in `dir`, in git's own words when git refused something other than "not
 * a repository": a repository owned by someone else ("dubious ownership", with git's advice on
 * safe.directory) or a bare one must not read as "not in a git repository".
 */
export function noWorkTree(dir: string, gitSays: string): Diagnostic {
  const lines = gitSays
    .split('\n')
    .map((l) => l.replace(/^(fatal|error): /, '').trim())
    .filter(Boolean);
  const [reason = '', ...advice] = lines;
  if (reason === '' || reason.startsWith('not a git repository'))
    return {
      severity: 'error',
      code: 'usage',
      message: `${dir} is not in a git repository`,
      hint: 'run orchestra inside the checkout of the repository',
    };
  const bare = reason.includes('must be run in a work tree');
  return {
    severity: 'error',
    code: 'usage',
    message: `git cannot use the repository at ${dir}: ${bare ? 'it is a bare repository (it has no checkout)' : reason}`,
    hint: bare
      ? 'run orchestra inside a checkout of the repository'
      : advice.join(' ') || "see git's message above",
  };
}
