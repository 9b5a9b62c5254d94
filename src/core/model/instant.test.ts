import { describe, expect, it } from 'vitest';
import { instantMs } from './instant.js';

describe('instantMs', () => {
  it('reads an ISO instant as Date.parse does, every offset and leap day', () => {
    const texts = [
      '2026-04-27T14:30:00-05:00',
      '2026-06-10T06:24:16Z',
      '2026-06-10T06:24:16.242Z',
      '2024-02-29T23:59:59+14:00',
      '1969-12-31T23:59-00:30',
      '2000-03-01T00:00:00+05:45',
      '1900-02-28T12:00Z',
    ];
    // a stride through 40 years of minutes, in Lima's offset
    for (let k = 0; k < 500; k++) {
      const d = new Date(Date.UTC(1990, 0, 1) + k * 2_523_457_000);
      const iso = d.toISOString().slice(0, 19);
      texts.push(`${iso}-05:00`);
    }
    for (const s of texts) expect(instantMs(s), s).toBe(Date.parse(s));
  });
  it('is null for a date, no offset, or a time that does not exist', () => {
    for (const s of [
      '2021-06-12',
      '2026-04-27T14:30:00',
      '27/04/2026 14:30 h (Lima)',
      '2026-13-01T00:00Z',
      '2026-04-31T00:00Z',
      '2025-02-29T00:00Z',
      '2026-04-27T24:00Z',
      '2026-04-27T14:60Z',
      '2026-04-27T14:30+25:00',
    ])
      expect(instantMs(s), s).toBeNull();
  });
});
