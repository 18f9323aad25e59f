// `e` on the user's own profile screen: a small form over the profile's fields.
// ↑/↓ (or Tab) choose a field, the composer's editing keys edit it, Enter
// publishes the changed fields (from the newest copy on the relays, like
// `nostr-tui profile set`), Esc closes without sending.
import { Box, Text } from 'ink';
import type { Event } from 'nostr-tools';
import { useReducer, useRef, useState } from 'react';
import type { Profile } from '../../client/profiles.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { textWidth, truncate, truncateStart } from '../../core/text-layout.js';
import { arrow, edits } from '../composer/use-composer.js';
import { useColor, useServices } from '../context.js';
import { commandFor } from '../keys/bindings.js';
import { KeyPriority, useKeypress } from '../keys/keypress.js';
import { SafeText } from '../SafeText.js';
import { errorStatus, publishStatus, type StatusMessage } from '../status.js';
import { FORM_FIELDS, formChanges, formReducer, initialForm, type FormState } from './profile-form.js';

const LABEL = 14;
const CURSOR = '▏';

/**
 * The fields shown in `rows` rows under the title: all when they fit, else a window that keeps the
 * selected one in view (a short terminal scrolls the form instead of drawing it over itself).
 */
export function shownFields(selected: number, rows: number): { start: number; end: number } {
  const room = Math.max(1, Math.min(FORM_FIELDS.length, rows));
  const start = Math.max(0, Math.min(selected - Math.floor((room - 1) / 2), FORM_FIELDS.length - room));
  return { start, end: start + room };
}

export function ProfileEditor(props: { profile: Profile | undefined; width: number; rows: number; setStatus(status: StatusMessage): void; onDone(): void }) {
  const services = useServices();
  const color = useColor();
  const [state, dispatch] = useReducer(formReducer, props.profile, initialForm);
  // Keys of one read may arrive before React renders: the latest state is read from here.
  const latest = useRef<FormState>(state);
  latest.current = state;
  const [saving, setSaving] = useState(false);

  const save = () => {
    const changes = formChanges(latest.current);
    if (Object.keys(changes).length === 0) {
      props.setStatus({ text: 'profile: nothing changed', tone: 'info' });
      return props.onDone();
    }
    if (!services.setProfile) return props.setStatus({ text: 'editing the profile is not available here', tone: 'error' });
    setSaving(true);
    props.setStatus({ text: 'profile: reading your newest profile from every relay…', tone: 'info' });
    // Closed once saved in the outbox, not after the slowest relay; the footer then says how it went.
    let done = false;
    const saved = (event: Event) => {
      if (done) return;
      done = true;
      // Shown at once: asking the relays again would find the profile already known and do nothing.
      services.profiles.learn(event);
      props.setStatus({ text: 'profile: sending…', tone: 'info' });
      props.onDone();
    };
    services.setProfile(changes, saved).then(
      ({ event, results, unchanged }) => {
        saved(event);
        props.setStatus(unchanged ? { text: 'profile: your newest profile already says that (nothing sent)', tone: 'info' } : publishStatus('profile', results));
      },
      (error: unknown) => {
        setSaving(false);
        props.setStatus(errorStatus('profile', error));
      },
    );
  };

  useKeypress(
    (input, key, event) => {
      if (saving) return true;
      if (event.paste) {
        dispatch({ type: 'edit', action: { type: 'insert', text: event.input.replace(/[\r\n]+/g, ' ') } });
        return 'text';
      }
      if (key.tab || key.downArrow) return dispatch({ type: key.shift ? 'previous' : 'next' }), true;
      if (key.upArrow) return dispatch({ type: 'previous' }), true;
      const command = commandFor(['composer'], input, key);
      if (command === 'send') return save(), true;
      if (command === 'cancel') return props.onDone(), true;
      if (command === 'newline') return true; // one line per field; About takes Alt+Enter in `profile set`
      const action = (command && edits[command]) || arrow(input, key);
      if (action) dispatch({ type: 'edit', action });
      else if (input && !key.ctrl && !key.meta) dispatch({ type: 'edit', action: { type: 'insert', text: input } });
      return 'text';
    },
    { priority: KeyPriority.composer, paste: true },
  );

  const width = Math.max(10, props.width - LABEL - 4);
  // The title takes a row when there are two or more.
  const titled = props.rows >= 2;
  const { start, end } = shownFields(state.selected, props.rows - (titled ? 1 : 0));
  return (
    <Box flexDirection="column">
      {titled ? <Text color={color('cyan')} wrap="truncate">{`  ── Edit your profile ${saving ? '(sending…) ' : ''}──`}</Text> : null}
      {FORM_FIELDS.slice(start, end).map(({ field, label }, shown) => {
        const i = start + shown;
        const value = state.values[field];
        const selected = i === state.selected;
        // A long value shows up to the cursor, then what of the rest fits (in columns: CJK and emoji are two).
        const before = selected ? truncateStart(sanitizeLine(value.text.slice(0, value.cursor)) + CURSOR, width) : '';
        const fitted = selected ? before + truncate(sanitizeLine(value.text.slice(value.cursor)), width - textWidth(before)) : truncate(sanitizeLine(value.text), width);
        return (
          <SafeText key={field} wrap="truncate" bold={selected} color={selected ? color('yellow') : undefined}>
            {`${selected ? '▌ ' : '  '}${label.padEnd(LABEL)}${fitted}`}
          </SafeText>
        );
      })}
    </Box>
  );
}
