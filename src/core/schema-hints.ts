import type { FieldHints } from './schema-problem.js';

/**
 * What each field of the manifest, ruleset and jurisdiction files is, in both languages, for
 * schema problems (core/schema-problem.ts); a field without one is named with its document.
 */

const DATE_FORM = {
  en: 'the date as YYYY-MM-DD, e.g. 2026-10-04',
  es: 'la fecha como AAAA-MM-DD, p. ej. 2026-10-04',
};
const ID_FORM = {
  en: 'the id in lower-case letters, digits and hyphens, e.g. "zb-2026-asamblea"',
  es: 'el id en minúsculas, cifras y guiones, p. ej. "zb-2026-asamblea"',
};
const LABEL = {
  en: 'its name: one text, or {"es": "…", "en": "…"}',
  es: 'su nombre: un texto, o {"es": "…", "en": "…"}',
};

export const MANIFEST_DOC = 'docs/elections.md';
export const RULESET_DOC = 'docs/rulesets.md';
export const JURISDICTION_DOC = 'README, "Adding a jurisdiction"';

export const MANIFEST_HINTS: FieldHints = {
  format: { en: '"format": "cifra-election/1"', es: '"format": "cifra-election/1"' },
  id: {
    en: "the election's id (docs/elections.md)",
    es: 'el id de la elección (docs/elections.md)',
    form: ID_FORM,
  },
  label: LABEL,
  jurisdiction: {
    en: 'the id of its jurisdiction, a folder of data/jurisdictions/ or of --jurisdictions DIR (e.g. "pe")',
    es: 'el id de su jurisdicción, una carpeta de data/jurisdictions/ o de --jurisdictions DIR (p. ej. "pe")',
  },
  ruleset: {
    en: 'a built-in ruleset id (cifra rules) or the path of a ruleset file, relative to the manifest (docs/rulesets.md)',
    es: 'el id de un reglamento incluido (cifra rules) o la ruta de un archivo de reglas, relativa al manifiesto (docs/rulesets.md)',
  },
  date: { en: 'the election day', es: 'el día de la elección', form: DATE_FORM },
  status: {
    en: 'how far the figures can be trusted, e.g. {"kind": "final"} (docs/elections.md)',
    es: 'cuánto puede confiarse en las cifras, p. ej. {"kind": "final"} (docs/elections.md)',
  },
  asOf: {
    en: 'when the figures were as given (the source\'s cut or publication), e.g. "2026-10-05"',
    es: 'cuándo eran así las cifras (el corte o la publicación de la fuente), p. ej. "2026-10-05"',
  },
  choices: {
    en: 'the list of choices, each {"id", "label"} (its votes in the column named by id, or by "column")',
    es: 'la lista de opciones, cada una {"id", "label"} (sus votos en la columna de su id, o de "column")',
  },
  'choices.*.id': {
    en: 'the choice\'s id: its votes\' column in the file unless "column" names another',
    es: 'el id de la opción: la columna de sus votos en el archivo, salvo que "column" nombre otra',
  },
  'choices.*.label': {
    en: "the choice's name, as the source prints it",
    es: 'el nombre de la opción, como lo imprime la fuente',
  },
  sources: {
    en: 'the list of source files, each {"format", "file", "publisher"}',
    es: 'la lista de archivos fuente, cada uno {"format", "file", "publisher"}',
  },
  'sources.*.format': {
    en: 'the source\'s format, e.g. "cifra-csv" (docs/ingest.md)',
    es: 'el formato de la fuente, p. ej. "cifra-csv" (docs/ingest.md)',
  },
  'sources.*.file': {
    en: "the file's path, relative to the manifest",
    es: 'la ruta del archivo, relativa al manifiesto',
  },
  'sources.*.publisher': { en: 'who published the file', es: 'quién publicó el archivo' },
  provenance: {
    en: 'the path of a PROVENANCE.md beside the manifest, or its text: how far to trust the source (docs/elections.md)',
    es: 'la ruta de un PROVENANCE.md junto al manifiesto, o su texto: cuánto confiar en la fuente (docs/elections.md)',
  },
};

const SOURCE = {
  en: 'the legal source, law and article (or resolution), e.g. "Electoral Act art. 5"',
  es: 'la fuente legal, ley y artículo (o resolución), p. ej. "Ley electoral art. 5"',
};

