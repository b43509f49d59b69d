import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadWorkflow } from '../../src/config/load-workflow.js';
import { formatDiagnostics } from '../../src/diagnostics/format-diagnostics.js';

// Whatever the input, the loader answers with a value (never throws), every diagnostic points inside
// the file, and no single call takes anywhere near a second (a bound against pathological inputs,
// not a benchmark).

const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));
const base = readFileSync(join(fixtures, 'valid/spec-example.yaml'), 'utf8');
let dir: string;
let file: string;
let slowest = { ms: 0, input: '' };
/** PROPERTY_SCALE=20 runs twenty times as many cases, for a deeper search than CI affords. */
const scale = Number(process.env.PROPERTY_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * scale));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'orchestra-property-'));
  file = join(dir, 'orchestra.yaml');
  // The base workflow reads roles/reviewer.md: mutations then also exercise file: references.
  mkdirSync(join(dir, 'roles'));
  copyFileSync(join(fixtures, 'valid/roles/reviewer.md'), join(dir, 'roles/reviewer.md'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loads `text` and checks the invariants; returns the diagnostic codes (none: it loaded). */
async function check(text: string | Buffer): Promise<string[]> {
  writeFileSync(file, text);
  const start = performance.now();
  const result = await loadWorkflow(file, { cwd: dir });
  const ms = performance.now() - start;
  if (ms > slowest.ms) slowest = { ms, input: String(text).slice(0, 2000) };
  if (result.ok) return [];
  const { diagnostics, sources } = result.error;
  expect(diagnostics.length).toBeGreaterThanOrEqual(1);
  const lines = String(text).split('\n').length;
  for (const d of diagnostics) {
    expect(d.message.length).toBeGreaterThan(0);
    // A file with NUL bytes is reported without a location (listed as a defect in the corpus report).
    if (d.code === 'not-text') continue;
    expect(d.location, `${d.code}: ${d.message}`).toBeDefined();
    const { file: where, line, col, length } = d.location!;
    expect(where).toBe(file);
    expect(line).toBeGreaterThanOrEqual(1);
    expect(line).toBeLessThanOrEqual(lines + 1);
    expect(col).toBeGreaterThanOrEqual(1);
    expect(length).toBeGreaterThanOrEqual(1);
  }
  // Printing must not fail either, and must show every message.
  const printed = formatDiagnostics(diagnostics, { sources, color: false, cwd: dir });
  for (const d of diagnostics) expect(printed).toContain(d.message);
  return diagnostics.map((d) => d.code);
}

/** fast-check reads a `false` result as a failure: the outcome is not the property, the invariants are. */
const ignoreOutcome = async (text: string): Promise<void> => void (await check(text));

const TOKENS = [
  'tasks',
  'needs',
  'run',
  'prompt',
  'agent',
  'role',
  'roles',
  'gates',
  'verify',
  'vars',
  'integrate',
  'version',
  'sandbox',
  'a',
  'b',
  'A',
  'claude',
  'x..y',
  'z.lock',
  ':',
  ': ',
  '\n',
  '  ',
  '    ',
  '- ',
  '-',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '&x ',
  '*x',
  '!!map ',
  '!tag ',
  '#',
  '|',
  '>-',
  '---',
  '...',
  '? ',
  '${{',
  '}}',
  '${{ vars.a }}',
  '${{ tasks.a.summary }}',
  '0',
  '-1',
  '1.5',
  'null',
  '~',
  'true',
  '\t',
  '%YAML 1.2',
  '<<: *x',
  'file:',
  'file:roles/reviewer.md',
  '\r\n',
  '\r',
  ' ',
  '\u00e9',
  '\ufeff',
];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((t) => t.join(''));

type Mutation =
  | { op: 'delete' | 'duplicate'; line: number }
  | { op: 'swap'; a: number; b: number }
  | { op: 'char' | 'insert'; line: number; col: number; text: string };

const INSERTS = [
  '\t',
  ':',
  ': ',
  ' :',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '- ',
  '&a ',
  '*a',
  '${{',
  '}}',
  '${{ vars.nope }}',
  '${{ tasks.docs.summary }}',
  '#',
  '\n',
  '  ',
  '|',
  '!!str ',
  '---\n',
  '? ',
  ',',
  '`',
  '\\',
  'file:',
  '..',
  '.lock',
  '~',
  '-1',
  '1e999',
  '\r\n',
  '\u0000',
  'X',
];
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({
    op: fc.constant('char' as const),
    line: fc.nat(),
    col: fc.nat(),
    text: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }),
  }),
  fc.record({
    op: fc.constant('insert' as const),
    line: fc.nat(),
    col: fc.nat(),
    text: fc.constantFrom(...INSERTS),
  }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  const lines = text.split('\n');
  for (const m of mutations) {
    switch (m.op) {
      case 'delete':
        lines.splice(m.line % lines.length, 1);
        break;
      case 'duplicate': {
        const i = m.line % lines.length;
        lines.splice(i, 0, lines[i] ?? '');
        break;
      }
      case 'swap': {
        const [i, j] = [m.a % lines.length, m.b % lines.length];
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        break;
      }
      case 'char':
      case 'insert': {
        const i = m.line % lines.length;
        const line = lines[i] ?? '';
        const col = m.col % (line.length + 1);
        lines[i] = line.slice(0, col) + m.text + line.slice(m.op === 'char' ? col + 1 : col);
        break;
      }
    }
    if (lines.length === 0) lines.push('');
  }
  return lines.join('\n');
}

