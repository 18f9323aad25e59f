import { Box, Text } from 'ink';
import { SafeText } from '../SafeText.js';
import { npubEncode } from 'nostr-tools/nip19';
import { useEffect, useLayoutEffect, useState } from 'react';
import { parseNip05, verifiedText } from '../../core/nip05.js';
import { sanitize } from '../../core/sanitize.js';
import { truncate, wrapText } from '../../core/text-layout.js';
import { useScreenSize, useServices } from '../context.js';
import { useFeed } from '../hooks/use-feed.js';
import type { NoteCommand } from '../hooks/use-list-keys.js';
import { useMutes } from '../hooks/use-mutes.js';
import { useNames } from '../hooks/use-names.js';
import { commandFor } from '../keys/bindings.js';
import { KeyPriority, useKeypress } from '../keys/keypress.js';
import type { NoteRow } from '../notes/note-source.js';
import { ProfileEditor } from '../profile/ProfileEditor.js';
import type { StatusMessage } from '../status.js';
import { FeedScreen } from './FeedScreen.js';

const ABOUT_LINES = 2;
const MUTED_AUTHOR = 'you muted this author: their notes are hidden';
/** The profile form's keys, in the footer while it is open. */
const FORM_HINTS = '↑/↓ field  Enter save  Esc cancel';

/**
 * NIP-05: the address is shown (`✓ alice@example.com`) only once its domain
 * maps it to this key; unverified, failed or still being checked, nothing is shown.
 */
function useVerifiedNip05(pubkey: string, address: string | undefined): string | undefined {
  const { nip05 } = useServices();
  const parsed = address ? parseNip05(address) : undefined;
  const [verified, setVerified] = useState<{ key: string; ok: boolean } | undefined>();
  const key = `${pubkey}:${address ?? ''}`;
  useEffect(() => {
    if (!nip05 || !address || !parsed) return;
    let live = true;
    nip05.verify(address, pubkey).then(
      (ok) => live && setVerified({ key, ok }),
      () => live && setVerified({ key, ok: false }),
    );
    return () => void (live = false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nip05, key]);
  if (!parsed || !address || !nip05) return undefined;
  const ok = verified?.key === key ? verified.ok : nip05.known?.(address, pubkey);
  return ok ? verifiedText(parsed) : undefined;
}

/** An author: name, npub, verified NIP-05, about, whether the user follows (or muted) them, then their recent notes. `e` on one's own edits it. */
export function ProfileScreen(props: {
  pubkey: string;
  following: boolean | undefined;
  rows: number;
  active: boolean;
  perform(command: NoteCommand, row: NoteRow): void;
  setStatus?(status: StatusMessage): void;
  setFormHints?(hints: string | undefined): void;
}) {
  const services = useServices();
  const names = useNames();
  const { columns } = useScreenSize();
  const view = useFeed(() => services.openAuthorFeed(props.pubkey), [services, props.pubkey]);
  // Each time it opens: the profile may have changed on the relays since it was first asked for
  // this run (the cached one is drawn meanwhile).
  useEffect(() => {
    const { profiles } = services;
    if (profiles.refresh) profiles.refresh([props.pubkey]);
    else profiles.request([props.pubkey]);
  }, [services, props.pubkey]);
  const profile = services.profiles.get(props.pubkey);
  const own = props.pubkey === services.publicKey();
  const [editing, setEditing] = useState(false);
  const { setFormHints } = props;
  // Before the frame is written: the footer never names one set of keys over the other's screen.
  useLayoutEffect(() => {
    if (!editing || !setFormHints) return;
    setFormHints(FORM_HINTS);
    return () => setFormHints(undefined);
  }, [editing, setFormHints]);
  useKeypress(
    (input, key) => {
      if (commandFor(['list'], input, key) !== 'editProfile') return false;
      setEditing(true);
      return true;
    },
    // Above the list (which would take `e` as a no-op), only on the user's own profile.
    { priority: KeyPriority.screen + 1, isActive: props.active && own && !editing && !!props.setStatus },
  );
  const nip05 = useVerifiedNip05(props.pubkey, profile?.nip05);
  const muted = useMutes().pubkeys.has(props.pubkey);
  const about = profile?.about ? wrapText(sanitize(profile.about), columns - 2, ABOUT_LINES) : [];
  const width = columns - 2;
  const relation = own ? '  · you (e edits your profile)' : muted ? '  · muted' : props.following === undefined ? '' : props.following ? '  · followed' : '  · not followed';
  const header = [`${names.nameOf(props.pubkey)}${nip05 ? `  ${nip05}` : ''}${relation}`, npubEncode(props.pubkey), ...about];
  if (editing && props.setStatus) {
    return (
      <Box flexDirection="column" height={props.rows}>
        <ProfileEditor profile={profile} width={columns} rows={props.rows} setStatus={props.setStatus} onDone={() => setEditing(false)} />
      </Box>
    );
  }
  const listRows = Math.max(1, props.rows - header.length - 1);
  return (
    <Box flexDirection="column" height={props.rows}>
      {header.map((line, i) => (
        <SafeText key={i} bold={i === 0} dimColor={i === 1} wrap="truncate">
          {`  ${truncate(line, width)}`}
        </SafeText>
      ))}
      <Text> </Text>
      <FeedScreen
        view={view}
        rows={listRows}
        active={props.active}
        perform={props.perform}
        empty={muted ? MUTED_AUTHOR : 'no notes from this author on your relays'}
        {...(muted ? { allMuted: MUTED_AUTHOR } : {})}
      />
    </Box>
  );
}
