// Fuzz target: parseRelayMessage, the first thing every relay frame meets.
import { parseRelayMessage } from '../../../src/core/relay-message.js';
import { eventShapeProblem, hostileRelayMessage, validMessages } from '../relay-inputs.js';
import type { FuzzTarget } from '../types.js';

const validJson = new Set(validMessages.map((m) => JSON.stringify(m)));
const isText = (v: unknown) => typeof v === 'string';
const outcomes: Record<string, number> = {};

export const target: FuzzTarget<string> = {
  generate: hostileRelayMessage,
  coverage: () => outcomes,
  check(data) {
    const result = parseRelayMessage(data) as unknown as Record<string, unknown>;
    const outcome = result.type === 'malformed' || result.type === 'oversize' ? `${String(result.type)} (${String(result.reason).replace(/\d+/g, 'N')})` : String(result.type);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    if (Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')) return 'Object.prototype was polluted';
    if (validJson.has(data) && (result.type === 'malformed' || result.type === 'oversize'))
      return `a well-formed message was dropped: ${String(result.reason)}`;
    switch (result.type) {
      case 'malformed':
      case 'oversize':
        return isText(result.reason) ? undefined : 'dropped without a reason';
      case 'EVENT': {
        if (!isText(result.subId)) return 'EVENT subId is not a string';
        const problem = eventShapeProblem(result.event);
        if (problem) return `EVENT accepted but ${problem}`;
        const event = result.event as Record<string, unknown>;
        if ((event.kind as number) > 65535) return 'EVENT kind above 65535 accepted';
        const keys = Object.keys(event).sort().join(',');
        return keys === 'content,created_at,id,kind,pubkey,sig,tags' ? undefined : `EVENT carries unsigned fields: ${keys}`;
      }
      case 'OK':
        return isText(result.eventId) && typeof result.ok === 'boolean' && isText(result.message) ? undefined : 'OK of wrong shape accepted';
      case 'EOSE':
        return isText(result.subId) ? undefined : 'EOSE of wrong shape accepted';
      case 'CLOSED':
        return isText(result.subId) && isText(result.message) ? undefined : 'CLOSED of wrong shape accepted';
      case 'NOTICE':
        return isText(result.message) ? undefined : 'NOTICE of wrong shape accepted';
      case 'AUTH':
        return isText(result.challenge) ? undefined : 'AUTH of wrong shape accepted';
      case 'COUNT':
        return isText(result.subId) && Number.isSafeInteger(result.count) && (result.count as number) >= 0 ? undefined : 'COUNT of wrong shape accepted';
      default:
        return `unknown result type ${String(result.type)}`;
    }
  },
};
