import { Exit, ExitCode } from './exit-codes.js';
import { printDiagnostics } from './load.js';

/** Prints a usage error (with a hint) and leaves the command with exit code 2. */
export function usageError(message: string, hint?: string, json = false): never {
  printDiagnostics(
    [{ severity: 'error', code: 'usage', message, ...(hint ? { hint } : {}) }],
    new Map(),
    json,
  );
  throw new Exit(ExitCode.usage);
}
