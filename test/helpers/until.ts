/**
 * Resolves with the condition's value once it holds (checked every 5 ms of real
 * I/O), so tests wait for what they expect instead of sleeping.
 */
export function until<T>(check: () => T | undefined, what: string, ms = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      let value: T | undefined;
      // A check that throws fails the waiting test instead of escaping from a timer as an uncaught error.
      try {
        value = check();
      } catch (error) {
        return reject(error);
      }
      if (value !== undefined && value !== false) return resolve(value);
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 5);
    };
    tick();
  });
}
