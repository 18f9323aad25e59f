import { useEffect, useState } from 'react';
import type { DmsLike } from '../services.js';

/** Re-renders when messages arrive, are sent or are marked read; the version to key effects on. */
export function useDmsVersion(dms: DmsLike | undefined): number {
  const [version, setVersion] = useState(0);
  useEffect(() => dms?.onChange(() => setVersion((v) => v + 1)), [dms]);
  return version;
}
