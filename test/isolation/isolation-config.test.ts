import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { loadWorkflow } from '../../src/config/load-workflow.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function load(yaml: string) {
  dir = mkdtempSync(join(tmpdir(), 'orchestra-isolation-config-'));
  const file = join(dir, 'orchestra.yaml');
  writeFileSync(file, yaml);
  return loadWorkflow(file);
}

it('reads the isolation keys of the workflow, and a task overrides its isolation', async () => {
  const r = await load(`sandbox:
  isolation: os
  network: [api.example.com, "127.0.0.1"]
  read_deny: ["~/.kube"]
  write: ["~/.cache/go-build"]
tasks:
  a: { run: "true" }
  b: { run: "true", sandbox: { isolation: none } }
`);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const { tasks } = r.value.workflow;
  expect(tasks.get('a')!.sandbox).toMatchObject({
    isolation: 'os',
    network: ['api.example.com', '127.0.0.1'],
    readDeny: ['~/.kube'],
    write: ['~/.cache/go-build'],
  });
  expect(tasks.get('b')!.sandbox).toMatchObject({
    isolation: 'none',
    network: ['api.example.com', '127.0.0.1'],
  });
});

it('points at a bad isolation value, at the workflow level and per task', async () => {
  const r = await load(`sandbox:
  isolation: jail
tasks:
  a: { run: "true", sandbox: { isolation: strict } }
`);
  expect(r.ok).toBe(false);
  const found = r.ok ? [] : r.error.diagnostics.map((d) => [d.path, d.location?.line, d.location?.col]);
  expect(found).toEqual([
    ['sandbox.isolation', 2, 14],
    ['tasks.a.sandbox.isolation', 4, 43],
  ]);
});
