import { Box } from 'ink';
import { SafeText } from '../SafeText.js';
import { useEffect, useRef, useState } from 'react';
import { sanitizeLine } from '../../core/sanitize.js';
import { truncate } from '../../core/text-layout.js';
import { blockWindow } from '../list/block-window.js';
import type { RelaySpec, RelayStatus } from '../../net/types.js';
import { useColor, useScreenSize, useServices } from '../context.js';
import { commandFor } from '../keys/bindings.js';
import { KeyPriority, useKeypress } from '../keys/keypress.js';
import type { ListUnknownError, RelayEditShown } from '../services.js';
import type { StatusMessage } from '../status.js';

const stateColor: Record<RelayStatus['state'], string> = {
  idle: 'gray', connecting: 'yellow', connected: 'green', eose: 'green', stalled: 'yellow', error: 'red', closed: 'gray',
};

/**
 * What the panel is doing: showing, typing a URL to add, asking before removing, or asking
 * whether to change config.json alone when the published relay list could not be known.
 */
type Mode =
  | { type: 'list' }
  | { type: 'adding'; text: string }
  | { type: 'confirmRemove'; url: string }
  | { type: 'confirmLocal'; what: string; url: string; refused: ListUnknownError };

/** What the edit the relays refused would do, for the question whether to do it in config.json alone (your published list unchanged, as the status line above it says). */
const localQuestion = (what: string, url: string): string =>
  what === 'added' ? `add ${url} to config.json only` : what === 'removed' ? `remove ${url} from config.json only` : `make ${url} ${what} in config.json only`;

interface Line {
  text: string;
  color?: string;
  bold?: boolean;
  inverse?: boolean;
}

/**
 * The relays that fit in `rows`, the selected one always among them (the window moves only when
 * it leaves), and a last line saying how many more are above and below.
 */
function scrolled(blocks: Line[][], selected: number, lastTop: { current: number }, rows: number): Line[] {
  const all = blocks.flat();
  if (all.length <= rows) return (lastTop.current = 0), all;
  // Too few rows to say more: the selected relay alone.
  if (rows < 2) return (lastTop.current = selected), (blocks[selected] ?? []).slice(0, rows);
  const { top, end } = blockWindow(blocks.map((block) => block.length), selected, lastTop.current, Math.max(1, rows - 1));
  lastTop.current = top;
  const more = [top > 0 ? `↑ ${top} more above` : '', end < blocks.length ? `↓ ${blocks.length - end} more below` : ''].filter(Boolean);
  return [...blocks.slice(top, end).flat().slice(0, Math.max(1, rows - 1)), { text: more.join(' · '), color: 'gray' }];
}

const marksOf = (spec: RelaySpec) => `${spec.read ? 'read' : ''}${spec.read && spec.write ? '+' : ''}${spec.write ? 'write' : ''}` || 'off';
/** Taken up at once (src/client/client.ts relaysChanged); with `--relay`, this run keeps its relays. */
const SAVED = 'saved; in use now';
const SAVED_PINNED = 'saved; used from the next start without --relay';

/**
 * Each relay: state, round-trip time, what it sent, its last error or notice.
 * `a` adds a relay (typed URL), `d` removes the selected one (after y), `r`/`w`
 * toggle reading from and writing to it, through the same code as `nostr-tui relay`.
 */
