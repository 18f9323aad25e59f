// A new kind-0 profile (NIP-01 metadata, NIP-24 extra fields) made from the
// previous one: only the fields the user changes are touched; every other
// field, known or not, keeps its value and place, and the tags are kept.
import type { Event, EventTemplate } from 'nostr-tools';
import { usageError } from './errors.js';
import { replaceableCreatedAt } from './events.js';
import { parseNip05 } from './nip05.js';
import { refuseSecretIn } from './secret-in-text.js';
import { parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';

/** The fields `profile set` edits, by their kind-0 names. */
export const PROFILE_FIELDS = ['name', 'display_name', 'about', 'picture', 'banner', 'website', 'nip05', 'lud16'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** New values; an empty string removes the field. */
export type ProfileChanges = Partial<Record<ProfileField, string>>;

/** The previous content as an object, or undefined when it is not a JSON object (then nothing can be kept). */
export function profileObject(content: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(content);
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Refuses values other clients would choke on, before anything is signed. */
export function checkChanges(changes: ProfileChanges, ownPubkey?: string): void {
  refuseSecretIn('profile', Object.values(changes), ownPubkey);
  for (const field of ['picture', 'banner', 'website'] as const) {
    const value = changes[field];
    if (value && !/^https?:\/\/\S+$/i.test(value)) throw usageError(`--${field} must be an http(s) URL.`);
  }
  if (changes.nip05 && !parseNip05(changes.nip05)) throw usageError('--nip05 must be a NIP-05 address: name@domain.');
  if (changes.lud16 && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(changes.lud16)) throw usageError('--lud16 must be a lightning address: name@domain.');
}

/** The merged content: previous fields in their order, changed ones replaced in place, new ones at the end, emptied ones gone. */
export function mergeProfile(previous: Record<string, unknown>, changes: ProfileChanges): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...previous };
  for (const field of PROFILE_FIELDS) {
    const value = changes[field];
    if (value === undefined) continue;
    if (value === '') delete merged[field];
    else merged[field] = value;
  }
  return merged;
}

/**
 * `mergeProfile` on the previous content's text, its numbers read as written (lossless-json): the
 * fields not changed keep their values exactly, where JSON.parse then JSON.stringify rounded a
 * number past 2^53 (`12345678901234567890123` -> `1.2345678901234568e+22`) and respelt `1.0` as `1`.
 * A key written twice counts once with its last value, as JSON.parse reads it. Content that is not
 * a JSON object keeps nothing.
 */
export function mergeProfileText(previous: string | undefined, changes: ProfileChanges): string {
  let before: Record<string, unknown> = {};
  try {
    const parsed = previous === undefined ? undefined : parseLossless(previous, undefined, { onDuplicateKey: ({ newValue }) => newValue });
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && !('isLosslessNumber' in parsed)) before = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: nothing to keep, as before.
  }
  return stringifyLossless(mergeProfile(before, changes)) ?? '{}';
}

/** The kind-0 template replacing `previous` (which may be missing: a first profile). */
export function profileTemplate(changes: ProfileChanges, now: number, previous?: Event): EventTemplate {
  return {
    kind: 0,
    created_at: replaceableCreatedAt(now, previous),
    tags: (previous?.tags ?? []).map((tag) => [...tag]),
    content: mergeProfileText(previous?.content, changes),
  };
}

/** `changes` would leave `previous` as it is: every field already has the value asked for (nothing to publish). */
export function changesNothing(changes: ProfileChanges, previous: Event): boolean {
  const before = profileObject(previous.content);
  return before !== undefined && JSON.stringify(mergeProfile(before, changes)) === JSON.stringify(before);
}
