/**
 * Peru's 27 circunscripciones (LOE art. 21): the departments, Lima split into Lima Metropolitana
 * (province of Lima) and Lima Provincias, Callao, and Peruvians abroad.
 * `code` is ONPE's 2026 electoral-district id. `department` is the RENIEC department code of the
 * ubigeo (abroad: 91–95), used to place a mesa in its circunscripción.
 */
export interface Circunscripcion {
  readonly code: number;
  readonly name: string;
  readonly aliases: readonly string[];
  /** RENIEC department code(s) whose mesas fall here; Lima is split by province 1401. */
  readonly departments: readonly string[];
  /** Congress 2021 seats — R-0304-2020-JNE. */
  readonly seats2021: number;
  /** Deputies 2026 seats — R-0053-2025-JNE. */
  readonly deputies2026: number;
  /** Senate 2026 district seats (DEM) — R-0053-2025-JNE; LOE art. 21(a). */
  readonly senate2026: number;
}

export const NATIONAL_DISTRICT = 'NACIONAL';
export const ABROAD = 'Peruanos Residentes en el Extranjero';
export const LIMA_METROPOLITANA = 'Lima Metropolitana';

const c = (
  code: number,
  name: string,
  departments: string[],
  seats2021: number,
  deputies2026: number,
  senate2026: number,
  aliases: string[] = [],
): Circunscripcion => ({ code, name, aliases, departments, seats2021, deputies2026, senate2026 });

export const CIRCUNSCRIPCIONES: readonly Circunscripcion[] = [
  c(1, 'Amazonas', ['01'], 2, 2, 1),
  c(2, 'Áncash', ['02'], 5, 5, 1),
  c(3, 'Apurímac', ['03'], 2, 2, 1),
  c(4, 'Arequipa', ['04'], 6, 6, 1),
  c(5, 'Ayacucho', ['05'], 3, 3, 1),
  c(6, 'Cajamarca', ['06'], 6, 6, 1),
  c(7, 'Callao', ['24'], 4, 4, 1),
  c(8, 'Cusco', ['07'], 5, 5, 1),
  c(9, 'Huancavelica', ['08'], 2, 2, 1),
  c(10, 'Huánuco', ['09'], 3, 3, 1),
  c(11, 'Ica', ['10'], 4, 4, 1),
  c(12, 'Junín', ['11'], 5, 5, 1),
  c(13, 'La Libertad', ['12'], 7, 7, 1),
  c(14, 'Lambayeque', ['13'], 5, 5, 1),
  c(15, LIMA_METROPOLITANA, ['14'], 33, 32, 4, ['LIMA']),
  c(16, 'Lima Provincias', ['14'], 4, 4, 1),
  c(17, 'Loreto', ['15'], 4, 4, 1),
  c(18, 'Madre de Dios', ['16'], 1, 2, 1),
  c(19, 'Moquegua', ['17'], 2, 2, 1),
  c(20, 'Pasco', ['18'], 2, 2, 1),
  c(21, 'Piura', ['19'], 7, 7, 1),
  c(22, 'Puno', ['20'], 5, 5, 1),
  c(23, 'San Martín', ['21'], 4, 4, 1),
  c(24, 'Tacna', ['22'], 2, 2, 1),
  c(25, 'Tumbes', ['23'], 2, 2, 1),
  c(26, 'Ucayali', ['25'], 3, 3, 1),
  c(27, ABROAD, ['91', '92', '93', '94', '95'], 2, 2, 1, [
    'EXTRANJERO',
    'RESIDENTES EXT',
    'RESIDENTES EN EL EXTRANJERO',
    'PERUANOS EN EL EXTRANJERO',
    'PRE',
  ]),
];

/** The circunscripción of a mesa from its RENIEC ubigeo (Lima Metropolitana = province 1401). */
export function circunscripcionOfUbigeo(ubigeo: string): Circunscripcion | undefined {
  const dep = ubigeo.slice(0, 2);
  if (dep === '14') {
    return CIRCUNSCRIPCIONES.find((x) => x.code === (ubigeo.slice(0, 4) === '1401' ? 15 : 16));
  }
  return CIRCUNSCRIPCIONES.find((x) => x.departments.includes(dep));
}
