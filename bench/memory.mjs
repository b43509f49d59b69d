// Benchmark: orchestra's memory while an agent prints 1 GB. A custom command agent writes 10 million
// lines of 100 bytes; orchestra's peak RSS (VmHWM of the orchestra process itself, polled, and
// /usr/bin/time's figure where it exists) must stay far below that, and the task's log must hold every
// byte. The baseline is the peak RSS of `node dist/bin/orchestra.cjs --help`: what loading orchestra costs.
// Run standalone (`node bench/memory.mjs`) or through bench/run.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { printRows } from './lib.mjs';
import { CLI, GIT_ENV, makeRepo, removeDir, tempDir } from './repo.mjs';

const LINE = 100;

/** Prints `bytes` bytes as lines of 100 (99 characters and a newline), honouring backpressure. */
const FLOOD = `
const total = Number(process.argv[2]);
const line = 'x'.repeat(${LINE - 1}) + '\\n';
const chunk = Buffer.from(line.repeat(10000));
let left = total;
function write() {
  while (left > 0) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    left -= part.length;
    if (!process.stdout.write(part)) return process.stdout.once('drain', write);
  }
}
write();
`;

const mb = (kib) => `${(kib / 1024).toFixed(1)} MB`;

/** Peak RSS in KiB of `node args` run to its end in `cwd`: VmHWM polled, and /usr/bin/time -v's answer. */
function peakRss(args, { cwd, env }) {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  return new Promise((resolve, reject) => {
    const argv = timeBin ? ['-v', process.execPath, ...args] : args;
    const child = spawn(timeBin ?? process.execPath, argv, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let hwm = 0;
    // With /usr/bin/time in between, the node process is its child: found through /proc.
    const nodePid = () => {
      if (!timeBin) return child.pid;
      try {
        return Number(
          readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ')[0],
        );
      } catch {
        return undefined;
      }
    };
    const poll = setInterval(() => {
      const pid = nodePid();
      if (!pid) return;
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (m) hwm = Math.max(hwm, Number(m[1]));
      } catch {
        // Gone between the two reads.
      }
    }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}:\n${stderr.slice(-3000)}`));
      const time = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ polledKib: hwm, timeKib: time ? Number(time[1]) : undefined });
    });
  });
}

/**
 * One run of a workflow whose only task's agent prints `bytes` bytes; the log is checked to hold
 * all of them.
 */
export async function benchMemory({ bytes = 1_000_000_000 } = {}) {
  const dir = tempDir('memory');
  try {
    const repo = join(dir, 'repo');
    writeFileSync(join(dir, 'flood.cjs'), FLOOD);
    makeRepo(repo, {
      'README.md': '# memory\n',
      'orchestra.yaml': [
        'version: 1',
        'name: memory',
        'sandbox:',
        '  isolation: none',
        `  dir: ${JSON.stringify(join(dir, 'sandboxes'))}`,
        'agents:',
        '  flood:',
        `    command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(join(dir, 'flood.cjs'))}, "${bytes}"]`,
        'tasks:',
        '  flood: { agent: flood, prompt: print }',
        '',
      ].join('\n'),
    });
    const env = { ...GIT_ENV, CI: '1', NO_COLOR: '1' };
    // The node flags of the CLI's shebang: measured as the installed `orchestra` command runs.
    const flags = readFileSync(CLI, 'utf8')
      .split('\n')[0]
      .split(' ')
      .filter((a) => a.startsWith('--'));
    const baseline = await peakRss([...flags, CLI, '--help'], { cwd: repo, env });
    const start = process.hrtime.bigint();
    const run = await peakRss([...flags, CLI, 'run'], { cwd: repo, env });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const runs = join(repo, '.orchestra', 'runs');
    const [runId] = readdirSync(runs);
    const log = join(runs, runId, 'logs', 'flood', 'attempt-1.log');
    const logBytes = statSync(log).size;
    // The last line whole: nothing was cut off at the end.
    const check = spawnSync('tail', ['-c', String(LINE), log], { encoding: 'utf8' });
    const lastLineWhole = check.stdout === `${'x'.repeat(LINE - 1)}\n`;
    return { bytes, logBytes, lastLineWhole, wallMs, run, baseline };
  } finally {
    removeDir(dir);
  }
}

/** Prints the result of benchMemory. */
export function printMemory(r) {
  const peak = (x) => `${mb(x.polledKib)}${x.timeKib ? `  (/usr/bin/time: ${mb(x.timeKib)})` : ''}`;
  printRows(`memory: an agent prints ${(r.bytes / 1e9).toFixed(0)} GB in lines of ${LINE} bytes`, [
    ['orchestra run, peak RSS (goal <= 100 MB)', peak(r.run)],
    ['orchestra --help, peak RSS', peak(r.baseline)],
    ['run / --help', `${(r.run.polledKib / r.baseline.polledKib).toFixed(2)}x`],
    ['log size', `${r.logBytes.toLocaleString('en')} bytes of ${r.bytes.toLocaleString('en')} printed`],
    ['log complete', r.logBytes === r.bytes && r.lastLineWhole ? 'yes' : 'NO'],
    [
      'wall time',
      `${(r.wallMs / 1000).toFixed(1)} s (${(r.bytes / 1e6 / (r.wallMs / 1000)).toFixed(0)} MB/s)`,
    ],
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printMemory(await benchMemory());
}
