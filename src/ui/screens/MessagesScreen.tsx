// The Messages view (NIP-17): one line per conversation, newest first, with
// its unread count; Enter opens the chat. Everything from the network (names,
// message text) is drawn through SafeText.
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { sanitizeLine } from '../../core/sanitize.js';
import { padToWidth, textWidth, truncate } from '../../core/text-layout.js';
import { useColor, useScreenSize, useServices } from '../context.js';
import { useDmsVersion } from '../hooks/use-dms.js';
import { useNow } from '../hooks/use-now.js';
import { commandFor } from '../keys/bindings.js';
import { KeyPriority, useKeypress } from '../keys/keypress.js';
import { age } from '../notes/note-layout.js';
import { SafeText } from '../SafeText.js';

const NAME_WIDTH = 22;

const keyOf = (conversation: { peers: readonly string[] }): string => conversation.peers.join(',');

export function MessagesScreen(props: { rows: number; active: boolean; nameOf(pubkey: string): string; openChat(peers: string[]): void; newMessage(): void }) {
  const services = useServices();
  const { dms } = services;
  const { columns } = useScreenSize();
  const color = useColor();
  const version = useDmsVersion(dms);
  const now = useNow();
  const conversations = dms?.conversations() ?? [];
  // The selection is a conversation, not a row: a new message moves its conversation to the top, and
  // the highlight, and Enter, stay on the one the user saw chosen (the top one when the list appeared).
  const [selectedKey, setSelectedKey] = useState<string | undefined>(undefined);
  const at = Math.max(0, conversations.findIndex((c) => keyOf(c) === selectedKey));
  const select = (index: number) => setSelectedKey(conversations[index] ? keyOf(conversations[index]!) : undefined);
  const first = conversations[0] ? keyOf(conversations[0]) : undefined;
  useEffect(() => {
    if (selectedKey === undefined && first !== undefined) setSelectedKey(first);
  }, [selectedKey, first]);
  useEffect(() => services.profiles.request(conversations.flatMap((c) => c.peers)), [services, version]);

  useKeypress(
    (input, key) => {
      const command = commandFor(['messages', 'list'], input, key);
      const last = conversations.length - 1;
      const page = Math.max(1, props.rows - 1);
      switch (command) {
        case 'down': select(Math.min(last, at + 1)); return true;
        case 'up': select(Math.max(0, at - 1)); return true;
        case 'pageDown': select(Math.min(last, at + page)); return true;
        case 'pageUp': select(Math.max(0, at - page)); return true;
        case 'top': select(0); return true;
        case 'bottom': select(Math.max(0, last)); return true;
        case 'open':
          if (conversations[at]) props.openChat(conversations[at]!.peers);
          return true;
        case 'newMessage':
          props.newMessage();
          return true;
        default: return false;
      }
    },
    { priority: KeyPriority.screen, isActive: props.active },
  );

  const empty = !dms
    ? 'private messages are not available here'
    : (dms.problem() ?? (!dms.loaded() ? 'loading private messages…' : 'no private messages yet: n starts one'));
  if (conversations.length === 0) {
    return (
      <Box flexDirection="column" height={props.rows}>
        <SafeText dimColor>{`  ${empty}`}</SafeText>
      </Box>
    );
  }
  const start = Math.max(0, Math.min(at - props.rows + 1, conversations.length - props.rows));
  return (
    <Box flexDirection="column" height={props.rows}>
      {conversations.slice(start, start + props.rows).map((c, i) => {
        const index = start + i;
        const names = padToWidth(truncate(c.peers.map(props.nameOf).join(', '), NAME_WIDTH), NAME_WIDTH);
        const badge = c.unread > 0 ? `(${c.unread}) ` : '';
        const when = age(c.lastAt, now);
        const head = `${index === at ? '▸' : ' '} ${names} ${badge}`;
        // Columns, not UTF-16 units: a CJK or emoji name is twice as wide as it is long.
        const room = Math.max(0, columns - textWidth(head) - textWidth(when) - 3);
        const preview = padToWidth(truncate(`${c.last.mine ? 'you: ' : ''}${sanitizeLine(c.last.content)}`, room), room);
        return (
          <Text key={keyOf(c)} wrap="truncate" inverse={index === at}>
            <SafeText bold={c.unread > 0}>{head}</SafeText>
            <SafeText>{preview}</SafeText>
            <SafeText color={color('gray')}>{`  ${when}`}</SafeText>
          </Text>
        );
      })}
    </Box>
  );
}
