import { Box, Text } from 'ink';
import { SafeText } from '../SafeText.js';
import { npubEncode } from 'nostr-tools/nip19';
import { useEffect } from 'react';
import { profileName } from '../../client/profiles.js';
import { sanitize, sanitizeLine } from '../../core/sanitize.js';
import { truncate, wrapText } from '../../core/text-layout.js';
import { useScreenSize, useServices } from '../context.js';
import { useFeed } from '../hooks/use-feed.js';
import type { NoteCommand } from '../hooks/use-list-keys.js';
import { displayName } from '../notes/note-layout.js';
import type { NoteRow } from '../notes/note-source.js';
import { FeedScreen } from './FeedScreen.js';

const ABOUT_LINES = 2;

/** An author: name, npub, NIP-05, about, whether the user follows them, then their recent notes. */
export function ProfileScreen(props: {
  pubkey: string;
  following: boolean | undefined;
  rows: number;
  active: boolean;
  perform(command: NoteCommand, row: NoteRow): void;
}) {
  const services = useServices();
  const { columns } = useScreenSize();
  const view = useFeed(() => services.openAuthorFeed(props.pubkey), [services, props.pubkey]);
  useEffect(() => services.profiles.request([props.pubkey]), [services, props.pubkey]);
  const profile = services.profiles.get(props.pubkey);
  const about = profile?.about ? wrapText(sanitize(profile.about), columns - 2, ABOUT_LINES) : [];
  const width = columns - 2;
  const header = [
    `${displayName(props.pubkey, profileName(profile))}${profile?.nip05 ? `  ${sanitizeLine(profile.nip05)}` : ''}${
      props.following === undefined ? '' : props.following ? '  · followed' : '  · not followed'
    }`,
    npubEncode(props.pubkey),
    ...about,
  ];
  const listRows = Math.max(1, props.rows - header.length - 1);
  return (
    <Box flexDirection="column" height={props.rows}>
      {header.map((line, i) => (
        <SafeText key={i} bold={i === 0} dimColor={i === 1} wrap="truncate">
          {`  ${truncate(line, width)}`}
        </SafeText>
      ))}
      <Text> </Text>
      <FeedScreen view={view} rows={listRows} active={props.active} perform={props.perform} empty="no notes from this author on your relays" />
    </Box>
  );
}
