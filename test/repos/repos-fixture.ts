import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkoutState, type CheckoutState } from '../support/checkout-state.js';
import { RunFixture } from '../support/run-fixture.js';

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@localhost', ...args], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/**
 * The workflow's own repository (`repo`) plus a library beside it (`lib`, by path) and an app whose
 * origin is reached by a `file://` URL (`app-origin`); orchestra's cache is in the fixture.
 */
export class ReposFixture extends RunFixture {
  readonly lib = join(this.root, 'lib');
  readonly appOrigin = join(this.root, 'app-origin');
  readonly appUrl = pathToFileURL(this.appOrigin).href;
  readonly cache = join(this.root, 'cache');

  constructor() {
    super();
    for (const [dir, file] of [
      [this.lib, 'lib.js'],
      [this.appOrigin, 'app.js'],
    ] as const) {
      mkdirSync(dir);
      git(dir, 'init', '-q', '-b', 'main');
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), `// ${file}\n`);
      git(dir, 'add', '-A');
      git(dir, 'commit', '-qm', 'initial');
    }
  }

  gitIn(dir: string, ...args: string[]): string {
    return git(dir, ...args);
  }

  /** What the user sees of each local checkout (and the origin's refs), to compare before and after. */
  checkouts(): Record<string, CheckoutState> {
    return Object.fromEntries([this.repo, this.lib, this.appOrigin].map((dir) => [dir, checkoutState(dir)]));
  }
}
