import { useEffect, useState } from 'react';
import type { FeedLike } from '../services.js';

export interface FeedView {
  feed?: FeedLike;
  /** Bumped on every (batched) change, so the screen re-reads the timeline. */
  version: number;
  settled: boolean;
}

/** Opens a feed for as long as the component shows it; `open` returns undefined while not ready. */
export function useFeed(open: () => FeedLike | undefined, deps: readonly unknown[]): FeedView {
  const [view, setView] = useState<FeedView>({ version: 0, settled: false });
  useEffect(() => {
    const feed = open();
    setView({ feed, version: 0, settled: false });
    if (!feed) return;
    let live = true;
    const off = feed.onChange(() => live && setView((v) => ({ ...v, version: v.version + 1 })));
    feed.settled.then(
      () => live && setView((v) => ({ ...v, settled: true })),
      () => live && setView((v) => ({ ...v, settled: true })),
    );
    return () => {
      live = false;
      off();
      feed.close();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return view;
}
