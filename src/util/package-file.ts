import { fileURLToPath } from 'node:url';

/**
 * A file of the installed package (package.json, schema/…). This module is compiled to a place two
 * folders below the package root both by tsc (dist/util/) and in the CLI bundle (dist/bin/), so the
 * path holds for either; callers elsewhere must not count folders themselves.
 */
export function packageFile(path: string): string {
  return fileURLToPath(new URL(`../../${path}`, import.meta.url));
}
