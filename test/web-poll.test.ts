// `?poll=` (web/poll.ts): a shared link asking for 1e9 s made the page poll nonstop (setInterval
// fires at once past 2³¹ − 1 ms): review 5 counted 65–76 summary requests in 5 s from one tab.
import { describe, expect, it } from 'vitest';
import { POLL_DEFAULT_MS, pollMs } from '../web/poll.js';

describe('pollMs', () => {
  it('is the default without a usable value', () => {
    for (const raw of [null, '', ' ', 'abc', 'NaN', 'Infinity', '0', '-3', '0.5'])
      expect(pollMs(raw), String(raw)).toBe(POLL_DEFAULT_MS);
  });

  it('bounds what a link asks: at most 10 min', () => {
    expect(pollMs('5')).toBe(5_000);
    expect(pollMs('1')).toBe(1_000);
    expect(pollMs('1e9')).toBe(600_000);
    expect(pollMs('3000000')).toBe(600_000);
  });
});
