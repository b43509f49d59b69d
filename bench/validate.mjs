// Benchmark: how long `orchestra validate` takes on a big workflow (2,000 tasks), next to the bare
// start-up time of node. Run standalone (`node bench/validate.mjs`) or through bench/run.mjs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { ms, printRows, prng, timeCommand } from './lib.mjs';

const cli = fileURLToPath(new URL('../dist/bin/orchestra.cjs', import.meta.url));

const ROLES = ['test-author', 'implementer', 'reviewer', 'doc-writer', 'fixer'];
const GATES = ['lint', 'typecheck', 'unit', 'e2e'];

/**
 * A layered random DAG as orchestra.yaml text: each task needs one to three tasks of earlier layers
 * (mostly the one just above), agent tasks quote an upstream summary, some tasks are commands.
 */
export function generateWorkflow({ tasks = 2000, seed = 42, width = 50 } = {}) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const lines = [
    '# yaml-language-server: $schema=../schema/orchestra.schema.json',
    'version: 1',
    `name: bench-${tasks}`,
    'vars:',
    '  spec: docs/spec.md',
    '  area: backend',
    'concurrency: 8',
    'sandbox:',
    '  type: worktree',
    '  base: main',
    '  link: [node_modules]',
    '  setup: [npm ci]',
    'agents:',
    '  claude: { concurrency: 4 }',
    '  fake:',
    '    command: [node, scripts/agent.js, "${{ prompt }}"]',
    'roles:',
    ...ROLES.flatMap((role, i) => [
      `  ${role}:`,
      `    agent: ${i % 3 === 2 ? 'fake' : i % 2 === 0 ? 'claude' : 'codex'}`,
      `    instructions: You are the ${role}. Work on \${{ vars.area }} only.`,
      ...(role === 'implementer' ? ['    forbid: ["test/**"]'] : []),
    ]),
    'gates:',
    '  lint: npm run lint',
    '  typecheck: npx tsc --noEmit',
    '  unit: { run: npm test, timeout: 10m }',
    '  e2e: { run: npm run e2e, timeout: 30m, env: { CI: "1" } }',
    'tasks:',
  ];
  const layers = [];
  for (let n = 0; n < tasks; n++) {
    const layer = Math.floor(n / width);
    const id = `t${layer}-${n % width}`;
    (layers[layer] ??= []).push(id);
    const needs = [];
    if (layer > 0) {
      const count = 1 + Math.floor(random() * 3);
      for (let k = 0; k < count; k++) {
        // Mostly the layer just above, sometimes further up: long chains and wide joins both occur.
        const from = random() < 0.8 ? layer - 1 : Math.floor(random() * layer);
        const need = pick(layers[from]);
        if (!needs.includes(need)) needs.push(need);
      }
    }
    lines.push(`  ${id}:`);
    if (needs.length > 0) lines.push(`    needs: [${needs.join(', ')}]`);
    if (random() < 0.15) {
      lines.push(`    run: npm run build -- --task \${{ task.id }} --run \${{ run.id }}`);
    } else {
      lines.push(`    role: ${pick(ROLES)}`);
      const upstream = needs.length > 0 ? ` Upstream said: \${{ tasks.${pick(needs)}.summary }}` : '';
      lines.push(`    prompt: "Part ${n} of \${{ vars.spec }} (\${{ task.id }}).${upstream}"`);
      if (random() < 0.3) lines.push(`    retries: ${1 + Math.floor(random() * 3)}`);
    }
    lines.push(`    verify: [${GATES.filter(() => random() < 0.5).join(', ')}]`);
    if (random() < 0.2) lines.push('    timeout: 20m');
  }
  lines.push('integrate:', '  strategy: merge', '  verify: [unit]', '');
  return lines.join('\n');
}

/**
 * Median wall time of `node dist/bin/orchestra.cjs validate -f <generated file>` and of `node -e 0`.
 * @returns {{ tasks: number, bytes: number, runs: number, validateMs: number, nodeMs: number, ratio: number }}
 */
export function benchValidate({ tasks = 2000, runs = 7, seed = 42 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'orchestra-bench-'));
  try {
    const file = join(dir, 'orchestra.yaml');
    const text = generateWorkflow({ tasks, seed });
    writeFileSync(file, text);
    // One untimed run each: the first start-up pays for a cold file cache, which is not what we measure.
    timeCommand(process.execPath, [cli, 'validate', '-f', file], { runs: 1, cwd: dir });
    timeCommand(process.execPath, ['-e', '0'], { runs: 1, cwd: dir });
    const validate = timeCommand(process.execPath, [cli, 'validate', '-f', file], { runs, cwd: dir });
    const node = timeCommand(process.execPath, ['-e', '0'], { runs, cwd: dir });
    return {
      tasks,
      bytes: Buffer.byteLength(text),
      runs,
      validateMs: validate.median,
      nodeMs: node.median,
      ratio: validate.median / node.median,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the result of benchValidate. */
export function printValidate(r) {
  printRows(`validate: ${r.tasks} tasks (${(r.bytes / 1024).toFixed(0)} KiB), median of ${r.runs}`, [
    ['orchestra validate', ms(r.validateMs)],
    ['node -e 0', ms(r.nodeMs)],
    ['ratio', `${r.ratio.toFixed(2)}x`],
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printValidate(benchValidate());
}
