import { useEffect, useState } from 'react';
import { unixNow } from '../../core/clock.js';
import { useServices } from '../context.js';

/** Unix seconds from the injected clock, refreshed every `everyMs` so relative times stay right. */
export function useNow(everyMs = 30_000): number {
  const { clock } = useServices();
  const [now, setNow] = useState(() => unixNow(clock));
  useEffect(() => {
    const timer = setInterval(() => setNow(unixNow(clock)), everyMs);
    timer.unref?.();
    return () => clearInterval(timer);
  }, [clock, everyMs]);
  return now;
}
