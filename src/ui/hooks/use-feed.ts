import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FeedLike } from '../services.js';

/** Older notes below the list: none asked yet, on the way, the true end, or the relays that answered had none. */
export type OlderState = 'idle' | 'loading' | 'end' | 'incomplete';

export interface FeedView {
  feed?: FeedLike;
  /** Bumped on every (batched) change, so the screen re-reads the timeline. */
  version: number;
  settled: boolean;
  older?: OlderState;
  /** Asks the feed for the next window below the oldest note shown (one load at a time). */
  loadOlder?(): void;
}

/** Opens a feed for as long as the component shows it; `open` returns undefined while not ready. */
export function useFeed(open: () => FeedLike | undefined, deps: readonly unknown[]): FeedView {
  // Which opening of the feed the state belongs to: right after the deps change
  // (Tab to another feed) the old feed's notes must not be drawn under the new title.
  const counter = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const generation = useMemo(() => ++counter.current, deps);
  // A feed that can open at the first render (start-up already knows which) is drawn in the
  // first frame; otherwise it opens once mounted. -generation: tried in render, not ready.
  const [view, setView] = useState<FeedView & { generation: number }>(() => {
    const feed = open();
    return { feed, version: 0, settled: false, generation: feed ? generation : -generation };
  });
  // The same when the deps change (Tab, or Global once start-up learns the user follows nobody):
  // a feed that can open now is drawn in this frame, with what it already holds, not a frame
  // later. React renders again at once with this state, before anything is drawn.
  if (Math.abs(view.generation) !== generation) {
    const feed = open();
    setView({ feed, version: 0, settled: false, generation: feed ? generation : -generation });
  }
  useEffect(() => {
    // Opened by the render above; one that was not ready then waits for the deps to change.
    const feed = view.generation === generation ? view.feed : undefined;
    if (!feed) return;
    let live = true;
    // Only ever this opening's state: an update queued by a feed just left (its settle, its last
    // change) must not land on the next one, which would then count its start-up notes as new.
    const update = (change: (v: FeedView & { generation: number }) => Partial<FeedView>) =>
      live && setView((v) => (v.generation === generation ? { ...v, ...change(v) } : v));
    const off = feed.onChange(() => update((v) => ({ version: v.version + 1 })));
    // What arrived between that render and this subscription is drawn too.
    update((v) => ({ version: v.version + 1 }));
    feed.settled.then(
      () => update(() => ({ settled: true })),
      () => update(() => ({ settled: true })),
    );
    return () => {
      live = false;
      off();
      feed.close();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation]);
  const [older, setOlder] = useState<{ generation: number; state: OlderState }>({ generation, state: 'idle' });
  const olderState = older.generation === generation ? older.state : 'idle';
  const current = view.generation === generation ? view.feed : undefined;
  const loadOlder = useCallback(() => {
    if (!current?.loadOlder || olderState !== 'idle') return;
    setOlder({ generation, state: 'loading' });
    current.loadOlder().then(
      ({ found, end }) => setOlder((o) => (o.generation !== generation ? o : { generation, state: end ? 'end' : found > 0 ? 'idle' : 'incomplete' })),
      () => setOlder((o) => (o.generation !== generation ? o : { generation, state: 'incomplete' })),
    );
  }, [current, olderState, generation]);
  if (view.generation !== generation) return { version: 0, settled: false };
  return { ...view, ...(view.feed?.loadOlder ? { older: olderState, loadOlder } : {}) };
}