export const RULESET_HINTS: FieldHints = {
  format: { en: '"format": "cifra-ruleset/1"', es: '"format": "cifra-ruleset/1"' },
  id: { en: "the ruleset's id", es: 'el id del reglamento', form: ID_FORM },
  label: LABEL,
  kind: { en: '"list" (seats) or "single-winner"', es: '"list" (escaños) o "single-winner"' },
  totalSeats: {
    en: 'the seats of the chamber, a whole number',
    es: 'los escaños de la cámara, un número entero',
  },
  districts: {
    en: 'the electoral districts, each {"name", "seats"} (names as the jurisdiction\'s units)',
    es: 'las circunscripciones, cada una {"name", "seats"} (nombres como las unidades de la jurisdicción)',
  },
  'districts.*.name': {
    en: "the district's name, as the jurisdiction names the unit",
    es: 'el nombre de la circunscripción, como la jurisdicción nombra la unidad',
  },
  method: {
    en: 'the allocation method, e.g. "dhondt" or "sainte-lague" (docs/rulesets.md)',
    es: 'el método de reparto, p. ej. "dhondt" o "sainte-lague" (docs/rulesets.md)',
  },
  'threshold.kind': {
    en: 'the threshold\'s kind, e.g. "share"',
    es: 'el tipo de valla, p. ej. "share"',
  },
  'threshold.share': {
    en: 'the share, as text: "5%" or "0.05"',
    es: 'la proporción, como texto: "5%" o "0.05"',
  },
  'threshold.source': SOURCE,
  'threshold.base': {
    en: 'what the share is of, e.g. "valid"',
    es: 'sobre qué se mide, p. ej. "valid"',
  },
  round: { en: '"first" or "runoff"', es: '"first" o "runoff"' },
  winner: {
    en: 'the winning share, e.g. {"share": "50%"}',
    es: 'la proporción para ganar, p. ej. {"share": "50%"}',
  },
  'winner.share': {
    en: 'the share, as text: "50%" or "0.5"',
    es: 'la proporción, como texto: "50%" o "0.5"',
  },
};

const PATTERN = {
  en: 'an anchored regular expression, e.g. "^\\\\d{3}$"',
  es: 'una expresión regular anclada, p. ej. "^\\\\d{3}$"',
};

export const JURISDICTION_HINTS: FieldHints = {
  format: { en: '"format": "cifra-jurisdiction/1"', es: '"format": "cifra-jurisdiction/1"' },
  id: {
    en: "the jurisdiction's id, its folder's name",
    es: 'el id de la jurisdicción, el nombre de su carpeta',
    form: {
      en: 'the id in lower-case letters, digits and hyphens, e.g. "zb"',
      es: 'el id en minúsculas, cifras y guiones, p. ej. "zb"',
    },
  },
  labels: { en: 'its name, {"es": "…", "en": "…"}', es: 'su nombre, {"es": "…", "en": "…"}' },
  national: {
    en: 'the nation\'s unit, {"code": "ZB", "name": "TOTAL"}',
    es: 'la unidad nacional, {"code": "ZB", "name": "TOTAL"}',
  },
  place: {
    en: 'the place code an acta carries: {"labels", "pattern", "pad"?, "table"?}',
    es: 'el código de lugar de un acta: {"labels", "pattern", "pad"?, "table"?}',
  },
  'place.labels': {
    en: 'what the sources call the place code, {"es": "…", "en": "…"}',
    es: 'cómo llaman las fuentes al código de lugar, {"es": "…", "en": "…"}',
  },
  'place.pattern': PATTERN,
  'place.table.file': {
    en: 'the place table, a .csv or .csv.gz relative to the folder',
    es: 'la tabla de lugares, un .csv o .csv.gz relativo a la carpeta',
  },
  'place.table.code': {
    en: "the place table's column of the code",
    es: 'la columna del código en la tabla de lugares',
  },
  mesa: { en: 'the mesa code: {"pattern", "pad"?}', es: 'el código de mesa: {"pattern", "pad"?}' },
  'mesa.pattern': PATTERN,
  levels: {
    en: 'the levels between the nation and the mesa, coarse to fine',
    es: 'los niveles entre la nación y la mesa, de mayor a menor',
  },
  'levels.*.id': {
    en: 'the level\'s id, e.g. "province"',
    es: 'el id del nivel, p. ej. "province"',
  },
  'levels.*.labels': {
    en: 'the level\'s name, {"es": "…", "en": "…"}',
    es: 'el nombre del nivel, {"es": "…", "en": "…"}',
  },
  'levels.*.unit': {
    en: 'how a place code maps to its unit: {"prefix": n}, {"constant": "X"} or {"map": […]}',
    es: 'cómo un código de lugar da su unidad: {"prefix": n}, {"constant": "X"} o {"map": […]}',
  },
  electoralDistricts: {
    en: 'the id of the level of the electoral districts',
    es: 'el id del nivel de las circunscripciones',
  },
  projectionGroups: {
    en: "the id of the projection's middle level",
    es: 'el id del nivel intermedio de la proyección',
  },
  states: {
    en: 'the sources\' acta-state labels → cifra\'s states, e.g. {"CONTADA": "counted"}',
    es: 'las etiquetas de estado de acta de las fuentes → los estados de cifra, p. ej. {"CONTADA": "counted"}',
  },
  timeZone: {
    en: 'the IANA time zone the sources state their times in, e.g. "Europe/Paris" ("UTC" if that is yours)',
    es: 'la zona horaria IANA de las horas de las fuentes, p. ej. "Europe/Paris" ("UTC" si es la suya)',
  },
};

