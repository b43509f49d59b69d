import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENT } from './run-fixture.js';
import type { RunFixture } from './run-fixture.js';

/**
 * Makes the fixture's scripted agent answer as the built-in `claude` agent (a `claude` wrapper in a
 * folder of its own), so its `report` steps are read as Claude Code's usage. Returns the `env` the
 * `claude` agent needs: that folder first on its PATH.
 */
export function fakeClaude(fx: RunFixture): { PATH: string } {
  const bin = join(fx.root, 'bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'claude'),
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(AGENT)} ${JSON.stringify(fx.script)} x\n`,
  );
  chmodSync(join(bin, 'claude'), 0o755);
  return { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` };
}
