// Authors repeat across thousands of events: events read from the store share
// one string per pubkey, so a large timeline is smaller in memory.
import type { Event } from 'nostr-tools';

export class SharedPubkeys {
  private readonly pubkeys = new Map<string, string>();

  /** Events from the store are trusted (they were verified on the way in). */
  parse(json: string): Event {
    const event = JSON.parse(json) as Event;
    let pubkey = this.pubkeys.get(event.pubkey);
    if (pubkey === undefined) {
      if (this.pubkeys.size >= 20_000) this.pubkeys.clear();
      this.pubkeys.set(event.pubkey, (pubkey = event.pubkey));
    }
    event.pubkey = pubkey;
    return event;
  }
}
