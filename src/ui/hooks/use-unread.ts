// The header's `Notifications 3`: notifications newer than the newest one seen,
// from the notifications service (0 without one, or without a key).
import { useEffect, useState } from 'react';
import { useServices } from '../context.js';

export function useUnread(publicKey: string | undefined): number {
  const { notifications } = useServices();
  const [, setVersion] = useState(0);
  useEffect(() => {
    if (!publicKey) return;
    return notifications?.onChange(() => setVersion((v) => v + 1));
  }, [notifications, publicKey]);
  return publicKey ? (notifications?.unread() ?? 0) : 0;
}
