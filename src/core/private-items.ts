// The private part of a NIP-51 list: its `content`, a JSON array of tags like the public ones,
// encrypted to the owner's own key with NIP-44, or NIP-04 by older clients. Pure: which
// encryption a ciphertext uses, and the tags once the caller decrypted it.

/** NIP-51: NIP-04 ciphertext ends in `?iv=<base64>`; anything else is NIP-44. */
export const isNip04Ciphertext = (content: string): boolean => /\?iv=[A-Za-z0-9+/=]+$/.test(content);

/** The tags in a decrypted private part; none when the text is not a JSON array of string arrays. */
export function privateTags(plaintext: string): string[][] {
  let tags: unknown;
  try {
    tags = JSON.parse(plaintext);
  } catch {
    return [];
  }
  if (!Array.isArray(tags)) return [];
  return tags.filter((tag): tag is string[] => Array.isArray(tag) && tag.every((value) => typeof value === 'string'));
}
