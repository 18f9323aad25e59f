// Fuzz target: parsePublicKey (and parseKeyInput, which shares its decoding) on hostile
// NIP-19 / NIP-21 / hex input. The only error allowed out is UserError, and an error must
// never repeat a secret it was given.
import { UserError } from '../../../src/core/errors.js';
import { parseKeyInput, parsePublicKey } from '../../../src/core/identifiers.js';
import { unsafeCharacters } from '../../helpers/hostile-strings.js';
import { hostilePublicKey, type PublicKeyInput } from '../public-key-inputs.js';
import type { FuzzTarget } from '../types.js';

const outcomes: Record<string, number> = {};
const count = (outcome: string) => (outcomes[outcome] = (outcomes[outcome] ?? 0) + 1);

/** Why `error` is not an acceptable refusal of `input`, or undefined. */
function refusalProblem(error: unknown, input: PublicKeyInput, what: string): string | undefined {
  if (!(error instanceof UserError)) throw error;
  const { message } = error;
  if (input.secret && message.toLowerCase().includes(input.secret.toLowerCase().slice(0, 20)))
    return `${what} repeated the secret key in its error`;
  if (message.includes('\n') || unsafeCharacters(message).length > 0) return `${what} error is not one clean line`;
  return undefined;
}

export const target: FuzzTarget<PublicKeyInput> = {
  generate: hostilePublicKey,
  coverage: () => outcomes,
  check(input) {
    let problem: string | undefined;
    try {
      const hex = parsePublicKey(input.text);
      count('public key accepted');
      if (!/^[0-9a-f]{64}$/.test(hex)) return `parsePublicKey returned ${JSON.stringify(hex)}, not 64 lowercase hex`;
      if (input.secret) return 'parsePublicKey accepted a secret key';
      if (input.expect && hex !== input.expect) return `decoded to ${hex}, expected ${input.expect}`;
    } catch (error) {
      count('public key refused');
      if (input.expect) return `a valid form was refused: ${(error as Error).message}`;
      problem = refusalProblem(error, input, 'parsePublicKey');
      if (problem) return problem;
    }
    try {
      const key = parseKeyInput(input.text);
      count(`key input: ${key.type}`);
      if (key.type === 'public' && !/^[0-9a-f]{64}$/.test(key.pubkey)) return 'parseKeyInput returned a bad public key';
      if (key.type === 'secret' && key.secretKey.length !== 32) return `parseKeyInput returned a ${key.secretKey.length}-byte secret`;
    } catch (error) {
      count('key input refused');
      return refusalProblem(error, input, 'parseKeyInput');
    }
    return undefined;
  },
};
