// Mocha hooks that start a fixture (a simulator, providers wired to one, ...) for a suite or for
// each of its tests, and close it afterwards even when the set-up after starting it failed.

export interface Closable {
  close(): Promise<void>;
}

/** Given what `start` made, the suite keeps it in its own variables (and may set up more). */
type Started<T> = (fixture: T) => unknown;

function hooks<T extends Closable>(setUp: typeof before, tearDown: typeof after, start: () => Promise<T>, started: Started<T>): void {
  let current: T | undefined;
  setUp(async () => {
    current = await start();
    await started(current);
  });
  tearDown(async () => {
    const closing = current;
    current = undefined;
    await closing?.close();
  });
}

/** One fixture for all the tests of the suite. */
export function startedForSuite<T extends Closable>(start: () => Promise<T>, started: Started<T>): void {
  hooks(before, after, start, started);
}

/** A fresh fixture for each test of the suite. */
export function startedForEachTest<T extends Closable>(start: () => Promise<T>, started: Started<T>): void {
  hooks(beforeEach, afterEach, start, started);
}
