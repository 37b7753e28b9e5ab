/**
 * Run an async task one call at a time, the latest call winning: a call made while another
 * runs waits for it to finish, and a call still waiting when a later one arrives is dropped
 * (it resolves without running). Opening a project closes the one before it; two opens that
 * overlapped would each close the same project and each open their own, and the one that
 * finished first would be left open behind the other, connection, backup timer and all.
 */
export function latestWins<A extends unknown[]>(
  task: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  let tail: Promise<void> = Promise.resolve();
  let latest = 0;
  return (...args) => {
    const ticket = ++latest;
    const run = tail.then(() => (ticket === latest ? task(...args) : undefined));
    // A failed run is the caller's to report; the next one runs regardless.
    tail = run.catch(() => undefined);
    return run;
  };
}
