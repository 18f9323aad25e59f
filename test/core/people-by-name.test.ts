import { describe, expect, it } from 'vitest';
import { nameQuery, peopleNamed, type NamedPerson } from '../../src/core/people-by-name.js';

const person = (pubkey: string, ...names: Array<string | undefined>): NamedPerson => ({ pubkey, names });

describe('nameQuery', () => {
  it('is the name typed, without a leading @', () => {
    expect(nameQuery('  bob ')).toBe('bob');
    expect(nameQuery('@bob')).toBe('bob');
    expect(nameQuery('Bob Builder')).toBe('Bob Builder');
    expect(nameQuery('鮑勃')).toBe('鮑勃');
  });

  it('is undefined for keys, NIP-19 strings and addresses, which are read as what they are', () => {
    for (const text of [
      'npub1abc',
      'NPUB1ABC',
      'nprofile1qq',
      'nsec1whatever',
      'ncryptsec1qq',
      'note1xyz',
      'nevent1qq',
      'naddr1qq',
      'a'.repeat(64),
      'A'.repeat(64),
      'bob@example.com',
      '_@example.com',
      '',
      '  ',
      '@',
    ]) {
      expect(nameQuery(text), text).toBeUndefined();
    }
  });
});

describe('peopleNamed', () => {
  const bob = person('b', 'bob', 'Bob Builder');
  const bobby = person('bb', 'bobby');
  const rob = person('r', undefined, 'Robert (bob)');
  const cjk = person('c', '鮑勃');
  const fancy = person('f', 'Ｆｕｌｌｗｉｄｔｈ');
  const everyone = [bob, bobby, rob, cjk, fancy, person('x'), person('y', undefined, undefined)];

  it('an exact name or display name wins over longer names that start with it, ignoring case', () => {
    expect(peopleNamed('BOB', everyone)).toEqual([bob]);
    expect(peopleNamed('bob builder', everyone)).toEqual([bob]);
  });

  it('else the names that start with it, else those that contain it', () => {
    expect(peopleNamed('bo', everyone)).toEqual([bob, bobby]);
    expect(peopleNamed('robert', everyone)).toEqual([rob]);
    expect(peopleNamed('builder', everyone)).toEqual([bob]);
    expect(peopleNamed('(bob', everyone)).toEqual([rob]);
  });

  it('compares names as Unicode text: CJK, and full-width letters as the letters they show', () => {
    expect(peopleNamed('鮑勃', everyone)).toEqual([cjk]);
    expect(peopleNamed('fullwidth', everyone)).toEqual([fancy]);
  });

  it('names no one for a name nobody has, or an empty one; people without names are never matched', () => {
    expect(peopleNamed('carol', everyone)).toEqual([]);
    expect(peopleNamed('  ', everyone)).toEqual([]);
  });
});
