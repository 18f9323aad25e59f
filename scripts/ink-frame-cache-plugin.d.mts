// Types for the bench that builds with this plugin (scripts/ is plain JavaScript run by Node).
import type { Plugin } from 'esbuild';

export const inkFrameCachePlugin: Plugin;
