import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const schemaFile = join(root, 'schema/orchestra.schema.json');

interface Schema {
  properties: Record<string, unknown>;
  definitions: Record<string, { properties?: Record<string, unknown> }>;
}

const check = (cwd: string) =>
  spawnSync(process.execPath, ['scripts/gen-types.mjs', '--check'], { cwd, encoding: 'utf8' });

describe('schema/orchestra.schema.json is the single source of truth', () => {
  it('src/config/workflow-types.ts is what scripts/gen-types.mjs generates from it', () => {
    const r = check(root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('the check fails when the schema changes and the types do not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orchestra-gen-types-'));
    try {
      for (const path of ['scripts/gen-types.mjs', 'src/config/workflow-types.ts']) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        copyFileSync(join(root, path), join(dir, path));
      }
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
      const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Schema;
      schema.definitions.Task!.properties!.priority = { type: 'integer' };
      mkdirSync(join(dir, 'schema'));
      writeFileSync(join(dir, 'schema/orchestra.schema.json'), JSON.stringify(schema));
      const r = check(dir);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('src/config/workflow-types.ts is out of date');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has the top-level and task keys SPEC.md section 2 fixes', () => {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Schema;
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'version',
        'name',
        'vars',
        'concurrency',
        'sandbox',
        'agents',
        'roles',
        'gates',
        'tasks',
        'integrate',
      ]),
    );
    expect(Object.keys(schema.definitions.Task!.properties!)).toEqual(
      expect.arrayContaining([
        'role',
        'agent',
        'prompt',
        'run',
        'needs',
        'verify',
        'retries',
        'timeout',
        'sandbox',
        'env',
      ]),
    );
  });
});
