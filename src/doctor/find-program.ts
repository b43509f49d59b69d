import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/**
 * Where a program named as argv[0] would be found when started without a shell: a name with a slash
 * is a path (relative to `cwd`), any other name is looked up in PATH. Undefined when it is nowhere.
 */
export function findProgram(
  name: string,
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (name.includes('/') || isAbsolute(name)) {
    const path = resolve(cwd, name);
    return isExecutable(path) ? path : undefined;
  }
  const exts = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const path = join(resolve(cwd, dir), name + ext);
      if (isExecutable(path)) return path;
    }
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
