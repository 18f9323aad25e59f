// Types for the bench that builds with these plugins (scripts/ is plain JavaScript run by Node).
import type { Plugin } from 'esbuild';

/** Every plugin of the interactive bundle, in order. */
export const interactivePlugins: Plugin[];
