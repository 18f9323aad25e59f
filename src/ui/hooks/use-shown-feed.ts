import type { Event } from 'nostr-tools';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useServices } from '../context.js';
import type { FeedKind } from '../navigation.js';
import type { FeedLike } from '../services.js';
import { useFeed } from './use-feed.js';

/**
 * The feed on screen (Home, Notifications or Global), opened once the follow list is
 * known. A note just published joins it at once (and the list jumps to the top);
 * a follow or unfollow does not reopen it under the reader (the list would jump):
 * an open Home asks for the new author's notes, or drops the old one's, in place. So does a
 * newer follow list the relays hold (changed on another device) than the cached one.
 */
export function useShownFeed(
  feed: FeedKind,
  follows: string[] | undefined,
  setFollows: (update: (list: string[] | undefined) => string[]) => void,
  publicKey: string | undefined,
) {
  const services = useServices();
  const [topSignal, setTopSignal] = useState(0);
  // Relays added or removed in the panel: the feed is opened again over them. The cache paints
  // it at once, and the list keeps its place (it is kept by note ids).
  const [relays, setRelays] = useState(0);
  useEffect(() => services.onRelaysChanged?.(() => setRelays((n) => n + 1)), [services]);
  const feedView = useFeed(() => (follows === undefined ? undefined : services.openFeed(feed, follows)), [services, feed, follows === undefined, publicKey, relays]);
  // The feed open when a publish is saved, not when it was sent: a note sent in the first moments
  // of a start (the follow list still asked for) is saved after the feed opened, or before; then
  // it waits, and joins the feed when it opens (one opened early, before the note was saved, did
  // not paint it from the cache).
  const open = useRef(feedView.feed);
  open.current = feedView.feed;
  const waiting = useRef<Event[]>([]);
  const onPublished = useCallback(
    (event: Event) => {
      const shown = open.current;
      // The user deleted a note (NIP-09): it leaves the open feed at once, and a reply no longer counts under its note.
      if (event.kind === 5) {
        services.counts?.withdraw?.(event);
        return void shown?.timeline.applyDeletion?.(event);
      }
      if (event.kind !== 1) return;
      if (!shown) return void waiting.current.push(event);
      shown.timeline.add(event);
      setTopSignal((n) => n + 1);
    },
    [services],
  );
  useEffect(() => {
    const opened = feedView.feed;
    if (!opened || waiting.current.length === 0) return;
    for (const event of waiting.current.splice(0)) opened.timeline.add(event);
    setTopSignal((n) => n + 1);
  }, [feedView.feed]);
  const onFollowsChanged = useCallback(
    ({ pubkey, following }: { pubkey: string; following: boolean }) => {
      setFollows((list = []) => (following ? [...new Set([...list, pubkey])] : list.filter((pk) => pk !== pubkey)));
      if (feed !== 'home') return;
      if (following) feedView.feed?.followed?.([pubkey]);
      else feedView.feed?.unfollowed?.(pubkey);
    },
    [feed, feedView.feed, setFollows],
  );
  // The relays' follow list, newer than the cached one Home opened from: the difference, in place.
  // Read through refs, subscribed once: the list may come between the frame that opened Home and
  // the effects that would see it, and the open Home is whichever is shown when it comes.
  const shown = useRef(follows);
  shown.current = follows;
  const home = useRef<FeedLike | undefined>(undefined);
  home.current = feed === 'home' ? feedView.feed : undefined;
  useEffect(
    () =>
      services.onFollowsUpdated?.((list) => {
        const before = new Set(shown.current ?? []);
        const after = new Set(list);
        const added = list.filter((pubkey) => !before.has(pubkey));
        const removed = [...before].filter((pubkey) => !after.has(pubkey));
        if (added.length === 0 && removed.length === 0) return;
        shown.current = list;
        setFollows(() => list);
        if (added.length > 0) home.current?.followed?.(added);
        for (const pubkey of removed) home.current?.unfollowed?.(pubkey);
      }),
    [services, setFollows],
  );
  return { feedView, topSignal, onPublished, onFollowsChanged };
}
