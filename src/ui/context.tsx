// Thin context readers (the pattern of ink's useStdout): components ask for
// services, screen size and theme through hooks, so tests provide their own.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStdout } from 'ink';
import type { UiServices } from './services.js';

const ServicesContext = createContext<UiServices | undefined>(undefined);

export function useServices(): UiServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <ServicesProvider>');
  return services;
}

export const ServicesProvider = ServicesContext.Provider;

export interface ScreenSize {
  columns: number;
  rows: number;
}

const ScreenSizeContext = createContext<ScreenSize>({ columns: 80, rows: 24 });

export const useScreenSize = (): ScreenSize => useContext(ScreenSizeContext);

/**
 * The terminal's size, following resizes; `fixed` pins it (tests). One row is
 * left free: a frame as tall as the terminal makes Ink clear the whole screen on
 * every update (flicker), a shorter one is redrawn line by line.
 */
export function ScreenSizeProvider({ fixed, children }: { fixed?: ScreenSize; children: ReactNode }) {
  const { stdout } = useStdout();
  const read = (): ScreenSize => fixed ?? { columns: stdout.columns || 80, rows: Math.max(8, (stdout.rows || 24) - 1) };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout, fixed?.columns, fixed?.rows]);
  return <ScreenSizeContext.Provider value={fixed ?? size}>{children}</ScreenSizeContext.Provider>;
}

export interface Theme {
  /** False under NO_COLOR: emphasis is bold/inverse only. */
  color: boolean;
}

const ThemeContext = createContext<Theme>({ color: true });
export const ThemeProvider = ThemeContext.Provider;
export const useTheme = (): Theme => useContext(ThemeContext);

/** A colour name when colours are on, else undefined (NO_COLOR). */
export function useColor(): (name: string) => string | undefined {
  const { color } = useTheme();
  return (name) => (color ? name : undefined);
}
