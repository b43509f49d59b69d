import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendOutputs, appendSummary } from '../../src/remote/github-files.js';
import { redact, secretValues } from '../../src/remote/redact-secrets.js';

describe('secrets in pushed records', () => {
  it('takes the values of *_KEY, *_TOKEN, *SECRET*, *PASSWORD* variables, longest first', () => {
    const env = {
      ANTHROPIC_API_KEY: 'sk-ant-1234',
      GH_TOKEN: 'ghp_abcdef',
      MY_SECRET_THING: 'hush-hush',
      DB_PASSWORD: 'hunter22',
      KEYBOARD: 'not-a-secret',
      TOKEN_COUNT: 'not-either',
      SHORT_TOKEN: 'abc',
    };
    expect(secretValues(env)).toEqual(['sk-ant-1234', 'ghp_abcdef', 'hush-hush', 'hunter22']);
  });

  it('replaces every occurrence, a value containing another first', () => {
    const secrets = secretValues({ A_KEY: 'abcd', B_KEY: 'abcdef' });
    expect(redact('x abcdef y abcd z abcdef', secrets)).toBe('x *** y *** z ***');
  });
});

describe('GitHub Actions files', () => {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'orchestra-gh-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends outputs as name=value, multi-line ones in the heredoc form', async () => {
    const file = join(dir, 'output');
    writeFileSync(file, 'run_id=r1\n');
    await appendOutputs(file, { one: 'value', many: 'line 1\nline 2' });
    expect(readFileSync(file, 'utf8')).toMatch(
      /^run_id=r1\none=value\nmany<<(ORCHESTRA_EOF_[0-9a-f]{16})\nline 1\nline 2\n\1\n$/,
    );
  });

  it('appends the summary apart from what was there', async () => {
    const file = join(dir, 'summary');
    writeFileSync(file, '# before\n');
    await appendSummary(file, '## Task `a`');
    expect(readFileSync(file, 'utf8')).toBe('# before\n## Task `a`\n\n');
  });
});
