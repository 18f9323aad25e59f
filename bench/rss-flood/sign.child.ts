// Signs kind-1 notes n = from … to-1 for rss-flood with libsecp256k1 (bcrypto's native BIP-340),
// each valid and distinct, and writes them as a JSON array to the file given. Run in parallel.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { serializeEvent } from 'nostr-tools/pure';

type Schnorr = { sign(msg: Buffer, key: Buffer): Buffer; publicKeyCreate(key: Buffer): Buffer };
const schnorr = createRequire(import.meta.url)('bcrypto/lib/native/schnorr') as Schnorr;

const [fromArg, toArg, newestArg, file] = process.argv.slice(2);
const from = Number(fromArg);
const to = Number(toArg);
const newest = Number(newestArg);
if (!file || !(to > from)) throw new Error('usage: sign.child.ts <from> <to> <newest> <file>');

const AUTHORS = 200;
const keys = Array.from({ length: AUTHORS }, (_, i) => createHash('sha256').update(`rss-flood author ${i}`).digest());
const pubkeys = keys.map((key) => schnorr.publicKeyCreate(key).toString('hex'));
const WORDS = 'the relay note nostr event key sign timeline follow reply zap cache store outbox fast slow merge order filter tag'.split(' ');

const out = fs.createWriteStream(file);
out.write('[');
for (let n = from; n < to; n++) {
  const a = n % AUTHORS;
  let content = `#${n} `;
  for (let x = n * 2654435761; content.length < 300; ) content += WORDS[(x = (x * 1103515245 + 12345) >>> 0) % WORDS.length] + ' ';
  // One note a second, newest first: a Global feed's stream.
  const event = { kind: 1, created_at: newest - n, tags: n % 4 === 1 ? [['t', 'nostr']] : [], content, pubkey: pubkeys[a]!, id: '', sig: '' };
  const id = createHash('sha256').update(serializeEvent(event)).digest();
  event.id = id.toString('hex');
  event.sig = schnorr.sign(id, keys[a]!).toString('hex');
  out.write((n > from ? ',' : '') + JSON.stringify(event));
}
out.end(']');
