// Types for the tests that import the plugin (scripts/ is plain JavaScript run by Node).
import type { Plugin } from 'esbuild';

/** string-width's index.js (7.x or 8.x) with a lazy segmenter and, for 8.x, a lazy RGI_Emoji regex; throws on a source it does not know. */
export function patchStringWidth(source: string, file?: string): string;
export const stringWidthPlugin: Plugin;
