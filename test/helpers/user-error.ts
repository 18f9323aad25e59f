import { expect } from 'vitest';
import { UserError } from '../../src/core/errors.js';

/** The UserError `fn` throws; fails the test if it throws anything else or nothing. */
export function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}
