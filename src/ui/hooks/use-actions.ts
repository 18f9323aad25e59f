import type { Event, EventTemplate } from 'nostr-tools';
import { useCallback } from 'react';
import { unixNow } from '../../core/clock.js';
import { noteTemplate } from '../../core/events.js';
import { holdsSecretKey, SECRET_IN_TEXT } from '../../core/secret-in-text.js';
import { replyTemplate } from '../../core/interactions.js';
import type { UiServices } from '../services.js';
import type { NavAction } from '../navigation.js';
import { targetNote } from '../../core/reposts.js';
import type { NoteRow } from '../notes/note-source.js';
import { editRefusedStatus, errorStatus, NO_KEY, publishStatus, type StatusMessage } from '../status.js';
import type { NoteCommand } from './use-list-keys.js';
import { useInteract } from './use-interact.js';
import { noteAddress, useNoteLinks } from './use-note-links.js';
import { useConfirm } from '../confirm/use-confirm.js';

export interface ActionDeps {
  services: UiServices;
  navigate(action: NavAction): void;
  setStatus(status: StatusMessage): void;
  /** Opens the composer, for a reply when `replyTo` is given. */
  openComposer(replyTo?: Event): void;
  /** Opens the new note's composer with this `nostr:` reference in it (a quote, NIP-18). */
  quoteInComposer(reference: string): void;
  /** The user's key, or undefined (then writing commands explain how to get one). */
  hasKey: boolean;
  nameOf(pubkey: string): string;
  /** Called with the user's new follow list after a follow or unfollow. */
  onFollowsChanged(change: { pubkey: string; following: boolean }): void;
  /** A note the user just published, to show in the timeline at once. */
  onPublished(event: Event): void;
  /** Opens the private conversation with these people. */
  openChat(peers: string[]): void;
}

const unchangedText = {
  self: () => 'that is you',
  'already-following': (name: string) => `you already follow ${name}`,
  'not-following': (name: string) => `you do not follow ${name}`,
};

