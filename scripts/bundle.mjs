// Bundles the CLI (dist/cli/main.js, compiled by tsc) and its dependencies into dist/bin/: one entry
// file plus chunks that each command imports lazily. Loading some forty ES modules one by one cost
// ~20 ms of every start-up (orchestra validate, orchestra --help), and the dependencies' ~400 files
// (execa alone is over a hundred) a quarter of `orchestra run`'s CPU time before its first task:
// bundled, a one-task run takes 0.75x the CPU time it did. The library entry point (dist/index.js)
// stays unbundled.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bin`;

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { orchestra: `${root}dist/cli/main.js` },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  // CommonJS dependencies (commander, proper-lockfile, …) call require() for Node's built-ins, and
  // write-file-atomic reads __filename, which an ES module does not have: give every output file them.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      "const __dirname = __fileURLToPath(new URL('.', import.meta.url));",
    ].join('\n'),
  },
  // cosmiconfig picks its loaders with require() and import() of names esbuild cannot follow; it is
  // imported lazily (only when no -f is given) and stays a package of its own.
  external: ['cosmiconfig'],
  logLevel: 'warning',
});

// The web view of `orchestra ui`: one script (with dagre) and one style sheet, served by the CLI
// itself; the page loads nothing from the network.
const web = `${root}dist/ui/web`;
rmSync(web, { recursive: true, force: true });
await build({
  entryPoints: [
    `${root}src/ui/web/app.css`,
    { in: `${root}src/ui/web/main.ts`, out: 'app' },
    { in: `${root}src/ui/web/layout-worker.ts`, out: 'layout-worker' },
  ],
  outdir: web,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  logLevel: 'warning',
});
