/** Polls `probe` until `done` holds (a job ran, a row appeared), or fails with the last value it saw. */
export async function until<T>(
  probe: () => T | Promise<T>,
  done: (value: T) => boolean,
  ms = 20_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
