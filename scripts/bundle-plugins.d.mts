// Types for the bench that builds with these plugins (scripts/ is plain JavaScript run by Node).
import type { Plugin } from 'esbuild';

export const yogaInstance: Plugin;
export const inkWithoutTopLevelAwait: Plugin;
export const reactOnce: Plugin;
export const yogaNativeBase64: Plugin;
