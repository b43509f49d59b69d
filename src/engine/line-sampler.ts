/**
 * Passes on output lines at most once per interval, always the latest: an agent printing a
 * gigabyte must not become millions of events (the whole output is in the log file). A line held
 * back is sent when the interval ends, so the last line is never lost.
 */
export function sampleLines(send: (line: string) => void, intervalMs = 100): (line: string) => void {
  let last = 0;
  let pending: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (pending === undefined) return;
    last = Date.now();
    send(pending);
    pending = undefined;
  };
  return (line) => {
    pending = line;
    if (timer) return;
    const wait = last + intervalMs - Date.now();
    if (wait <= 0) flush();
    else timer = setTimeout(flush, wait);
  };
}
