// Secrets must never reach logs, errors or crash messages, even when a library
// echoes its input back in an error message.
const SECRET_PATTERNS = [/nsec1[02-9ac-hj-np-z]+/gi, /ncryptsec1[02-9ac-hj-np-z]+/gi];

export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((out, pattern) => out.replace(pattern, '[redacted secret]'), text);
}
