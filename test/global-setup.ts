// Every temporary directory the tests make (homes, stores, configs) goes under
// one directory per run, removed at the end, so test runs leave nothing in /tmp.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-test-run-'));
  // Workers and spawned CLIs inherit this, and os.tmpdir() reads it.
  process.env.TMPDIR = root;
  // Tests talk only to loopback: no discovery relays (NIP-65 indexers) unless a test names its own.
  process.env.NOSTR_TUI_DISCOVERY_RELAYS = '';
  // Nor search relays (NIP-50): a test names its own scripted one.
  process.env.NOSTR_TUI_SEARCH_RELAYS = '';
  return () => fs.rmSync(root, { recursive: true, force: true });
}
