// A target that hangs on case 3: proves the harness stops a hang and names the case.
import type { FuzzTarget } from '../types.js';

export const target: FuzzTarget<string> = {
  generate: (fuzz, index) => `case ${index} ${fuzz.int(10)}`,
  check(input) {
    if (input.startsWith('case 3 ')) for (;;);
    return input.startsWith('case 1 ') ? 'case 1 is judged wrong' : undefined;
  },
};
