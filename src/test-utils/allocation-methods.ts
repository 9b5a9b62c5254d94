// The allocation methods the property and differential tests run over: every named divisor
// method (with one parametrised Sainte-Laguë) and every named largest-remainder quota.
import {
  ADAMS,
  DANISH,
  DEAN,
  DHONDT,
  DROOP,
  HAGENBACH_BISCHOFF,
  HAGENBACH_BISCHOFF_CEIL,
  HAGENBACH_BISCHOFF_ROUNDED,
  HARE,
  HARE_ROUNDED,
  HUNTINGTON_HILL,
  IMPERIALI,
  IMPERIALI_QUOTA,
  MACAU,
  MODIFIED_SAINTE_LAGUE,
  modifiedSainteLague,
  SAINTE_LAGUE,
  type AllocationMethod,
  type LargestRemainderMethod,
} from '../core/allocation/methods.js';

export const DIVISOR_METHODS: readonly AllocationMethod[] = [
  DHONDT,
  SAINTE_LAGUE,
  MODIFIED_SAINTE_LAGUE,
  modifiedSainteLague({ numerator: 6, denominator: 5 }),
  DANISH,
  IMPERIALI,
  ADAMS,
  HUNTINGTON_HILL,
  DEAN,
  MACAU,
];

export const QUOTA_METHODS: readonly LargestRemainderMethod[] = [
  HARE,
  DROOP,
  HAGENBACH_BISCHOFF,
  IMPERIALI_QUOTA,
  HARE_ROUNDED,
  HAGENBACH_BISCHOFF_CEIL,
  HAGENBACH_BISCHOFF_ROUNDED,
];
