import { watch, type FSWatcher } from 'node:fs';

/** The fallback when fs.watch says nothing (network file systems, a folder made after the watch). */
const POLL_MS = 1_000;

/**
 * Calls `check` whenever something in `dir` changes, and at least once a second, until `stop()` is
 * called: how another orchestra process's request (a cancel, an approval) reaches a running one at
 * once. `check` is never run twice at the same time; its failures are ignored (the next one retries).
 * `keepAlive`: the watch alone keeps the process running (a run with nothing to do but wait for a
 * person must not end because its event loop is empty). `only`: the one file of `dir` whose changes
 * matter; others are ignored (the run folder changes with every write of the run's record).
 */
export function watchFolder(
  dir: string,
  check: () => Promise<void>,
  { keepAlive = false, only }: { keepAlive?: boolean; only?: string } = {},
): { stop: () => void } {
  let running = false;
  let again = false;
  let stopped = false;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void check()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: false }, (_event, name) => {
      // Without a name (some platforms give none) any change may be it.
      if (only === undefined || name === null || name === only) run();
    });
    watcher.on('error', () => undefined);
  } catch {
    // No such folder yet, or no inotify left: the poll alone still answers within a second.
  }
  const timer = setInterval(run, POLL_MS);
  if (!keepAlive) timer.unref();
  run();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
      watcher?.close();
    },
  };
}
