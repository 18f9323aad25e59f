// For what only helps (a cache read, a hint): if it throws, the caller goes on with `fallback`.
export function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
