import { spawn } from 'node:child_process';
import { startUiServer } from '../../ui/server/ui-server.js';
import { ExitCode } from '../exit-codes.js';
import { repoOrExit } from '../repo.js';
import { usageError } from '../usage-error.js';

export interface UiFlags {
  port?: number;
  host?: string;
  open?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** `orchestra ui`: serves the repository's runs in a browser until Ctrl-C. */
export async function uiCommand(flags: UiFlags): Promise<number> {
  const repoRoot = await repoOrExit();
  const host = flags.host ?? '127.0.0.1';
  let server;
  try {
    server = await startUiServer({ repoRoot, host, port: flags.port ?? 0 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    usageError(
      `cannot serve on ${host}:${flags.port ?? 0}: ${code === 'EADDRINUSE' ? 'the port is in use' : (code ?? String(e))}`,
      code === 'EADDRINUSE' ? 'pick another with --port, or leave it out for a free one' : undefined,
    );
  }
  if (!LOOPBACK.has(host))
    process.stderr.write(
      `warning: serving on ${host}, not only this machine: anyone who can reach it and has the address below can rerun and cancel runs\n`,
    );
  process.stdout.write(`${server.url}\n`);
  if (flags.open !== false) openBrowser(server.url);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
  });
  // Runs started from the page are cancelled and their state saved, as Ctrl-C does in `orchestra rerun`.
  await server.close();
  return ExitCode.ok;
}

/** The desktop's browser, if there is one; the printed address works without it. */
function openBrowser(url: string): void {
  const [program, ...args]: [string, ...string[]] =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url]
        : ['xdg-open', url];
  try {
    const child = spawn(program, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener: the address is printed.
  }
}
