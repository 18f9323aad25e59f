// The one table of keys: every key the UI understands maps to a named command
// here, and the help screen is drawn from this table, so the two cannot drift.
import type { Key } from 'ink';

export type Scope = 'list' | 'global' | 'composer' | 'offer';

export type Command =
  | 'down' | 'up' | 'pageDown' | 'pageUp' | 'top' | 'bottom'
  | 'open' | 'back' | 'compose' | 'reply' | 'like' | 'repost' | 'delete' | 'follow' | 'unfollow' | 'profile'
  | 'cycleFeed' | 'relays' | 'help' | 'quit'
  | 'send' | 'newline' | 'cancel'
  | 'createKey' | 'skipKey';

type NamedKey = 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab';

/** One way to press a command: a character, or a named key (with Alt/Meta when `meta`). */
export interface KeySpec {
  input?: string;
  key?: NamedKey;
  meta?: boolean;
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
  { command: 'like', scope: 'list', keys: [{ input: 'l' }], label: 'l', description: 'like (+), or unlike ♥' },
  { command: 'repost', scope: 'list', keys: [{ input: 't' }], label: 't', description: 'repost, or undo ↻' },
  { command: 'delete', scope: 'list', keys: [{ input: 'd' }], label: 'd', description: 'delete your own note' },
  { command: 'follow', scope: 'list', keys: [{ input: 'f' }], label: 'f', description: 'follow the author' },
  { command: 'unfollow', scope: 'list', keys: [{ input: 'u' }], label: 'u', description: 'unfollow the author' },
  { command: 'profile', scope: 'list', keys: [{ input: 'p' }], label: 'p', description: "author's profile, notes" },
  { command: 'compose', scope: 'global', keys: [{ input: 'n' }], label: 'n', description: 'new post' },
  { command: 'cycleFeed', scope: 'global', keys: [{ key: 'tab' }], label: 'Tab', description: 'Home / Mentions / Global' },
  { command: 'relays', scope: 'global', keys: [{ input: 'R' }], label: 'R', description: 'relays panel' },
  { command: 'help', scope: 'global', keys: [{ input: '?' }], label: '?', description: 'this help' },
  { command: 'back', scope: 'global', keys: [{ key: 'escape' }], label: 'Esc', description: 'back' },
  { command: 'quit', scope: 'global', keys: [{ input: 'q' }], label: 'q', description: 'quit' },
  { command: 'send', scope: 'composer', keys: [{ key: 'return' }], label: 'Enter', description: 'send' },
  { command: 'newline', scope: 'composer', keys: [{ key: 'return', meta: true }], label: 'Alt+Enter', description: 'line break' },
  { command: 'cancel', scope: 'composer', keys: [{ key: 'escape' }], label: 'Esc', description: 'cancel, keep the draft' },
  { command: 'createKey', scope: 'offer', keys: [{ input: 'c' }], label: 'c', description: 'create a key' },
  { command: 'skipKey', scope: 'offer', keys: [{ key: 'escape' }, { input: 's' }], label: 's/Esc', description: 'read without a key' },
];

function matches(spec: KeySpec, input: string, key: Key): boolean {
  if (spec.key) {
    if (!key[spec.key]) return false;
    // Ink reports a lone Esc as meta; only Alt+<key> counts as meta for other keys.
    if (spec.key === 'escape') return true;
    return Boolean(spec.meta) === key.meta;
  }
  return !key.ctrl && !key.meta && input === spec.input;
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

/** `key label` pairs for a footer: the keys that work on the current screen. */
export function hints(commands: readonly Command[], scope?: Scope): string {
  return commands.map((c) => `${c === 'down' ? 'j/k' : bindingFor(c, scope).label} ${shortName[c] ?? c}`).join('  ');
}

const shortName: Partial<Record<Command, string>> = {
  down: 'move', open: 'thread', compose: 'new', reply: 'reply', like: 'like', repost: 'repost', delete: 'delete',
  follow: 'follow', unfollow: 'unfollow', profile: 'profile', cycleFeed: 'feed', relays: 'relays', help: 'help',
  quit: 'quit', back: 'back', send: 'send', newline: 'line break', cancel: 'cancel', top: 'top',
  createKey: 'create key', skipKey: 'skip',
};
