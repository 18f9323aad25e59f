// The one gate between network text and the terminal (issue #6 hardens it).
// Every string from a relay or an author passes through here before a human sees it;
// JSON output does not (JSON escaping already makes it safe, and it must stay byte-exact).

// ESC-introduced sequences: CSI, OSC/DCS/APC/PM/SOS strings (up to BEL or ST), and 2-char escapes.
const ESCAPE_SEQUENCE =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[ -/]*[0-~]?)/g;
// C0 controls except \t and \n, DEL, C1 controls (8-bit CSI, OSC, … arrive as U+0080-U+009F).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidi embeddings, overrides and isolates can make text appear reversed.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** Text safe to print: no escape sequences, no controls but newline and tab, no bidi overrides. */
export function sanitize(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '').replace(BIDI, '');
}

/** For one-line places (names, relay messages): newlines and tabs become spaces. */
export function sanitizeLine(text: string): string {
  return sanitize(text).replace(/[\n\t]+/g, ' ');
}
