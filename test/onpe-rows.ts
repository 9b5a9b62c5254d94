// Generated ONPE per-mesa rows and files for the ingest's differential tests: valid more often
// than not, with every shape that leaves the quick path (bad, empty or odd cells, unknown codes
// and states, annulled and not installed actas, sums that do not add up, impugned votes).
import fc from 'fast-check';
import { ONPE_COLUMNS } from './helpers.js';

/** A cell that is sometimes not a plain count. */
const odd = fc.constantFrom('', ' 7 ', '-3', '1.5', '99999999999', '"12"', 'x', '0');
/** An ONPE row that is valid more often than not: votes first, then voters and eligible. */
export const onpeRow = fc
  .tuple(
    fc.constantFrom('010101', '150101', '10101', '921001', '999999', ''),
    fc.oneof(
      { weight: 8, arbitrary: fc.nat({ max: 999_999 }).map((m) => String(m).padStart(6, '0')) },
      { weight: 1, arbitrary: fc.constantFrom('31', '', 'A1', '1234567', '"000777"') },
    ),
    fc.constantFrom(
      'CONTABILIZADA',
      'COMPUTADA RESUELTA',
      'ANULADA',
      'SIN INSTALAR',
      'EN PROCESO',
      '',
      'OTRA',
    ),
    fc.array(fc.nat({ max: 300 }), { minLength: 21, maxLength: 21 }),
    fc.integer({ min: -1, max: 1 }),
    fc.nat({ max: 40 }),
    fc.array(fc.tuple(fc.nat({ max: 22 }), odd), { maxLength: 2 }),
    // the figures' shape: votes as counted, as ONPE gives an annulled acta (only null votes), or
    // as a mesa not installed (none at all), whatever the state cell says
    fc.constantFrom('votes', 'votes', 'votes', 'annulled', 'none'),
    // the place names, which the first valid row of a run of one ubigeo gives the store
    fc.constantFrom('LIMA', 'LIMA', 'CUSCO', ' PIURA '),
  )
  .map(([ubigeo, mesa, state, figures, off, spare, bad, shape, department]) => {
    const votes = figures.map((v, i) => (v % 3 === 0 && i < 20 ? '' : String(v)));
    votes[20] = spare === 0 ? '1' : spare % 2 ? '' : '0'; // VOTOS_VI: impugned now and then
    // lists and blank (annulled), or every figure (none), empty or 0 but now and then one vote
    const cleared = shape === 'annulled' ? 19 : shape === 'none' ? 20 : 0;
    for (let i = 0; i < cleared; i++)
      votes[i] = figures[i] === 1 ? '1' : figures[i]! % 2 ? '' : '0';
    const sum = votes.reduce((s, v) => s + Number(v), 0);
    const voters = sum + (spare % 5 === 0 ? off : 0);
    const votersCell = shape === 'none' && spare % 3 !== 0 ? '' : String(voters);
    const cells = [votersCell, String(voters + spare - 10), ...votes];
    for (const [i, v] of bad) cells[i] = v;
    return [ubigeo, department, 'LIMA', 'LIMA', 'PRESIDENCIAL', mesa, state, '', ...cells];
  });

/** A whole file: the header (quoted or not), rows with a repeated mesa now and then. */
export const onpeFile = fc
  .tuple(
    fc.array(onpeRow, { minLength: 0, maxLength: 30 }),
    fc.boolean(),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
    fc.oneof(fc.constant(null), fc.integer({ min: 60, max: 200 })),
    fc.nat({ max: 5 }),
  )
  .map(([rows, quotedHeader, eol, bom, lineBytes, repeat]) => {
    const header = ONPE_COLUMNS.map((h) => (quotedHeader ? `"${h}"` : h)).join(',');
    const body = rows.map((r) => r.join(','));
    if (repeat > 0 && body.length > repeat) body.push(body[repeat] as string);
    return { text: [header, ...body].join('\n') + '\n', eol, bom, lineBytes };
  });
