// Bundles the CLI (dist/cli/main.js, compiled by tsc) and its dependencies into one CommonJS file,
// dist/bin/bundle.cjs, run by dist/bin/orchestra.cjs (src/cli/bin.ts) with a V8 code cache: Node 20
// compiles ES modules from source at every start, and that compile was half of `orchestra run`'s
// start-up beyond `node -e 0`. Modules that only some commands need are still evaluated lazily
// (esbuild turns their import() into a call); the code cache makes their compile nearly free. The
// library entry point (dist/index.js) stays unbundled.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bin`;

rmSync(outdir, { recursive: true, force: true });
const { outputFiles } = await build({
  entryPoints: [`${root}dist/cli/main.js`],
  bundle: true,
  write: false,
  outfile: `${outdir}/bundle.cjs`,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Every import() becomes a lazy evaluation within the bundle (or a require() of cosmiconfig).
  supported: { 'dynamic-import': false },
  // package-file.ts finds the package's files from its own place, which is this file's.
  define: { 'import.meta.url': '__orchestraBundleUrl' },
  banner: { js: "const __orchestraBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // cosmiconfig picks its loaders with require() and import() of names esbuild cannot follow; it is
  // required lazily (only when no -f is given) and stays a package of its own.
  external: ['cosmiconfig'],
  // Names are kept (stack traces stay readable); whitespace and syntax are minified: the bundle's
  // text is read and copied at every start, ~11 ms a MB here, and 1.75 MB became 1.16 MB (a run's
  // first task started 11 ms sooner, alternating with the unminified build).
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
// esbuild escapes what is not ASCII in strings, not in comments: escaped there too, the bundle is
// read as latin1 (bin.ts), which is faster than decoding UTF-8, and V8 keeps it one byte a character.
const bundle = outputFiles[0].text.replace(
  /[\u0080-\uffff]/g,
  (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
);
mkdirSync(outdir, { recursive: true });
writeFileSync(`${outdir}/bundle.cjs`, bundle);
await build({
  entryPoints: [`${root}dist/cli/bin.js`],
  outfile: `${outdir}/orchestra.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  define: {
    BUNDLE_HASH: JSON.stringify(createHash('sha256').update(bundle).digest('hex').slice(0, 16)),
    'import.meta.url': '__entryUrl',
  },
  banner: { js: "const __entryUrl = require('node:url').pathToFileURL(__filename).href;" },
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