// Structurally plausible workflows with random references: these reach the semantic rules.
const ids = ['a', 'b', 'c', 'd', 'A', 'e..f', 'g.lock'];
const names = fc.constantFrom(...ids);
const templateText = fc
  .array(
    fc.constantFrom(
      'text ',
      '${{ vars.v }}',
      '${{ vars.w }}',
      '${{ run.id }}',
      '${{ task.id }}',
      '${{ verify.output }}',
      '${{ prompt }}',
      '${{ tasks.a.summary }}',
      '${{ tasks.b.commit }}',
      '${{ tasks.zz.branch }}',
      '${{ tasks.a.nope }}',
      '${{ ',
      '${{ }}',
    ),
    { maxLength: 4 },
  )
  .map((p) => p.join(''));
const task = fc.record(
  {
    role: fc.constantFrom('r1', 'r2', 'nope'),
    agent: fc.constantFrom('claude', 'custom', 'cluade'),
    prompt: templateText,
    run: templateText,
    needs: fc.array(names, { maxLength: 4 }),
    verify: fc.array(fc.constantFrom('g1', 'g2', 'nope'), { maxLength: 3 }),
    retries: fc.integer({ min: -2, max: 25 }),
    timeout: fc.constantFrom('10m', 5, '5 min', 0),
  },
  { requiredKeys: [] },
);
const structured = fc
  .record(
    {
      vars: fc.dictionary(fc.constantFrom('v', 'x.y'), fc.constantFrom('1', 2)),
      agents: fc.dictionary(
        fc.constantFrom('custom', 'claude'),
        fc.record({ command: fc.array(templateText) }),
      ),
      roles: fc.dictionary(
        fc.constantFrom('r1', 'r2'),
        fc.record({ agent: fc.constantFrom('claude', 'custom') }),
      ),
      gates: fc.dictionary(fc.constantFrom('g1', 'g2'), templateText),
      tasks: fc.dictionary(names, task, { maxKeys: 6 }),
      integrate: fc.record(
        {
          tasks: fc.array(names, { maxLength: 3 }),
          branch: templateText,
          verify: fc.array(fc.constantFrom('g1', 'x')),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['tasks'] },
  )
  .map((w) => stringify(w));

describe('loadWorkflow on arbitrary input', () => {
  it('answers every input with a workflow or located diagnostics, each within a bound', async () => {
    expect(await check(base)).toEqual([]);
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), ignoreOutcome), {
      numRuns: runs(60),
    });
    await fc.assert(fc.asyncProperty(tokenSoup, ignoreOutcome), { numRuns: runs(80) });
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 5 }), (ms) =>
        ignoreOutcome(mutate(base, ms)),
      ),
      { numRuns: runs(100) },
    );
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(structured, async (text) => {
        for (const code of await check(text)) seen.add(code);
      }),
      { numRuns: runs(80) },
    );
    expect(slowest.ms, `slowest input:\n${slowest.input}`).toBeLessThan(1000);
    // Guard against a generator that stops reaching the semantic rules (e.g. every case a schema error).
    const semantic = [...seen].filter((c) => !['yaml-syntax', 'schema', 'unknown-key'].includes(c));
    expect(semantic.length, `codes seen: ${[...seen].join(', ')}`).toBeGreaterThan(3);
  });

  it('loads a 5 MB workflow of 2,000 tasks', async () => {
    const lines = ['vars:', '  spec: docs/spec.md', 'tasks:'];
    for (let i = 0; i < 2000; i++) {
      const needs =
        i < 50 ? [] : [`t${i - 50}`, `t${i - 1 - (i % 50)}`].filter((n, k, all) => all.indexOf(n) === k);
      lines.push(`  t${i}:`, '    agent: claude');
      if (needs.length) lines.push(`    needs: [${needs.join(', ')}]`);
      const upstream = needs.length ? ` Upstream: \${{ tasks.${needs[0]}.summary }}` : '';
      lines.push(
        `    prompt: "Part ${i} of \${{ vars.spec }}.${upstream} ${'Keep the public API stable. '.repeat(90)}"`,
      );
    }
    const text = `${lines.join('\n')}\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(5_000_000);
    writeFileSync(file, text);
    const result = await loadWorkflow(file, { cwd: dir });
    expect(result.ok && result.value.graph.ids.length).toBe(2000);
  });

  it('rejects an alias bomb quickly, yet accepts ordinary aliases', async () => {
    const bomb = readFileSync(join(fixtures, 'invalid/alias-bomb.yaml'), 'utf8');
    writeFileSync(file, bomb);
    const start = performance.now();
    const result = await loadWorkflow(file, { cwd: dir });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(!result.ok && result.error.diagnostics.map((d) => d.code)).toEqual(['yaml-syntax']);

    writeFileSync(
      file,
      'gates:\n  test: &test { run: npm test, timeout: 10m }\n  ci: *test\ntasks:\n  a:\n    run: make\n    verify: &both [test, ci]\n  b:\n    run: make b\n    verify: *both\n',
    );
    const ordinary = await loadWorkflow(file, { cwd: dir });
    expect(ordinary.ok && ordinary.value.workflow.tasks.get('b')?.verify).toEqual(['test', 'ci']);
  });
});
