// The one table of keys: every key the UI understands maps to a named command
// here, and the help screen is drawn from this table, so the two cannot drift.
import type { Key } from 'ink';

export type Scope = 'list' | 'global' | 'composer' | 'offer' | 'relays' | 'messages';

export type Command =
  | 'down' | 'up' | 'pageDown' | 'pageUp' | 'top' | 'bottom'
  | 'open' | 'back' | 'compose' | 'reply' | 'quote' | 'like' | 'repost' | 'delete' | 'follow' | 'unfollow' | 'profile'
  | 'mute' | 'editProfile' | 'message' | 'ownProfile' | 'bookmark' | 'bookmarks'
  | 'cycleFeed' | 'relays' | 'help' | 'quit' | 'quitNow'
  | 'send' | 'newline' | 'cancel' | 'contentWarning'
  | 'wordLeft' | 'wordRight' | 'lineStart' | 'lineEnd'
  | 'deleteChar' | 'deleteWord' | 'killToStart' | 'killToEnd'
  | 'createKey' | 'skipKey'
  | 'addRelay' | 'removeRelay' | 'toggleRead' | 'toggleWrite'
  | 'openLink' | 'copyNote' | 'copyAuthor'
  | 'messages' | 'newMessage'
  | 'search' | 'hashtag';

type NamedKey =
  | 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end'
  | 'return' | 'escape' | 'tab' | 'backspace' | 'delete';

/** One way to press a command: a character, or a named key; with Alt/Meta when `meta`, Ctrl when `ctrl`. */
export interface KeySpec {
  input?: string;
  key?: NamedKey;
  meta?: boolean;
  ctrl?: boolean;
}

export interface Binding {
  command: Command;
  scope: Scope;
  keys: KeySpec[];
  /** How the help screen and footer write the keys. */
  label: string;
  description: string;
}

