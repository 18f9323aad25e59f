// The Notifications view (issue 13; in Mentions' place in the Tab cycle): what
// tags the user, classified and grouped (src/core/notifications.ts), newest
// first. While it is shown, what it shows counts as seen (the header's unread
// count), remembered across restarts by the notifications service.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { classify, groupNotifications, type Notification } from '../../core/notifications.js';
import { useScreenSize, useServices } from '../context.js';
import type { FeedView } from '../hooks/use-feed.js';
import { useListKeys, type NoteCommand } from '../hooks/use-list-keys.js';
import { GUTTER, useNoteList } from '../hooks/use-note-list.js';
import { useNames } from '../hooks/use-names.js';
import { useNow } from '../hooks/use-now.js';
import { NoteList } from '../notes/NoteList.js';
import type { NoteRow } from '../notes/note-source.js';
import type { NoteLine } from '../notes/note-layout.js';
import { groupsSource, keepPlaces, layoutGroup } from './notification-source.js';
import type { ListAction } from '../list/list-state.js';
import type { NotificationGroup } from '../../core/notifications.js';
import { isMutedNote, useMutes } from '../hooks/use-mutes.js';

export interface NotificationsScreenProps {
  view: FeedView;
  rows: number;
  active: boolean;
  perform(command: NoteCommand, row: NoteRow): void;
  empty: string;
}

export function NotificationsScreen({ view, rows, active, perform, empty }: NotificationsScreenProps) {
  const services = useServices();
  const { notifications } = services;
  const me = services.publicKey();
  const { columns } = useScreenSize();
  const names = useNames();
  const now = useNow();
  const minute = Math.floor(now / 60);
  // The service tells of notes looked up and of the seen mark moving.
  const [serviceVersion, setServiceVersion] = useState(0);
  useEffect(() => notifications?.onChange(() => setServiceVersion((v) => v + 1)), [notifications]);
  // Marked new: what was unseen when the view opened (the mark itself moves as soon as it is shown).
  const [seenAt] = useState(() => notifications?.seenAt?.() ?? 0);

  const timeline = view.feed?.timeline;
  const entries = timeline?.view();
  // Muted people, hashtags and words (NIP-51) notify nobody either.
  const mutes = useMutes();
  const byTime = useMemo(() => {
    if (!entries || !me) return [];
    const found: Notification[] = [];
    for (let i = 0; i < entries.length; i++) {
      const event = entries.at(i)!.event;
      if (isMutedNote(event, mutes)) continue;
      const n = classify(event, me);
      if (n) found.push(n);
    }
    return groupNotifications(found);
  }, [entries, view.version, me, mutes]);
  // Once the relays have answered, a group listed keeps its line until `g` (src/ui/screens/notification-source.ts);
  // `g` is a jump to the top made in the render that places the groups again (useNoteList's topSignal).
  const [topSignal, setTopSignal] = useState(0);
  const placed = useMemo(() => new Map<string, number>(), [topSignal, view.settled]);
  const groups = useMemo(() => (view.settled ? keepPlaces(byTime, placed) : byTime), [byTime, placed, view.settled]);

  const noteOf = useMemo(() => (id: string) => notifications?.note(id) ?? timeline?.get?.(id), [notifications, timeline, serviceVersion]);
  const layout = useMemo(() => {
    const cache = new Map<string, NoteLine[]>();
    return (group: NotificationGroup) => {
      const key = `${group.key}:${group.items.length}:${group.target && noteOf(group.target) ? 1 : 0}`;
      let lines = cache.get(key);
      if (!lines) {
        lines = layoutGroup(group, { width: Math.max(10, columns - GUTTER), now, nameOf: names.nameOf, noteOf, seenAt });
        cache.set(key, lines);
      }
      return lines;
    };
    // `now` is read through `minute`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [columns, minute, names, noteOf, seenAt]);
  const source = useMemo(() => groupsSource(groups, layout, noteOf), [groups, layout, noteOf]);
  const { window, dispatch } = useNoteList(source, rows, view.settled, undefined, topSignal);
  const move = useCallback((action: ListAction) => (action === 'top' ? setTopSignal((n) => n + 1) : dispatch(action)), [dispatch]);
  useListKeys(source, window, move, perform, active);

  // Names and notes for what is in view.
  const visibleKey = window.visible.map((i) => groups[i]?.key).join(',');
  useEffect(() => {
    const shown = window.visible.map((i) => groups[i]).filter((g) => g !== undefined);
    names.request(shown.flatMap((g) => g.items.map((n) => n.actor)));
    notifications?.requestNotes(shown.flatMap((g) => (g.target ? [g.target] : [])));
    // `visibleKey` stands for what is in view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visibleKey, notifications]);
  // What is on screen has been seen: the newest notification shown moves the mark.
  const newest = byTime[0]?.created_at;
  useEffect(() => {
    if (active && newest !== undefined) notifications?.markSeen(newest);
  }, [active, newest, notifications]);

  return <NoteList source={source} window={window} rows={rows} empty={view.settled ? empty : 'loading…'} newWord={['notification', 'notifications']} />;
}