type Said = { readonly en: string; readonly es: string };
const str = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : String(v));

/**
 * The jurisdiction file's own checks (their `reason`), said with the fix: the details they carry
 * (`level`, `known`…) fill the sentence.
 */
export const JURISDICTION_REASONS: Readonly<
  Record<string, (d: Readonly<Record<string, unknown>>) => Said>
> = {
  invalid_regex: () => ({
    en: 'not a regular expression: write an anchored one, e.g. "^\\\\d{3}$"',
    es: 'no es una expresión regular: escriba una anclada, p. ej. "^\\\\d{3}$"',
  }),
  pattern_not_anchored: () => ({
    en: 'anchor the pattern: start it with ^ and end it with $',
    es: 'ancle el patrón: empiécelo con ^ y termínelo con $',
  }),
  rule_form: () => ({
    en: 'give exactly one of {"prefix": n}, {"constant": "X"} or {"map": […]}',
    es: 'indique exactamente uno de {"prefix": n}, {"constant": "X"} o {"map": […]}',
  }),
  default_without_map: () => ({
    en: '"default" goes only with "map": remove it or add the map',
    es: '"default" va solo con "map": quítelo o agregue el mapa',
  }),
  duplicate_prefix: (d) => ({
    en: `the prefix "${str(d['prefix'])}" is mapped twice: keep one`,
    es: `el prefijo "${str(d['prefix'])}" está dos veces en el mapa: deje uno`,
  }),
  reserved_level: (d) => ({
    en: `"${str(d['level'])}" is always there (national, mesa): give the level another id`,
    es: `"${str(d['level'])}" siempre existe (national, mesa): dé otro id al nivel`,
  }),
  duplicate_level: (d) => ({
    en: `the level "${str(d['level'])}" is declared twice: give each level its own id`,
    es: `el nivel "${str(d['level'])}" está declarado dos veces: dé a cada nivel su propio id`,
  }),
  unknown_level: (d) => ({
    en: `no level "${str(d['level'])}" in "levels": use one of ${str(d['known'])}`,
    es: `no hay un nivel "${str(d['level'])}" en "levels": use uno de ${str(d['known'])}`,
  }),
  no_known_places: () => ({
    en: 'nothing says which place codes exist: add "table" (a places CSV) or "known" (patterns)',
    es: 'nada dice qué códigos de lugar existen: agregue "table" (un CSV de lugares) o "known" (patrones)',
  }),
  unknown_time_zone: (d) => ({
    en: `"${str(d['timeZone'])}" is no IANA time zone: write one such as "Europe/Paris" or "UTC"`,
    es: `"${str(d['timeZone'])}" no es una zona horaria IANA: escriba una como "Europe/Paris" o "UTC"`,
  }),
  conflicting_state: (d) => ({
    en: `this label (as read: case, accents and spaces aside) maps to two states, ${str(d['states'])}: keep one`,
    es: `esta etiqueta (leída sin mayúsculas, tildes ni espacios) da dos estados, ${str(d['states'])}: deje uno`,
  }),
};