export const bindings: readonly Binding[] = [
  { command: 'down', scope: 'list', keys: [{ input: 'j' }, { key: 'downArrow' }], label: 'j/↓', description: 'next note' },
  { command: 'up', scope: 'list', keys: [{ input: 'k' }, { key: 'upArrow' }], label: 'k/↑', description: 'previous note' },
  { command: 'pageDown', scope: 'list', keys: [{ key: 'pageDown' }, { input: ' ' }], label: 'PgDn/Space', description: 'next page' },
  { command: 'pageUp', scope: 'list', keys: [{ key: 'pageUp' }], label: 'PgUp', description: 'previous page' },
  { command: 'top', scope: 'list', keys: [{ input: 'g' }, { key: 'home' }], label: 'g', description: 'top, and show new posts' },
  { command: 'bottom', scope: 'list', keys: [{ input: 'G' }, { key: 'end' }], label: 'G', description: 'bottom' },
  { command: 'open', scope: 'list', keys: [{ key: 'return' }], label: 'Enter', description: 'open the thread' },
  { command: 'reply', scope: 'list', keys: [{ input: 'r' }], label: 'r', description: 'reply' },
  { command: 'quote', scope: 'list', keys: [{ input: '"' }], label: '"', description: 'quote it in a new note' },
  { command: 'like', scope: 'list', keys: [{ input: 'l' }], label: 'l', description: 'like (+), or unlike ♥' },
  { command: 'repost', scope: 'list', keys: [{ input: 't' }], label: 't', description: 'repost, or undo ↻' },
  { command: 'delete', scope: 'list', keys: [{ input: 'd' }], label: 'd', description: 'delete your own note' },
  { command: 'follow', scope: 'list', keys: [{ input: 'f' }], label: 'f', description: 'follow the author' },
  { command: 'unfollow', scope: 'list', keys: [{ input: 'u' }], label: 'u', description: 'unfollow the author' },
  { command: 'profile', scope: 'list', keys: [{ input: 'p' }], label: 'p', description: "author's profile, notes" },
  // Issue #13: links and identifiers of the selected note.
  { command: 'openLink', scope: 'list', keys: [{ input: 'o' }], label: 'o', description: 'open a link (asks first)' },
  { command: 'copyNote', scope: 'list', keys: [{ input: 'y' }], label: 'y', description: "copy the note's nevent1…" },
  { command: 'copyAuthor', scope: 'list', keys: [{ input: 'Y' }], label: 'Y', description: "copy the author's npub1…" },
  { command: 'mute', scope: 'list', keys: [{ input: 'm' }], label: 'm', description: 'mute the author (asks)' },
  { command: 'bookmark', scope: 'list', keys: [{ input: 'b' }], label: 'b', description: 'bookmark, or take off ⚑' },
  { command: 'message', scope: 'list', keys: [{ input: 'c' }], label: 'c', description: 'private chat with author' },
  { command: 'editProfile', scope: 'list', keys: [{ input: 'e' }], label: 'e', description: 'edit your own profile' },
  { command: 'hashtag', scope: 'list', keys: [{ input: '#' }], label: '#', description: "hashtag feed (its tags)" },
  { command: 'search', scope: 'global', keys: [{ input: '/' }], label: '/', description: 'search notes' },
  { command: 'compose', scope: 'global', keys: [{ input: 'n' }], label: 'n', description: 'new post' },
  { command: 'cycleFeed', scope: 'global', keys: [{ key: 'tab' }], label: 'Tab', description: 'Home/Notifs/Global/DMs' },
  { command: 'relays', scope: 'global', keys: [{ input: 'R' }], label: 'R', description: 'relays panel' },
  { command: 'messages', scope: 'global', keys: [{ input: 'M' }], label: 'M', description: 'private messages (NIP-17)' },
  { command: 'ownProfile', scope: 'global', keys: [{ input: 'P' }], label: 'P', description: 'your profile (e edits it)' },
  { command: 'bookmarks', scope: 'global', keys: [{ input: 'B' }], label: 'B', description: 'your bookmarks (NIP-51)' },
  { command: 'help', scope: 'global', keys: [{ input: '?' }], label: '?', description: 'this help' },
  { command: 'back', scope: 'global', keys: [{ key: 'escape' }], label: 'Esc', description: 'back' },
  { command: 'quit', scope: 'global', keys: [{ input: 'q' }], label: 'q', description: 'back, or quit at the top' },
  { command: 'quitNow', scope: 'global', keys: [{ input: 'Q' }, { input: 'c', ctrl: true }], label: 'Q/Ctrl-C', description: 'quit from anywhere' },
  { command: 'send', scope: 'composer', keys: [{ key: 'return' }], label: 'Enter', description: 'send' },
  { command: 'newline', scope: 'composer', keys: [{ key: 'return', meta: true }], label: 'Alt+Enter', description: 'line break' },
  { command: 'cancel', scope: 'composer', keys: [{ key: 'escape' }], label: 'Esc', description: 'close, keep the draft' },
  // NIP-36. Alt, as Ctrl-W is readline's and Ctrl-S/Ctrl-Q are the terminal's own.
  { command: 'contentWarning', scope: 'composer', keys: [{ input: 'w', meta: true }], label: 'Alt-W', description: 'content warning on/off' },
  {
    command: 'wordLeft', scope: 'composer', label: 'Alt-B', description: 'word left',
    keys: [{ input: 'b', meta: true }, { key: 'leftArrow', meta: true }],
  },
  {
    command: 'wordRight', scope: 'composer', label: 'Alt-F', description: 'word right',
    keys: [{ input: 'f', meta: true }, { key: 'rightArrow', meta: true }],
  },
  { command: 'lineStart', scope: 'composer', keys: [{ key: 'home' }, { input: 'a', ctrl: true }], label: 'Home/Ctrl-A', description: 'line start' },
  { command: 'lineEnd', scope: 'composer', keys: [{ key: 'end' }, { input: 'e', ctrl: true }], label: 'End/Ctrl-E', description: 'line end' },
  { command: 'deleteChar', scope: 'composer', keys: [{ key: 'delete' }, { input: 'd', ctrl: true }], label: 'Del/Ctrl-D', description: 'delete forward' },
  {
    command: 'deleteWord', scope: 'composer', label: 'Ctrl-W', description: 'delete word before',
    keys: [{ input: 'w', ctrl: true }, { key: 'backspace', meta: true }],
  },
  { command: 'killToStart', scope: 'composer', keys: [{ input: 'u', ctrl: true }], label: 'Ctrl-U', description: 'delete to line start' },
  { command: 'killToEnd', scope: 'composer', keys: [{ input: 'k', ctrl: true }], label: 'Ctrl-K', description: 'delete to line end' },
  { command: 'createKey', scope: 'offer', keys: [{ input: 'c' }], label: 'c', description: 'create a key' },
  { command: 'skipKey', scope: 'offer', keys: [{ key: 'escape' }, { input: 's' }], label: 's/Esc', description: 'read without a key' },
  { command: 'addRelay', scope: 'relays', keys: [{ input: 'a' }], label: 'a', description: 'add a relay' },
  { command: 'removeRelay', scope: 'relays', keys: [{ input: 'd' }], label: 'd', description: 'remove (asks first)' },
  { command: 'toggleRead', scope: 'relays', keys: [{ input: 'r' }], label: 'r', description: 'read from it on/off' },
  { command: 'toggleWrite', scope: 'relays', keys: [{ input: 'w' }], label: 'w', description: 'write to it on/off' },
  // On Messages, `n` writes to a person, never a public note: what is typed there is meant to be private.
  { command: 'newMessage', scope: 'messages', keys: [{ input: 'n' }], label: 'n', description: 'new private message' },
];

