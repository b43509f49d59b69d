import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { branchNameProblem } from '../../src/config/ref-name.js';

// Names on both sides of each of git's rules (git-check-ref-format(1)).
const NAMES = [
  'main',
  'orchestra/run-1',
  'a/b/c',
  'feature/x.y',
  'a@b',
  'é',
  'a/HEAD',
  'HEADS',
  'x.lockz',
  'a-',
  'a_b',
  '',
  'a..b',
  'a b',
  'x.lock',
  'a/x.lock/b',
  'a@{b',
  '@{',
  '-x',
  'a/-b',
  '/a',
  'a/',
  'a//b',
  'a.',
  '.a',
  'a/.b',
  'a~b',
  'a^b',
  'a:b',
  'a?b',
  'a*b',
  'a[b',
  'a\\b',
  'a\tb',
  'a\x7fb',
  'a\x01b',
  'a/.',
  'a/..',
  '..',
  '.',
  'a.lock/b',
  'refs/heads/x',
  '@a',
  'a@',
  '{a}',
  'a}b',
  'a/b.',
  'x/y.lock',
];

function gitAccepts(name: string): boolean {
  return spawnSync('git', ['check-ref-format', '--branch', name], { cwd: '/' }).status === 0;
}

describe('branchNameProblem', () => {
  it.each(NAMES)('agrees with git check-ref-format --branch on %j', (name) => {
    expect(branchNameProblem(name) === undefined).toBe(gitAccepts(name));
  });

  it('refuses HEAD and @, which git would take but which make the branch ambiguous', () => {
    expect(gitAccepts('@')).toBe(true);
    expect(branchNameProblem('HEAD')).toMatch(/ambiguous/);
    expect(branchNameProblem('@')).toMatch(/ambiguous/);
  });

  it('says what is wrong', () => {
    expect(branchNameProblem('a..b')).toBe('it contains ".."');
    expect(branchNameProblem('a b')).toBe('it contains a space');
    expect(branchNameProblem('x.lock')).toBe('its part "x.lock" ends with ".lock"');
    expect(branchNameProblem('')).toBe('it is empty');
  });
});
