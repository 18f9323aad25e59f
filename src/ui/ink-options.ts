// How the interactive timeline asks Ink to draw (src/ui/run.tsx), shared with the frame-stall
// bench so that it measures the same drawing.
import type { RenderOptions } from 'ink';

export const INK_OPTIONS = {
  // Ctrl-C is a key of the app (./keys/bindings.ts): it quits from every screen, even
  // when it arrives in one read with other keys, and the drafts are still printed.
  exitOnCtrlC: false,
  patchConsole: false,
  // Ink draws at most this many frames a second; a change waits for the next one (30 by
  // default: up to 34 ms). At start the first notes waited 20-30 ms of that idle, behind the
  // frames of the relays connecting; 60 halves the wait, and Ink's share of a frame is small
  // since it reuses what it drew (scripts/ink-frame-cache-plugin.mjs).
  maxFps: 60,
} as const satisfies RenderOptions;
