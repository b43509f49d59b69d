/**
 * The props of a button that continues a run (resume, rerun): disabled while an orchestra process
 * has the run, since the CLI would refuse, saying why on hover.
 */
export function whenStopped(live: boolean): { disabled: boolean; title?: string } {
  return live
    ? {
        disabled: true,
        title: 'the run is in progress in an orchestra process: wait for it to end, or cancel it',
      }
    : { disabled: false };
}
