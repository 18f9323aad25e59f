// Fuzz target: the config loader (src/store/config.ts) on hostile config.json contents.
// Every file either loads into well-typed relays or is refused with a UserError naming the
// file; a refused file is never rewritten, not even by a later save.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../../../src/core/errors.js';
import { ConfigStore } from '../../../src/store/config.js';
import { unsafeCharacters } from '../../helpers/hostile-strings.js';
import { hostileConfig } from '../config-inputs.js';
import type { FuzzTarget } from '../types.js';

let dir = '';
let loaded = 0;
let refused = 0;
const outcomes: Record<string, number> = {};
const count = (outcome: string) => (outcomes[outcome] = (outcomes[outcome] ?? 0) + 1);

export const target: FuzzTarget<string | Uint8Array> = {
  setup() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-config-fuzz-'));
  },
  teardown() {
    fs.rmSync(dir, { recursive: true, force: true });
  },
  generate: hostileConfig,
  coverage: () => outcomes,
  check(content) {
    const store = new ConfigStore(dir);
    fs.writeFileSync(store.file, content);
    const before = fs.readFileSync(store.file);
    try {
      const relays = store.relays();
      count('loaded');
      for (const relay of relays) {
        if (typeof relay.url !== 'string' || !/^wss?:\/\/[^\s]+$/.test(relay.url)) return `loaded relay URL ${JSON.stringify(relay.url)}`;
        if (unsafeCharacters(relay.url).length > 0) return 'loaded a relay URL with control characters';
        if (typeof relay.read !== 'boolean' || typeof relay.write !== 'boolean') return 'loaded read/write that are not booleans';
      }
      // What loaded can be saved and loads back the same (every 4th time: a save costs a write).
      if (++loaded % 4 !== 0) return undefined;
      store.setRelays(relays);
      const again = new ConfigStore(dir).relays();
      if (JSON.stringify(again) !== JSON.stringify(relays)) return 'relays changed on a save and reload';
      return undefined;
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      count(error.message.includes('field "') ? 'refused: names the field' : 'refused: names the file');
      if (!error.message.includes(store.file)) return `error does not name the file: ${error.message}`;
      if (error.message.includes('\n') || unsafeCharacters(error.message).length > 0) return 'error is not one clean line';
      try {
        if (++refused % 4 !== 0) throw new UserError('not tried');
        store.setRelays([{ url: 'wss://relay.example', read: true, write: true }]);
        return 'a file that could not be read was overwritten by a save';
      } catch (saveError) {
        if (!(saveError instanceof UserError)) throw saveError;
      }
      if (!fs.readFileSync(store.file).equals(before)) return 'the refused file was changed';
      return undefined;
    }
  },
};
