// The allocation methods the property and differential tests run over, derived from the registry
// (NAMED_METHODS) by kind: every named divisor method (with one parametrised Sainte-Laguë) and
// every named largest-remainder quota. A method added to the registry is tested, or left out
// below by name with the reason; a method of another kind fails here until it is one or the other.
import {
  modifiedSainteLague,
  NAMED_METHODS,
  type AllocationMethod,
  type DivisorMethod,
  type LargestRemainderMethod,
} from '../core/allocation/methods.js';

/** The registry's methods these tests leave out, and why. */
export const EXCLUDED_METHODS: ReadonlyMap<string, string> = new Map([
  [
    'plurality',
    "D'Hondt's divisors under another id (tested as dhondt), defined for a single seat only: a ruleset refuses it for more (compile.ts)",
  ],
  [
    'kieswet',
    'its own procedure (P 5–P 10), with its own properties (kieswet.property.test.ts) and no table method in reference.ts to compare with',
  ],
]);

const tested = [...NAMED_METHODS.values()].filter((m) => !EXCLUDED_METHODS.has(m.id));

const isDivisor = (m: AllocationMethod): m is DivisorMethod => m.kind === 'divisor';
const isQuota = (m: AllocationMethod): m is LargestRemainderMethod =>
  m.kind === 'largest-remainder';

export const DIVISOR_METHODS: readonly DivisorMethod[] = [
  ...tested.filter(isDivisor),
  // a first divisor other than the default 1.4 (Sweden's 1.2): the parametrised family
  modifiedSainteLague({ numerator: 6, denominator: 5 }),
];

export const QUOTA_METHODS: readonly LargestRemainderMethod[] = tested.filter(isQuota);

const stale = [...EXCLUDED_METHODS.keys()].filter((id) => !NAMED_METHODS.has(id));
if (stale.length > 0) throw new Error(`excluded methods not in the registry: ${stale.join(', ')}`);
const untested = tested.filter((m) => !isDivisor(m) && !isQuota(m)).map((m) => m.id);
if (untested.length > 0)
  throw new Error(
    `allocation methods neither tested nor excluded with a reason: ${untested.join(', ')}`,
  );
