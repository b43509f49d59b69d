/**
 * `load` run at most once at a time: calls while it runs make one more run after it. A busy run
 * writes its record many times a second; the page fetches it again as often as it can keep up.
 */
export function coalesce(load: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const go = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    // A failed load (the server stopped) is retried at the next change.
    void load()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          go();
        }
      });
  };
  return go;
}
