// The header's `Notifications 3`: notifications newer than the newest one seen,
// from the notifications service (0 without one, or without a key). Muted
// people, words and tags notify nobody: the count leaves out what the
// Notifications view hides.
import { useEffect, useState } from 'react';
import { useServices } from '../context.js';
import { isMutedNote, useMutes } from './use-mutes.js';

export function useUnread(publicKey: string | undefined): number {
  const { notifications } = useServices();
  const mutes = useMutes();
  const [, setVersion] = useState(0);
  useEffect(() => {
    if (!publicKey) return;
    return notifications?.onChange(() => setVersion((v) => v + 1));
  }, [notifications, publicKey]);
  return publicKey ? (notifications?.unread((event) => isMutedNote(event, mutes)) ?? 0) : 0;
}
