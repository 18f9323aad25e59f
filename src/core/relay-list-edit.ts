// Edits of the user's published relay list (NIP-65 kind 10002): one relay's
// `r` tag changed, every other tag kept exactly (lists edited by other clients
// may hold tags this one does not know). Pure.
import type { RelaySpec } from './relay-spec.js';
import { acceptRelayUrl } from './relay-list.js';

const names = (tag: readonly string[], url: string): boolean =>
  tag[0] === 'r' && typeof tag[1] === 'string' && acceptRelayUrl(tag[1], { allowPrivate: true }) === url;

/** The tags with `url` set to `spec`'s markers (added when absent), or removed when `spec` is undefined. */
export function editRelayListTags(tags: readonly (readonly string[])[], url: string, spec: Pick<RelaySpec, 'read' | 'write'> | undefined): string[][] {
  const at = tags.findIndex((tag) => names(tag, url));
  const kept = tags.filter((tag) => !names(tag, url)).map((tag) => [...tag]);
  if (!spec || (!spec.read && !spec.write)) return kept;
  const tag = spec.read && spec.write ? ['r', url] : ['r', url, spec.read ? 'read' : 'write'];
  // An edited relay keeps its place in the list.
  if (at >= 0) kept.splice(at, 0, tag);
  else kept.push(tag);
  return kept;
}

export const sameTags = (a: readonly (readonly string[])[], b: readonly (readonly string[])[]): boolean => JSON.stringify(a) === JSON.stringify(b);
