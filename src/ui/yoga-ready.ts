// Ink's layout engine must be loaded before the first render. Unbundled (tests,
// tsx) and in the ES module build this imports the real package, which loads
// itself; in the interactive CommonJS bundle it is yoga-instance.ts, loaded by
// its `ready()`.
export async function yogaReady(): Promise<void> {
  const yoga = (await import('yoga-layout')) as { ready?: () => Promise<void> };
  await yoga.ready?.();
}
