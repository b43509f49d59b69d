import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fixture } from '../process/helpers.js';

describe('removeTree', () => {
  // A task that made its sandbox read-only (chmod -R a-w, Go's module cache) left it behind: deleting
  // an entry needs write permission on its folder. Root may delete anyway, so the fixture runs as
  // nobody when the tests run as root.
  it('removes a tree of read-only folders and files, and leaves what a symlink in it points to', () => {
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const out = execFileSync(process.execPath, [fixture('remove-read-only.mjs')], {
      encoding: 'utf8',
      ...asNobody,
    });
    expect(out.trim()).toBe('gone true');
  });
});
