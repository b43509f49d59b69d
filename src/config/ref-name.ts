/**
 * Why `name` cannot be a branch name, or undefined when it can: the rules of
 * `git check-ref-format --branch` (see git-check-ref-format(1)), checked without running git, plus
 * the names git takes but that make a branch ambiguous ("HEAD", "@").
 */
export function branchNameProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name === 'HEAD' || name === '@')
    return 'git reads it as the checked-out commit, so the branch would be ambiguous';
  if (name.startsWith('-')) return 'it starts with "-"';
  if (name.startsWith('/') || name.endsWith('/')) return 'it starts or ends with "/"';
  if (name.includes('//')) return 'it contains "//"';
  if (name.endsWith('.')) return 'it ends with "."';
  if (name.includes('..')) return 'it contains ".."';
  if (name.includes('@{')) return 'it contains "@{"';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what git refuses
  const bad = /[\x00-\x20\x7f~^:?*[\\]/.exec(name)?.[0];
  if (bad !== undefined)
    return `it contains ${bad === ' ' ? 'a space' : bad < ' ' || bad === '\x7f' ? 'a control character' : `"${bad}"`}`;
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return `its part "${part}" starts with "."`;
    if (part.endsWith('.lock')) return `its part "${part}" ends with ".lock"`;
  }
  return undefined;
}
