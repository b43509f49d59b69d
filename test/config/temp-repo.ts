import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh git repository in a temp folder, with helpers to write files into it. */
export interface TempRepo {
  root: string;
  /** Writes a file (creating folders) and returns its absolute path. */
  write(path: string, text: string): string;
  /** Creates a folder and returns its absolute path. */
  mkdir(path: string): string;
  remove(): void;
}

/** Makes a temp folder holding `repo/`, a real git repository: the folder above it is outside the repo. */
export function tempRepo(): TempRepo {
  const outer = mkdtempSync(join(tmpdir(), 'orchestra-test-'));
  const root = join(outer, 'repo');
  mkdirSync(root);
  execFileSync('git', ['init', '-q', root]);
  return {
    root,
    write(path, text) {
      const file = join(root, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    mkdir(path) {
      const dir = join(root, path);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    remove() {
      rmSync(outer, { recursive: true, force: true });
    },
  };
}
