// The database schema, one migration per version (PRAGMA user_version).
/**
 * Each entry moves the schema one version up (PRAGMA user_version). Add new
 * entries at the end; never edit one that has shipped.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE events (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    pubkey     TEXT NOT NULL,
    kind       INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    -- Address of a replaceable ('') or addressable (d tag) event; NULL for the rest.
    d          TEXT,
    -- The event exactly as received; read back without verifying again.
    json       TEXT NOT NULL
  );
  -- Few indexes, as each one slows every write: time order (NIP-01 ties by id
  -- are sorted per created_at), authors with kinds, and replaceable addresses.
  CREATE INDEX events_by_time ON events (created_at DESC);
  CREATE INDEX events_by_author ON events (pubkey, kind, created_at DESC);
  CREATE UNIQUE INDEX events_by_address ON events (kind, pubkey, d) WHERE d IS NOT NULL;

  -- Single-letter tags (NIP-01 "#x" filters): name and first value. Rows are
  -- removed by their full key (the event's tags are known), so no second index.
  CREATE TABLE tags (
    name  TEXT NOT NULL,
    value TEXT NOT NULL,
    seq   INTEGER NOT NULL,
    PRIMARY KEY (name, value, seq)
  ) WITHOUT ROWID;

  -- Which relay delivered which event, so a start asks each relay only for newer ones.
  CREATE TABLE relays (rid INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE);
  CREATE TABLE seen (
    seq INTEGER NOT NULL,
    rid INTEGER NOT NULL,
    PRIMARY KEY (seq, rid)
  ) WITHOUT ROWID;

  -- NIP-09 deletion requests, kept so a target arriving later stays hidden.
  -- target is an event id ('e' tag) or an address kind:pubkey:d ('a' tag).
  CREATE TABLE deletions (
    target     TEXT NOT NULL,
    pubkey     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (target, pubkey)
  ) WITHOUT ROWID;

  CREATE TABLE outbox (
    id           TEXT PRIMARY KEY,
    json         TEXT NOT NULL,
    saved_at     INTEGER NOT NULL,
    delivered_at INTEGER
  );
  CREATE INDEX outbox_pending ON outbox (saved_at) WHERE delivered_at IS NULL;
  CREATE TABLE outbox_results (
    id      TEXT NOT NULL,
    url     TEXT NOT NULL,
    ok      INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    message TEXT NOT NULL,
    at      INTEGER NOT NULL,
    PRIMARY KEY (id, url)
  ) WITHOUT ROWID;

  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  // Kinds alone (e.g. every long-form article): few distinct kinds and mostly
  // rising times, so this index costs writes little.
  `CREATE INDEX events_by_kind ON events (kind, created_at DESC);`,
  // The relays an outbox entry was meant for (JSON array): a retry goes there
  // only, never to whatever relays a later command happens to use. Attempts
  // and the time of the next one: retries back off per event.
  `ALTER TABLE outbox ADD COLUMN relays TEXT;
   ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE outbox ADD COLUMN next_try_at INTEGER;`,
  // What each relay delivered (the outbox planner's learning): per relay (author '') and per relay and author.
  `CREATE TABLE delivery (
    url    TEXT NOT NULL,
    author TEXT NOT NULL,
    hits   INTEGER NOT NULL,
    tries  INTEGER NOT NULL,
    PRIMARY KEY (url, author)
  ) WITHOUT ROWID;`,
  // Private messages read (NIP-17): rumor ids only. Neither text nor who wrote
  // is stored; an id tells nothing without the key that decrypts the wrap.
  `CREATE TABLE dm_read (rumor_id TEXT PRIMARY KEY, read_at INTEGER NOT NULL) WITHOUT ROWID;`,
  // Full-text search (issue #15): notes, articles and profile names, rowid =
  // events.seq. Contentless (the text is in events.json already) with
  // contentless_delete, so a row is removed by its rowid alone. Tokenizer:
  // unicode61 with symbols (emoji) as token characters; why, and how CJK text
  // is cut: src/core/search-text.ts. Rows already cached are indexed after
  // this runs, newest first, up to the mark recorded here (src/store/search-backfill.ts).
  `CREATE VIRTUAL TABLE search USING fts5(
     name, body,
     content = '', contentless_delete = 1,
     tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co So'"
   );
   INSERT OR REPLACE INTO meta (key, value) SELECT 'search_backfill', COALESCE(MAX(seq), 0) FROM events;
   -- Every way an event leaves the cache (prune, NIP-09 deletion, a newer
   -- replaceable version, clearing) deletes its row; this takes its text along.
   CREATE TRIGGER search_unindex AFTER DELETE ON events WHEN old.kind IN (0, 1, 30023) BEGIN
     DELETE FROM search WHERE rowid = old.seq;
   END;`,
];