export function RelaysScreen({ rows, active = true, setStatus }: { rows: number; active?: boolean; setStatus(status: StatusMessage): void }) {
  const services = useServices();
  const editor = services.relayConfig;
  const color = useColor();
  const { columns } = useScreenSize();
  const [status, setLive] = useState(() => services.relayStatus());
  useEffect(() => services.onRelayStatus(setLive), [services]);
  const [configured, setConfigured] = useState(() => editor?.list() ?? services.relays());
  const [selected, setSelected] = useState(0);
  const busy = useRef(false);
  /** The first relay drawn when they do not all fit: kept from draw to draw so the list moves only as the selection needs. */
  const lastTop = useRef(0);
  // The mode is a ref too: `a` and the URL typed in the same read go to the URL field.
  const mode = useRef<Mode>({ type: 'list' });
  const [, redraw] = useState(0);
  const setMode = (next: Mode) => {
    mode.current = next;
    redraw((n) => n + 1);
  };

  const byUrl = new Map(status.map((s) => [s.url, s]));
  const urls = [...new Set([...configured.map((r) => r.url), ...status.map((s) => s.url)])];
  const at = Math.min(selected, Math.max(0, urls.length - 1));
  const current = configured.find((r) => r.url === urls[at]);

  const failed = (error: unknown) => setStatus({ text: sanitizeLine(error instanceof Error ? error.message : String(error)), tone: 'error' });
  const done = (what: string, result: RelayEditShown) => {
    setConfigured(editor!.list());
    const list = result.list ? `; ${sanitizeLine(result.list)}` : '';
    const text = `${what} ${sanitizeLine(result.url)}: ${result.change === 'unchanged' ? 'nothing to change' : editor!.overridden ? SAVED_PINNED : SAVED}${list}`;
    setStatus({ text, tone: result.failed ? 'error' : 'ok' });
  };
  /** The list could not be known: the user may still change config.json alone (the command's --local). */
  const offerLocal = (what: string, url: string) => (error: unknown) => {
    const refused = error as Partial<ListUnknownError>;
    if (typeof refused.local !== 'function' || typeof refused.why !== 'string') return failed(error);
    setMode({ type: 'confirmLocal', what, url, refused: refused as ListUnknownError });
    setStatus({ text: `nothing changed yet: ${sanitizeLine(refused.why)}`, tone: 'error' });
  };
  const edit = (what: string, url: string, change: () => RelayEditShown | Promise<RelayEditShown>) => {
    if (!editor) return setStatus({ text: 'the relay list cannot be edited here: use `nostr-tui relay add|remove`', tone: 'error' });
    // Each change is made from the list the last one published: one at a time.
    if (busy.current) return setStatus({ text: 'still publishing your last change to the relay list; try again in a moment', tone: 'info' });
    try {
      const result = change();
      if (!(result instanceof Promise)) return done(what, result);
      // Your relay list is looked up (newest copy) and published first: the config changes with it.
      busy.current = true;
      setStatus({ text: 'changing your published relay list (kind 10002), from its newest copy…', tone: 'info' });
      result.then((shown) => done(what, shown), offerLocal(what, url)).finally(() => (busy.current = false));
    } catch (error) {
      failed(error);
    }
  };

  useKeypress(
    (input, key, event) => {
      const now = mode.current;
      if (now.type === 'adding') {
        if (key.escape) setMode({ type: 'list' });
        else if (key.return) {
          setMode({ type: 'list' });
          edit('added', now.text, () => editor!.set(now.text, { read: true, write: true }));
        } else {
          // Typing into the field (its text is in a ref): the next key needs no render first.
          if (key.backspace) setMode({ ...now, text: [...now.text].slice(0, -1).join('') });
          else if (event.paste || (input && !key.ctrl && !key.meta)) setMode({ ...now, text: now.text + input.replace(/\s+/g, '') });
          return 'text';
        }
        return true;
      }
      if (event.paste) return false;
      if (now.type === 'confirmRemove') {
        setMode({ type: 'list' });
        if (input === 'y') edit('removed', now.url, () => editor!.remove(now.url));
        else setStatus({ text: 'kept', tone: 'info' });
        return true;
      }
      if (now.type === 'confirmLocal') {
        setMode({ type: 'list' });
        if (input !== 'y') return setStatus({ text: 'nothing changed', tone: 'info' }), true;
        try {
          done(now.what, now.refused.local());
        } catch (error) {
          failed(error);
        }
        return true;
      }
      const command = commandFor(['relays', 'list'], input, key);
      if (command === 'down') setSelected(Math.min(at + 1, urls.length - 1));
      else if (command === 'up') setSelected(Math.max(0, at - 1));
      else if (command === 'addRelay') setMode({ type: 'adding', text: '' });
      else if (command === 'removeRelay' && current) setMode({ type: 'confirmRemove', url: current.url });
      else if ((command === 'toggleRead' || command === 'toggleWrite') && current) {
        const marks = { read: current.read, write: current.write };
        if (command === 'toggleRead') marks.read = !marks.read;
        else marks.write = !marks.write;
        if (!marks.read && !marks.write) setStatus({ text: 'a relay neither read nor written is removed with d instead', tone: 'info' });
        else edit(marks.read && marks.write ? 'read+write' : marks.read ? 'read only' : 'write only', current.url, () => editor!.set(current.url, marks));
      } else return false;
      return true;
    },
    { priority: KeyPriority.overlay, isActive: active, paste: true },
  );

  const width = columns - 4;
  // One block of lines per relay: its line, then what it sent, its error and its notice.
  const blocks: Line[][] = urls.map((url, i) => {
    const lines: Line[] = [];
    const s = byUrl.get(url);
    const spec = configured.find((r) => r.url === url);
    const state = s?.state ?? 'idle';
    const rtt = s?.rttMs !== undefined ? `  ${Math.round(s.rttMs)} ms` : '';
    // The selected relay (for d, r, w) is drawn inverse, so the columns never shift.
    // Why a relay outside your list is connected: an author's outbox, someone's inbox, an indexer (NIP-65).
    const why = s?.roles?.filter((role) => role !== 'user').join(', ');
    const line = `${sanitizeLine(url)}  ${state}${rtt}  ${spec ? marksOf(spec) : why ? `${why} (not in your list)` : 'not in your list'}`;
    lines.push({ text: line, color: stateColor[state], bold: true, inverse: i === at && urls.length > 1 });
    if (s) {
      const c = s.counts;
      lines.push({ text: `  events ${c.received} · dupes ${c.duplicates} · invalid ${c.invalid} · off-filter ${c.offFilter} · malformed ${c.malformed} · oversize ${c.oversize}` });
      if (s.error) lines.push({ text: `  error: ${sanitizeLine(s.error)}`, color: 'red' });
      if (s.notice) lines.push({ text: `  notice: ${sanitizeLine(s.notice)}` });
    }
    return lines;
  });
  if (urls.length === 0) blocks.push([{ text: 'No relays configured: press a to add one (e.g. wss://relay.damus.io)' }]);
  // What the panel asks, under the list and always on screen.
  const now = mode.current;
  const ask =
    now.type === 'adding'
      ? { text: `add relay: ${sanitizeLine(now.text)}▏  (Enter to add, Esc to cancel)`, bold: true }
      : now.type === 'confirmRemove'
        ? { text: `remove ${sanitizeLine(now.url)}? y/n`, bold: true, color: 'yellow' }
        : now.type === 'confirmLocal'
          ? { text: `${localQuestion(now.what, truncate(sanitizeLine(now.url), Math.max(16, width - 42)))}? y/n`, bold: true, color: 'yellow' }
        : editor?.overridden
          ? { text: 'this run uses --relay; edits change your saved list' }
          : undefined;
  const lines = scrolled(blocks, at, lastTop, Math.max(0, rows - (ask ? 2 : 0)));
  if (ask) lines.push({ text: '' }, ask);
  return (
    <Box flexDirection="column" height={rows} overflow="hidden">
      {lines.slice(0, rows).map((line, i) => (
        <SafeText key={i} wrap="truncate">
          {'  '}
          <SafeText color={line.color ? color(line.color) : undefined} bold={line.bold} inverse={line.inverse}>
            {truncate(line.text, width)}
          </SafeText>
        </SafeText>
      ))}
    </Box>
  );
}
