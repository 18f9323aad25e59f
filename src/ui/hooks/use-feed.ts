import { useEffect, useMemo, useRef, useState } from 'react';
import type { FeedLike } from '../services.js';

export interface FeedView {
  feed?: FeedLike;
  /** Bumped on every (batched) change, so the screen re-reads the timeline. */
  version: number;
  settled: boolean;
}

/** Opens a feed for as long as the component shows it; `open` returns undefined while not ready. */
export function useFeed(open: () => FeedLike | undefined, deps: readonly unknown[]): FeedView {
  // Which opening of the feed the state belongs to: right after the deps change
  // (Tab to another feed) the old feed's notes must not be drawn under the new title.
  const counter = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const generation = useMemo(() => ++counter.current, deps);
  const [view, setView] = useState<FeedView & { generation: number }>({ version: 0, settled: false, generation: 0 });
  useEffect(() => {
    const feed = open();
    setView({ feed, version: 0, settled: false, generation });
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
  }, [generation]);
  return view.generation === generation ? view : { version: 0, settled: false };
}
