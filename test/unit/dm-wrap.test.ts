// NIP-17/59 interop with nostr-tools' own code, both ways, and the checks on
// what a wrap holds: a forged seal and a rumor whose author is not the seal's
// signer are dropped.
import * as nip17 from 'nostr-tools/nip17';
import * as nip59 from 'nostr-tools/nip59';
import * as nip44 from 'nostr-tools/nip44';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { conversationId, dmRumor, peersOf } from '../../src/core/dm.js';
import { sealAndWrap, unwrap } from '../../src/core/dm-wrap.js';
import { LocalSigner } from '../../src/store/keys.js';

const person = () => {
  const secret = generateSecretKey();
  return { secret, pubkey: getPublicKey(secret), signer: new LocalSigner(secret) };
};
const now = () => Math.floor(Date.now() / 1000);

describe('NIP-17 gift wraps', () => {
  it('opens a message wrapped by nostr-tools nip17', async () => {
    const alice = person();
    const bob = person();
    const wrap = nip17.wrapEvent(alice.secret, { publicKey: bob.pubkey }, 'hello bob', 'topic');
    const opened = await unwrap(bob.signer.nip44, bob.pubkey, wrap);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.rumor.pubkey).toBe(alice.pubkey);
    expect(opened.rumor.kind).toBe(14);
    expect(opened.rumor.content).toBe('hello bob');
    expect(peersOf(opened.rumor, bob.pubkey)).toEqual([alice.pubkey]);
  });

  it('wraps what nostr-tools nip17 unwraps into the same rumor, for the recipient and for the sender', async () => {
    const alice = person();
    const bob = person();
    const rumor = dmRumor(alice.pubkey, [bob.pubkey], 'hi from us', now());
    const toBob = await sealAndWrap(alice.signer, rumor, bob.pubkey, now());
    const toSelf = await sealAndWrap(alice.signer, rumor, alice.pubkey, now());
    expect(toBob.kind).toBe(1059);
    expect(toBob.tags).toEqual([['p', bob.pubkey]]);
    expect(toBob.pubkey).not.toBe(alice.pubkey); // a one-time key signs the wrap
    expect(toBob.created_at).toBeLessThanOrEqual(now());
    expect(toBob.created_at).toBeGreaterThanOrEqual(now() - 2 * 24 * 3600 - 5);
    expect(nip17.unwrapEvent(toBob, bob.secret)).toEqual(rumor);
    expect(nip17.unwrapEvent(toSelf, alice.secret)).toEqual(rumor);
    expect(JSON.stringify(toBob)).not.toContain('hi from us');
  });

  it('drops a wrap whose seal signature is forged', async () => {
    const alice = person();
    const bob = person();
    const rumor = nip59.createRumor({ kind: 14, content: 'forged', tags: [['p', bob.pubkey]] }, alice.secret);
    const seal = nip59.createSeal(rumor, alice.secret, bob.pubkey);
    const forged = { ...seal, sig: finalizeEvent({ kind: 13, created_at: seal.created_at, tags: [], content: 'x' }, generateSecretKey()).sig };
    const wrap = nip59.createWrap(forged, bob.pubkey);
    expect(await unwrap(bob.signer.nip44, bob.pubkey, wrap)).toEqual({ ok: false, reason: 'forged-seal', wrapId: wrap.id });
  });

  it('drops a rumor whose pubkey differs from the seal signer (someone putting words in another mouth)', async () => {
    const alice = person();
    const mallory = person();
    const bob = person();
    // The rumor claims to be by Alice; Mallory seals it with her own key.
    const rumor = nip59.createRumor({ kind: 14, content: 'I owe mallory 5 btc', tags: [['p', bob.pubkey]] }, alice.secret);
    const seal = finalizeEvent(
      { kind: 13, created_at: now(), tags: [], content: nip44.v2.encrypt(JSON.stringify(rumor), nip44.v2.utils.getConversationKey(mallory.secret, bob.pubkey)) },
      mallory.secret,
    );
    const wrap = nip59.createWrap(seal, bob.pubkey);
    expect(await unwrap(bob.signer.nip44, bob.pubkey, wrap)).toEqual({ ok: false, reason: 'sender-mismatch', wrapId: wrap.id });
  });

  it('drops wraps for someone else, undecryptable ones, and rumors whose id is not their hash', async () => {
    const alice = person();
    const bob = person();
    const carol = person();
    const forCarol = nip17.wrapEvent(alice.secret, { publicKey: carol.pubkey }, 'not yours');
    expect((await unwrap(bob.signer.nip44, bob.pubkey, forCarol)).ok).toBe(false);
    const retagged = { ...forCarol, tags: [['p', bob.pubkey]] };
    expect(await unwrap(bob.signer.nip44, bob.pubkey, retagged)).toMatchObject({ ok: false, reason: 'undecryptable' });
    const rumor = { ...nip59.createRumor({ kind: 14, content: 'changed', tags: [['p', bob.pubkey]] }, alice.secret) };
    rumor.content = 'changed after hashing';
    const wrap = nip59.createWrap(nip59.createSeal(rumor, alice.secret, bob.pubkey), bob.pubkey);
    expect(await unwrap(bob.signer.nip44, bob.pubkey, wrap)).toMatchObject({ ok: false, reason: 'bad-rumor' });
  });

  it('reads a group message as one conversation of its members', async () => {
    const alice = person();
    const bob = person();
    const carol = person();
    const [, , toCarol] = nip59.wrapManyEvents({ kind: 14, content: 'all of us', tags: [['p', bob.pubkey], ['p', carol.pubkey]] }, alice.secret, [
      bob.pubkey,
      carol.pubkey,
    ]);
    const opened = await unwrap(carol.signer.nip44, carol.pubkey, toCarol!);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const peers = peersOf(opened.rumor, carol.pubkey);
    expect(peers).toEqual([alice.pubkey, bob.pubkey].sort());
    expect(conversationId(peers)).toBe([alice.pubkey, bob.pubkey].sort().join(','));
  });
});
