// Finding someone by the name they go by, among people the user already knows (the people they
// follow): where a key is asked for, a person types "bob" rather than an npub. Names are not
// identities (anyone can take any name), so a name only ever picks among people already chosen,
// and only when it picks one: the caller shows whom it named.
import { isHex64 } from './event-shape.js';

export interface NamedPerson {
  pubkey: string;
  /** Their profile's name and display name (NIP-01 kind 0, NIP-24), as published. */
  names: ReadonlyArray<string | undefined>;
}

/**
 * The name in `text`, or undefined when it is a key or an address to be read as one (npub1…,
 * nprofile1…, any other NIP-19 string, 64 hex characters, name@domain): those are never matched
 * against names. A leading `@` is how people write a name ("@bob").
 */
export function nameQuery(text: string): string | undefined {
  const name = text.trim().replace(/^@/, '');
  if (!name || name.includes('@') || isHex64(name.toLowerCase())) return undefined;
  if (/^(npub|nsec|nprofile|note|nevent|naddr|nrelay|ncryptsec)1/i.test(name)) return undefined;
  return name;
}

/**
 * The people `query` names: those whose name or display name is it (ignoring case and Unicode
 * presentation), else those with a name starting with it, else those with a name containing it.
 */
export function peopleNamed(query: string, people: Iterable<NamedPerson>): NamedPerson[] {
  const wanted = fold(query);
  if (!wanted) return [];
  const exact: NamedPerson[] = [];
  const prefix: NamedPerson[] = [];
  const inside: NamedPerson[] = [];
  for (const person of people) {
    const names = person.names.filter((name): name is string => typeof name === 'string').map(fold);
    if (names.includes(wanted)) exact.push(person);
    else if (names.some((name) => name.startsWith(wanted))) prefix.push(person);
    else if (names.some((name) => name.includes(wanted))) inside.push(person);
  }
  return exact.length > 0 ? exact : prefix.length > 0 ? prefix : inside;
}

const fold = (name: string): string => name.normalize('NFKC').toLowerCase().trim();
