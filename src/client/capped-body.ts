// Reading an HTTP answer from a server we do not control (NIP-11 documents,
// NIP-05 nostr.json): at most `maxBytes`, stopping as soon as more arrives.

/** The body as UTF-8 text, or undefined when it is larger than `maxBytes` (the rest is never read). Throws if the stream breaks off. */
export async function readCapped(reader: ReadableStreamDefaultReader<Uint8Array>, maxBytes: number): Promise<string | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
