// The mute list the views hide by (NIP-51 kind 10000), re-read when it changes,
// and the filter every note list applies: muted people, hashtags and words
// never reach the screen.
import type { Event } from 'nostr-tools';
import { useEffect, useState } from 'react';
import { EMPTY_MUTES, isEmptyMuteSet, isMuted, type MuteSet } from '../../core/mutes.js';
import { useServices } from '../context.js';
import { repostedNote } from '../../core/reposts.js';
import type { TimelineEntryLike, TimelineViewLike } from '../services.js';

export function useMutes(): MuteSet {
  const { mutes } = useServices();
  const [set, setSet] = useState(() => mutes?.current() ?? EMPTY_MUTES);
  useEffect(() => {
    if (!mutes) return;
    setSet(mutes.current());
    return mutes.onChange(() => setSet(mutes.current()));
  }, [mutes]);
  return set;
}

/** True when the note (or, for a repost, the note inside it) is muted. */
export const isMutedNote = (event: Event, set: MuteSet): boolean => !isEmptyMuteSet(set) && isMuted(event, set, repostedNote(event));

/** The entries without muted notes; the same object when nothing is muted (no copy). */
export function withoutMuted(entries: TimelineViewLike, set: MuteSet): TimelineViewLike {
  if (isEmptyMuteSet(set)) return entries;
  const kept: TimelineEntryLike[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries.at(i)!;
    if (!isMutedNote(entry.event, set)) kept.push(entry);
  }
  return kept;
}
