// The dashboard's server notice (web/server-notice.ts): one state for where the page stands with
// the server, moved by each answer or silence, and its text a function of that state alone.
import { describe, expect, it } from 'vitest';
import {
  connectionAfter,
  noticeText,
  sameConnection,
  UNANSWERED,
  type Connection,
} from '../web/server-notice.js';

const T0 = Date.UTC(2026, 5, 7, 3, 0);
const iso = (s: string): string => `at ${s}`;

describe('connectionAfter', () => {
  it('an answer with elections is fine, without any is empty, from any state', () => {
    const lost: Connection = { kind: 'lost', since: T0 };
    for (const prev of [UNANSWERED, { kind: 'empty' } as const, lost]) {
      expect(connectionAfter(prev, { elections: 3 })).toEqual({ kind: 'fine' });
      expect(connectionAfter(prev, { elections: 0 })).toEqual({ kind: 'empty' });
    }
  });

  it('a silence is lost since its first moment: later silences keep that time', () => {
    const first = connectionAfter(UNANSWERED, { silentAt: T0 });
    expect(first).toEqual({ kind: 'lost', since: T0 });
    const again = connectionAfter(first, { silentAt: T0 + 60_000 });
    expect(again).toEqual({ kind: 'lost', since: T0 });
    expect(sameConnection(first, again)).toBe(true);
    // answered in between: a new silence starts its own time
    const back = connectionAfter(connectionAfter(again, { elections: 1 }), { silentAt: T0 + 5 });
    expect(back).toEqual({ kind: 'lost', since: T0 + 5 });
    expect(sameConnection(first, back)).toBe(false);
  });
});

describe('noticeText', () => {
  it('says nothing before the first answer nor while all is well', () => {
    expect(noticeText(UNANSWERED, 'es', iso)).toBe('');
    expect(noticeText({ kind: 'fine' }, 'en', iso)).toBe('');
  });

  it('says the server has no results yet, in each language', () => {
    expect(noticeText({ kind: 'empty' }, 'es', iso)).toBe(
      'Aún no hay resultados cargados en este servidor. La página se actualiza sola cuando lleguen.',
    );
    expect(noticeText({ kind: 'empty' }, 'en', iso)).toBe(
      'No results are loaded on this server yet. The page updates itself when they arrive.',
    );
  });

  it('says since when the server is silent, the instant worded by the page', () => {
    expect(noticeText({ kind: 'lost', since: T0 }, 'es', iso)).toBe(
      'Sin conexión con el servidor desde el at 2026-06-07T03:00:00.000Z: las cifras de abajo pueden no estar al día. La página reintenta sola.',
    );
    expect(noticeText({ kind: 'lost', since: T0 }, 'en', iso)).toMatch(
      /^No connection to the server since at 2026-06-07T03:00:00\.000Z: /,
    );
  });
});
