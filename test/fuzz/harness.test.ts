import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runFuzz } from './harness.js';

const hanging = fileURLToPath(new URL('./targets/hangs-at-three.ts', import.meta.url));

describe('the fuzz harness', () => {
  it('stops a case that hangs and names it, with the input replayed from the seed', async () => {
    const report = await runFuzz({ module: hanging, seed: 7, count: 10, hangMs: 1_000 });
    expect(report.hung?.case).toBe(3);
    expect(report.hung?.input).toMatch(/^"case 3 \d"$/);
    expect(report.cases).toBe(3);
  });

  it('counts every case and records the ones judged wrong', async () => {
    const report = await runFuzz({ module: hanging, seed: 7, count: 3, hangMs: 1_000 });
    expect(report.hung).toBeUndefined();
    expect(report.cases).toBe(3);
    expect(report.problemCount).toBe(1);
    expect(report.problems[0]).toMatchObject({ case: 1, problem: 'case 1 is judged wrong' });
  });
});