function matches(spec: KeySpec, input: string, key: Key): boolean {
  if (spec.key) {
    if (!key[spec.key]) return false;
    // Esc is Esc whatever a terminal reports with it.
    if (spec.key === 'escape') return true;
    return Boolean(spec.meta) === key.meta && Boolean(spec.ctrl) === key.ctrl;
  }
  return Boolean(spec.ctrl) === key.ctrl && Boolean(spec.meta) === key.meta && input === spec.input;
}

/** The command a keypress means in the given scopes (earlier scopes win), if any. */
export function commandFor(scopes: readonly Scope[], input: string, key: Key): Command | undefined {
  for (const scope of scopes) {
    for (const binding of bindings) {
      if (binding.scope === scope && binding.keys.some((spec) => matches(spec, input, key))) return binding.command;
    }
  }
  return undefined;
}

export function bindingFor(command: Command, scope?: Scope): Binding {
  const found = bindings.find((b) => b.command === command && (!scope || b.scope === scope));
  if (!found) throw new Error(`no binding for ${command}`);
  return found;
}

/** `key label` pairs for a footer: the keys that work on the current screen (`names`: what a key does there, when it differs). */
export function hints(commands: readonly Command[], scope?: Scope, names?: Partial<Record<Command, string>>): string {
  return commands.map((c) => `${c === 'down' ? 'j/k' : bindingFor(c, scope).label} ${names?.[c] ?? shortName[c] ?? c}`).join('  ');
}

const shortName: Partial<Record<Command, string>> = {
  down: 'move', open: 'thread', compose: 'new', reply: 'reply', quote: 'quote', like: 'like', repost: 'repost', delete: 'delete',
  follow: 'follow', unfollow: 'unfollow', profile: 'profile', cycleFeed: 'feed', relays: 'relays', help: 'help',
  quit: 'quit', quitNow: 'quit', back: 'back', send: 'send', newline: 'line break', contentWarning: 'warning', cancel: 'close (draft kept)', top: 'top',
  createKey: 'create key', skipKey: 'skip', addRelay: 'add', removeRelay: 'remove', toggleRead: 'read', toggleWrite: 'write',
  deleteWord: 'del word', messages: 'messages', lineStart: 'line start', lineEnd: 'line end',
  openLink: 'open link', copyNote: 'copy id', copyAuthor: 'copy npub',
  mute: 'mute', bookmark: 'bookmark', bookmarks: 'bookmarks', editProfile: 'edit', message: 'chat', ownProfile: 'your profile',
  search: 'search', hashtag: '#tag', newMessage: 'new message',
};
