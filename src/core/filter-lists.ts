// How long a list one NIP-01 filter holds may be. A filter's `authors`, `ids` and `#e` are lists,
// and relays cap their length in practice (a filter over the cap is refused, or cut without a
// word), so a longer list is asked for as several filters of at most this many.

/** Public keys per `authors` list. */
export const AUTHORS_PER_FILTER = 250;
/** Event ids per `ids` or `#e` list. */
export const IDS_PER_FILTER = 100;

/** `list` in runs of at most `size`, in order. */
export function inGroupsOf<T>(list: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < list.length; i += size) groups.push(list.slice(i, i + size));
  return groups;
}
