// Relay URLs are stored once (table relays) and referred to by number in `seen`.
import type { Statement } from './statements.js';

export class RelayIds {
  private readonly ids = new Map<string, number>();

  constructor(private readonly stmt: (sql: string) => Statement) {}

  /** The relay's number, added when new. */
  id(url: string): number {
    const known = this.known(url);
    if (known !== undefined) return known;
    const rid = Number(this.stmt(`INSERT INTO relays (url) VALUES (?)`).run(url).lastInsertRowid);
    this.ids.set(url, rid);
    return rid;
  }

  /** The relay's number, or undefined when it never delivered anything stored. */
  known(url: string): number | undefined {
    const cached = this.ids.get(url);
    if (cached !== undefined) return cached;
    const rid = this.stmt(`SELECT rid FROM relays WHERE url = ?`).pluck().get(url) as number | undefined;
    if (rid !== undefined) this.ids.set(url, rid);
    return rid;
  }

  forget(): void {
    this.ids.clear();
  }
}