/** What each note command does; the effects live in the services. */
export function useActions(deps: ActionDeps) {
  const { services, navigate, setStatus, openComposer, quoteInComposer, hasKey, nameOf, onFollowsChanged, onPublished, openChat } = deps;

  /**
   * Resolves true once the note is saved in the outbox (safe: the composer may close), or false
   * when it could not be (nothing signed); the footer follows the relays' answers after that.
   */
  const publish = useCallback(
    (what: string, template: EventTemplate) =>
      new Promise<boolean>((resolve) => {
        setStatus({ text: `${what}: sending…`, tone: 'info' });
        // Shown once saved, not after the slowest relay (a stalled one answers nothing for 8 s).
        let shown = false;
        const saved = (event: Event) => {
          if (shown) return;
          shown = true;
          onPublished(event);
          resolve(true);
        };
        services.publish(template, saved).then(
          ({ event, results }) => {
            saved(event);
            setStatus(publishStatus(what, results));
          },
          (error: unknown) => {
            setStatus(errorStatus(what, error));
            resolve(false);
          },
        );
      }),
    [services, setStatus, onPublished],
  );

  const noteLinks = useNoteLinks({ services, navigate, setStatus });
  const interactions = services.interactions;
  const interact = useInteract(interactions, { setStatus, nameOf, onPublished, me: services.publicKey() });

  const editFollows = useCallback(
    async (pubkey: string, following: boolean) => {
      const what = `${following ? 'follow' : 'unfollow'} ${nameOf(pubkey)}`;
      setStatus({ text: `${what}: reading your follow list from every relay…`, tone: 'info' });
      try {
        const { results, unchanged } = await (following ? services.follow(pubkey) : services.unfollow(pubkey));
        if (unchanged) {
          setStatus({ text: unchangedText[unchanged](nameOf(pubkey)), tone: 'info' });
          return;
        }
        setStatus(publishStatus(what, results));
        if (results.some((r) => r.ok)) onFollowsChanged({ pubkey, following });
      } catch (error) {
        setStatus(editRefusedStatus(following ? 'follow' : 'unfollow', what, error));
      }
    },
    [services, setStatus, nameOf, onFollowsChanged],
  );

  // m: mute the author (NIP-51), after a y/n; the list is edited from its newest copy on the relays.
  const confirm = useConfirm(setStatus);
  const muteAuthor = useCallback(
    (pubkey: string) => {
      const mutes = services.mutes;
      if (!mutes) return setStatus({ text: 'muting is not available here', tone: 'error' });
      if (pubkey === services.publicKey()) return setStatus({ text: 'that is you', tone: 'info' });
      const name = nameOf(pubkey);
      confirm.ask(`mute ${name}? y/n`, () => {
        const what = `mute ${name}`;
        setStatus({ text: `${what}: reading your mute list from every relay…`, tone: 'info' });
        mutes.mute({ type: 'pubkey', value: pubkey }).then(
          ({ results, unchanged }) =>
            setStatus(unchanged ? { text: unchanged === 'self' ? 'that is you' : `${name} is already muted${unchanged === 'muted-privately' ? ' (privately)' : ''}`, tone: 'info' } : publishStatus(what, results)),
          (error: unknown) => setStatus(errorStatus(what, error)),
        );
      });
    },
    [services, setStatus, nameOf, confirm],
  );

  // b: saves the note to the user's bookmarks (NIP-51); on one already saved, asks before taking it off.
  const saveNote = useCallback(
    (note: Event, relay: string) => {
      const { bookmark, unbookmark } = services;
      if (!bookmark || !unbookmark) return setStatus({ text: 'bookmarks are not available here', tone: 'error' });
      // NIP-51 bookmarks name notes; a notification row whose note is not loaded is the like or zap itself.
      if (note.kind !== 1) return setStatus({ text: `only notes can be bookmarked (this is a kind ${note.kind} event)`, tone: 'info' });
      setStatus({ text: 'bookmark: reading your bookmarks from every relay…', tone: 'info' });
      bookmark(note, relay).then(
        ({ results, unchanged }) => {
          if (!unchanged) return setStatus(publishStatus('bookmark', results));
          // Saved privately by another client: nostr-tui leaves that part as it is.
          if (unchanged === 'bookmarked-privately') return setStatus({ text: 'already bookmarked, privately (another client can take it off)', tone: 'info' });
          confirm.ask('already bookmarked: take it off your bookmarks? y/n', () => {
            setStatus({ text: 'unbookmark: sending…', tone: 'info' });
            unbookmark(note.id).then(
              (off) => setStatus(off.unchanged ? { text: 'not bookmarked any more', tone: 'info' } : publishStatus('unbookmark', off.results)),
              (error: unknown) => setStatus(errorStatus('unbookmark', error)),
            );
          });
        },
        (error: unknown) => setStatus(errorStatus('bookmark', error)),
      );
    },
    [services, setStatus, confirm],
  );

  const perform = useCallback(
    (command: NoteCommand, row: NoteRow) => {
      const note = targetNote(row.event);
      // Links, copying and quotes (issue #13) need no key.
      if (noteLinks(command, row)) return;
      switch (command) {
        case 'openQuote':
        case 'open':
          return navigate({ type: 'push', view: { type: 'thread', event: note } });
        case 'profile':
          return navigate({ type: 'push', view: { type: 'profile', pubkey: note.pubkey } });
      }
      if (!hasKey) return setStatus({ text: NO_KEY, tone: 'error' });
      switch (command) {
        case 'reply':
          // NIP-10 replies answer short notes; a notification row whose note is not loaded is the
          // like or zap itself, and a search hit may be an article (NIP-22 comments, not here).
          if (note.kind !== 1) return setStatus({ text: `only short notes can be replied to here (this is a kind ${note.kind} event)`, tone: 'info' });
          return openComposer(note);
        case 'quote':
          // NIP-18: the note is quoted by its nevent in the text; tagNote adds `q` and its author's `p` on send.
          return quoteInComposer(`nostr:${noteAddress(row)}`);
        case 'like':
        case 'repost':
        case 'delete':
          // Only through the service that knows what was already done: never blindly.
          if (!interactions) return setStatus({ text: `${command} is not available here`, tone: 'error' });
          // A relay the note was seen on (NIP-18/25 hints): the row's, else the cache's record; asked only here.
          return interact(command, note, (note === row.event ? row.relay : undefined) ?? services.relayHint?.(note.id) ?? '');
        case 'bookmark':
          return saveNote(note, (note === row.event ? row.relay : undefined) ?? services.relayHint?.(note.id) ?? '');
        case 'follow':
          return void editFollows(note.pubkey, true);
        case 'unfollow':
          return void editFollows(note.pubkey, false);
        case 'mute':
          return muteAuthor(note.pubkey);
        case 'message':
          // The chat opens with its composer: nothing is sent until the user writes and presses Enter.
          if (!services.dms) return setStatus({ text: 'private messages are not available here', tone: 'error' });
          if (note.pubkey === services.publicKey()) return setStatus({ text: 'that is you', tone: 'info' });
          return openChat([note.pubkey]);
      }
    },
    [navigate, setStatus, openComposer, quoteInComposer, hasKey, editFollows, interact, interactions, services, noteLinks, muteAuthor, openChat, saveNote],
  );

  const send = useCallback(
    (text: string, replyTo: Event | undefined, warning?: string) => {
      // Kept in the composer (not sent) so the user can take the key out; the warning's reason is published too.
      if (holdsSecretKey(text, services.publicKey()) || (warning && holdsSecretKey(warning, services.publicKey()))) {
        setStatus({ text: SECRET_IN_TEXT, tone: 'error' });
        return Promise.resolve(false);
      }
      const now = unixNow(services.clock);
      // The text's mentions, quotes and hashtags become tags (src/core/note-tags.ts), as from `nostr-tui post`.
      // NIP-10: the reply's `e` tags name a relay the note was seen on, so others can find it.
      const hint = replyTo ? (services.relayHint?.(replyTo.id) ?? '') : '';
      // A quoted note1 names neither its author nor a relay: the cache may know both, as for `nostr-tui post`.
      const tagging = { self: services.publicKey(), authorOf: (id: string) => services.authorOf?.(id), relayOf: (id: string) => services.relayHint?.(id) };
      const template = replyTo ? replyTemplate(text, replyTo, now, hint, tagging) : noteTemplate(text, now, tagging);
      // NIP-36: the reason as the user typed it, in one tag (as `post --content-warning`).
      if (warning !== undefined) template.tags.push(['content-warning', warning]);
      return publish(replyTo ? `reply to ${nameOf(replyTo.pubkey)}` : 'post', template);
    },
    [services, publish, nameOf, setStatus],
  );

  return { perform, send };
}
