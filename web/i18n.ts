// Interface strings, Spanish first, English second. Code and data stay in English.
import type { ActaState } from '../src/core/model/acta.js';
import {
  ACTA_CHANGE_WORDS,
  ACTA_CONFLICT_NOW_WORDS,
  ACTA_CONFLICT_WORDS,
  ACTA_STATE_WORDS,
} from '../src/core/model/acta-state-words.js';
import { authorityWords, inSentence, PERU_AUTHORITIES } from '../src/core/authority-words.js';
import { orderWords } from '../src/core/projection/replay-order.js';
import { JEE_REACH_WORDS } from '../src/results/leaders.js';
import type { Places } from './api-client.js';
import type { Lang } from './lang.js';

/** What a string interpolates: a name, a formatted number, a percentage. */
type Arg = string | number;

/** A count of one (1, or "1" formatted): its noun goes singular. */
const one = (n: Arg): boolean => String(n) === '1';
/** "1 mesa", "2 mesas": a count with its noun in the number it takes. */
const count = (n: Arg, singular: string, plural: string): string =>
  `${n} ${one(n) ? singular : plural}`;

/** The acta states' words as `state:<state>` keys: the CLI's table too (acta-state-words.ts). */
const stateWords = (lang: Lang) =>
  Object.fromEntries(
    Object.entries(ACTA_STATE_WORDS).map(([s, w]) => [`state:${s}`, w[lang]]),
  ) as Record<`state:${ActaState}`, string>;

/** A version's kind as `change:<kind>` keys: the CLI's table too (acta-state-words.ts). */
const changeWords = (lang: Lang) =>
  Object.fromEntries(
    Object.entries(ACTA_CHANGE_WORDS).map(([k, w]) => [`change:${k}`, w[lang]]),
  ) as Record<`change:${keyof typeof ACTA_CHANGE_WORDS}`, string>;

/** Why a conflict version was kept, as `conflict:<reason>` keys: the CLI's table too. */
const conflictWords = (lang: Lang) =>
  Object.fromEntries(
    Object.entries(ACTA_CONFLICT_WORDS).map(([k, w]) => [`conflict:${k}`, w[lang]]),
  ) as Record<`conflict:${keyof typeof ACTA_CONFLICT_WORDS}`, string>;

/**
 * The current acta's conflict badge by its latest conflict's reason, as `conflictNow:<reason>`
 * keys: the CLI's acta header too (ACTA_CONFLICT_NOW_WORDS).
 */
const conflictNowWords = (lang: Lang) =>
  Object.fromEntries(
    Object.entries(ACTA_CONFLICT_NOW_WORDS).map(([k, w]) => [
      `conflictNow:${k}`,
      `${lang === 'es' ? 'Conflicto' : 'Conflict'}: ${w[lang]}`,
    ]),
  ) as Record<`conflictNow:${keyof typeof ACTA_CONFLICT_NOW_WORDS}`, string>;

/** Peru's words for its bodies: a page's until its election's places say whose (authorityStrings). */
const PERU_ES = authorityWords('es', PERU_AUTHORITIES);
const PERU_EN = authorityWords('en', PERU_AUTHORITIES);

const ES = {
  projection: 'Proyección del resultado final (nacional)',
  projectionDisclaimer:
    'Estimación estadística de cifra a partir del conteo parcial: no es un resultado oficial.',
  projectionHistory: 'Cómo se movió la proyección durante el conteo (mediana e intervalo de 90 %).',
  projectionHistoryTitle: 'Evolución de la proyección',
  historyAxisX: '% de actas procesadas',
  historyAxisY: '% de votos válidos',
  historyTableCaption:
    'Puntos de la proyección: mediana e intervalo de 90 % de cada candidato (% de votos válidos), por % de actas contadas',
  historyDesc:
    'Eje horizontal: % de actas contadas; vertical: % de votos válidos. Cada línea es la mediana de un candidato (leyenda debajo); la franja, su intervalo de 90 %.',
  pageTitle: 'cifra — resultados electorales',
  projectionMeta: (p: { pct: string; sims: string; seed: number; method: string }) =>
    `Con ${p.pct} % de actas procesadas · ${p.sims} simulaciones · semilla ${p.seed} · método: ${p.method}`,
  /** The projection's % over the whole universe, when it holds units the source leaves out. */
  projectionMetaUniverse: (p: {
    pct: string;
    source: string;
    sims: string;
    seed: number;
    method: string;
  }) =>
    `Con ${p.pct} % de las actas de toda la elección, incluidas las unidades que la fuente no publica (la fuente: ${p.source} % de las que publica) · ${p.sims} simulaciones · semilla ${p.seed} · método: ${p.method}`,
  interval90: 'intervalo de 90 %',
  intervalAxis: (lo: Arg, hi: Arg) => `eje ampliado: de ${lo} % a ${hi} % (no empieza en 0)`,
  priorsTitle: 'Unidades proyectadas sin conteo propio',
  priorFromRound:
    'sin actas contadas, proyectada desde la vuelta anterior y ponderada por sus electores',
  priorFromParent:
    'sin actas contadas, proyectada desde las demás unidades y ponderada por sus electores',
  priorUnknown: 'proyectada sin conteo propio',
  priorAbsent: 'ausente del corte de la fuente',
  priorNoActas:
    'sin actas cargadas: sus mesas se proyectan como mesas por contar, con los electores del universo',
  absentActasNote: (n: Arg) =>
    `${one(n) ? '1 unidad sin actas cargadas: sus mesas se proyectan' : `${n} unidades sin actas cargadas: sus mesas se proyectan`} igual, con los electores del universo (lista abajo)`,
  absentNote: (n: Arg) =>
    `la fuente no trae ${one(n) ? '1 unidad: se proyecta' : `${n} unidades: se proyectan`} igual, desde la vuelta anterior o las demás unidades (lista abajo)`,
  runoffPairs: 'Probabilidad de pasar a segunda vuelta',
  outrightWin: 'Probabilidad de ganar en primera vuelta',
  winProbability: 'Probabilidad de ganar',
  projectedSeats: 'Escaños proyectados (mediana, 90 %)',
  seatsNotProjected: (why: 'unknown_district' | 'district_without_votes', names: string) =>
    why === 'unknown_district'
      ? `Escaños no proyectados: regiones sin circunscripción de ese nombre en las reglas: ${names}`
      : `Escaños no proyectados: circunscripciones de las reglas a las que no llega ninguna región del conteo: ${names}`,
  pValla: 'P(valla)',
  title: 'Resultados electorales',
  election: 'Elección',
  national: 'Resultado nacional',
  map: 'Mapa por departamento',
  mapHint: 'Color del candidato que lidera; clic o Enter para ver el detalle.',
  detail: 'Detalle',
  source: 'cifra: aritmética exacta; cada vista dice qué son sus cifras y de dónde vienen.',
  actasProcessed: 'Actas procesadas',
  /** A published release's share: the actas its source counted. */
  actasCounted: 'Actas contabilizadas',
  /** a published figure's % of actas: the source's word, not a count cifra made */
  actasBySource: 'Actas contabilizadas según la fuente',
  atJee: PERU_ES.atReview,
  pending: 'Pendientes',
  notLoaded: 'Actas aún sin cargar',
  remaining: 'Electores por contabilizar',
  /** a final count's electors out of it for good (ONPE 2021: 20 actas left EN PROCESO), never "to count" */
  remainingUnresolved: 'Electores de las actas sin resolver',
  snapshot: 'Corte',
  valid: 'Votos válidos',
  blank: 'Votos en blanco',
  null: 'Votos nulos',
  emitted: 'Votos emitidos',
  eligible: 'Electores hábiles',
  eligibleProcessed: 'Electores hábiles de las actas procesadas',
  participationProcessed: 'Participación en esas actas',
  participationOfProcessed: 'Participación en las actas procesadas',
  eligibleAll: 'Electores hábiles de todas las actas',
  participation: 'Participación',
  // «y» is «e» before an /i/ sound (RAE): «… e IDEAS»
  runoff: (a: Arg, b: Arg) =>
    `Segunda vuelta entre ${a} ${/^h?i(?![aeiouáéó])/i.test(String(b)) ? 'e' : 'y'} ${b}`,
  leadsProvisionally: 'Lidera provisionalmente (no es un resultado final)',
  winnerFirst: 'Gana en primera vuelta',
  winnerRunoff: 'Gana la segunda vuelta',
  tie: PERU_ES.tie,
  abroad: 'Extranjero',
  peru: 'Perú',
  departments: 'Departamentos y extranjero',
  provinces: 'Provincias',
  districts: 'Distritos',
  mesas: 'Mesas',
  candidate: 'Candidato',
  list: 'Lista',
  votes: 'Votos',
  pctValid: '% válidos',
  acta: 'Acta',
  state: 'Estado',
  version: 'Versión',
  history: 'Historial',
  quarantinedRows: 'Filas en cuarentena (no aplicadas)',
  quarantineRow: (file: Arg, row: Arg) => `fila ${row} de ${file}`,
  publishedAt: 'Publicado',
  auditHead: 'Cadena de auditoría',
  auditHeadPublished: 'Cadena de auditoría al publicar',
  auditEntry: 'registro',
  auditVerifiedThrough: 'verificada por el servidor hasta el registro',
  auditUnverified: 'sin verificar todavía',
  auditFailed: 'el servidor la comprobó y la historia no verifica',
  auditFailedHowTo:
    'No hay cabeza que anotar: las filas guardadas no coinciden con su registro (cifra audit verify dice dónde).',
  auditHowTo:
    'Anótela: cifra audit verify --since <hash> comprueba después que la historia solo creció.',
  wiStatic:
    'Los escenarios se recalculan en el servidor: esta copia estática (cifra publish) no los incluye. Consúltelos en el sitio en vivo o con cifra seats --election.',
  wiStaticAsked: (asked: Arg) =>
    `El escenario del enlace (${asked}) no se calcula aquí: los escaños mostrados son los de las reglas de la elección.`,
  ccStatic:
    'La verificación cruzada se calcula en el servidor: esta copia estática (cifra publish) no la incluye. Consúltela en el sitio en vivo o con cifra compare.',
  currentVersion: 'vigente',
  figuresDiffer: 'cifras distintas',
  actaNoFigures:
    'Sin cifras: esta acta aún no trae votos (tampoco en blanco, nulos ni impugnados).',
  actaNotInstalled: 'Mesa no instalada: aquí nadie votó, así que no hay votos (no son ceros).',
  actaAnnulled: (n: Arg) => `${PERU_ES.annulled(String(n))}.`,
  votesNotCounted: 'Votos (no contados)',
  actaOpenCounted:
    'Sus cifras ya están en los totales: la publicación de esta elección cuenta las cifras de un acta por contabilizar.',
  actaOpenNotCounted:
    'Sus cifras aún no están en los totales: cuentan cuando el acta se contabilice o se resuelva.',
  actaCcTitle: 'Esta acta en otras fuentes',
  actaCcAllDiffer: (n: Arg, ids: string, pub: string) =>
    `${n === 2 ? 'Las dos transcripciones independientes' : `Las ${n} transcripciones independientes`} (${ids}) difieren de las cifras de ${pub} en esta acta.`,
  actaCcSomeDiffer: (ids: string, pub: string) =>
    `La transcripción independiente ${ids} difiere de las cifras de ${pub} en esta acta.`,
  actaCcAgree: (n: Arg, ids: string, pub: string) =>
    `${ids}: ${one(n) ? 'coincide' : 'coinciden'} con el archivo de ${pub}.`,
  actaCcNotPublication: (v: Arg, pub: string) =>
    `Las cifras de arriba (versión ${v} de esta acta) no son las del archivo de ${pub}: este cotejo compara los archivos de las fuentes, no esa versión (vea sus versiones abajo).`,
  actaCcUnknown: (ids: string) => `${ids}: la verificación cruzada no respondió ahora.`,
  // s35 (watcher): a mesa a declared source's file does not hold, said by name, never "agree"
  actaCcInNone: (mesa: string, ids: string) =>
    `La mesa ${mesa} no está en ninguna de las fuentes declaradas (${ids}): este cotejo no puede confirmar sus cifras con ninguna de ellas.`,
  actaCcMissing: (n: Arg, mesa: string, ids: string) =>
    `La mesa ${mesa} no está en ${one(n) ? 'el archivo' : 'los archivos'} de ${ids}.`,
  // review s35: a row of the mesa that could not be read is there, not missing
  actaCcUnreadable: (n: Arg, mesa: string, ids: string) =>
    one(n)
      ? `La mesa ${mesa}: su fila en el archivo de ${ids} no se pudo leer.`
      : `La mesa ${mesa}: sus filas en los archivos de ${ids} no se pudieron leer.`,
  actaCcStatic:
    'Esta copia estática (cifra publish) no incluye el cotejo de esta acta con otras fuentes, que calcula el servidor: consúltelo en el sitio en vivo o con cifra compare.',
  actaCcSame: '= igual',
  actaCcVsPublication: 'distinto de la publicación',
  'role:publication': 'publicación oficial',
  'role:third-party': 'tercero',
  skipToSearch: 'Saltar al buscador',
  skipToResults: 'Saltar al resultado',
  vsCurrent: 'frente a la vigente',
  /** A version's time is when cifra imported it, not when ONPE received the acta. */
  recordedByCifra: 'registrada por cifra',
  /** A version's evidence (drill.ts evidenceLine): the CLI's words under `cifra acta`'s versions. */
  importWord: 'importación',
  fileSha: 'sha256 del archivo',
  figuresSha: 'sha256 de las cifras',
  /** Why an acta is at the JEE: the source's word follows, as given (never translated). */
  observationLabel: 'Observación',
  observationWord: 'observación',
  resolutionWord: 'resolución',
  recordedBy: 'registrada por',
  /** The votes held at the JEE beside the margin (drill.ts jeeLine): arithmetic, no prediction. */
  jeeVotes: (n: Arg) => `${count(n, 'voto', 'votos')} en actas observadas (JEE).`,
  jeeReachesMargin: JEE_REACH_WORDS.reaches.es as string,
  jeeShortOfMargin: JEE_REACH_WORDS.short.es as string,
  actaWarnings: 'Advertencias del acta',
  // s35 (watcher): each version's warnings in its history row
  versionWarnings: (n: Arg) => `${n} ${one(n) ? 'advertencia' : 'advertencias'}`,
  versionWarningsLabel: (v: Arg) => `Advertencias de la versión ${v}`,
  'projMethod:mesas': 'acta por acta',
  'projMethod:snapshot': 'desde los totales de un corte de la fuente',
  leads: 'lidera',
  leadHolds: 'su ventaja ya supera los votos por contar',
  mostVoted: 'con más votos',
  provisional: 'Resultados provisionales',
  rehearsal: (of: Arg, order: Arg, seed: Arg) =>
    `ENSAYO: repetición del conteo terminado ${of} (orden: ${order}, semilla ${seed}), no un conteo en vivo`,
  // a replay's order in words, not its id: the rehearsal labels' own (replay-order.ts)
  replayOrder: (order: string): string => orderWords(order, 'es'),
  conflict:
    'Conflicto: otra versión no fue aplicada (otras cifras, o un estado anterior al que tiene: el acta contada, o en el jurado, reportada de nuevo como pendiente, p. ej. por un archivo desfasado)',
  ...conflictNowWords('es'),
  seats: 'Escaños',
  seatsByDistrict: 'Escaños por circunscripción',
  party: 'Partido',
  passedValla: 'Pasó la valla',
  yes: 'sí',
  no: 'no',
  final: 'Resultado final',
  noActaCounts: '(la fuente no da conteo de actas)',
  computedByCifra: 'Calculado por cifra',
  thirdParty: 'Publicado por terceros',
  sourceLabel: 'Fuente',
  provenanceLabel: 'Procedencia',
  /** after a bundled PROVENANCE.md's path: where to open it */
  provenanceInRepo:
    '(en el repositorio de cifra: de dónde vienen estas cifras y cuánto fiarse de ellas)',
  provenanceBeside:
    '(junto al manifiesto de la elección: de dónde vienen estas cifras y cuánto fiarse de ellas)',
  proclamation: 'Proclamación',
  asOf: 'Al',
  blankAndNull: 'Blancos y nulos (la fuente solo los da juntos)',
  discrepancies: 'Cifras que las fuentes publican distinto (se muestran ambas)',
  reported: 'Resultado final publicado (referencia)',
  course: 'El conteo, actualización por actualización',
  courseHint: 'Ventaja del primero sobre el segundo en votos; sobre la línea lidera',
  courseLeadHint:
    'Ventaja en votos de quien lideraba cada actualización sobre el segundo, en el color de quien lideraba',
  courseLeadAxis: 'Ventaja de quien lidera sobre el segundo (votos)',
  // COURSE (session 34): the course's scale — the zero line, the unit once, the x axis's title
  courseTie: 'empate',
  courseUnit: 'ventaja en votos',
  courseAxisX: '% de actas contadas',
  // NIGHT (session 33): each end of a pair's course says that side's own largest lead
  courseMaxLead: (n: Arg) => `mayor ventaja: ${count(n, 'voto', 'votos')}`,
  leadChanges: (n: number) => (one(n) ? '1 cambio de liderazgo' : `${n} cambios de liderazgo`),
  leadChangeAt: (who: Arg, pct: Arg, when: Arg) =>
    `${who} pasa adelante con ${pct} % de actas, ${when}`,
  courseLast: (margin: Arg, pct: Arg) =>
    `última ventaja: ${count(margin, 'voto', 'votos')} con ${pct} % de actas`,
  /** A lead change's time: the source's cut of its import, else cifra's, else a capture's. */
  courseAtCut: (when: Arg) => `corte de la fuente: ${when}`,
  courseAtRecorded: (when: Arg) => `registrado por cifra: ${when}, sin corte de la fuente`,
  courseAtCapture: (when: Arg) => `captura: ${when}`,
  noMap: 'Esta fuente no tiene resultados por departamento.',
  pctBase: (base: Arg, national: Arg) =>
    `El % válido de esta tabla es sobre ${count(base, 'voto válido', 'votos válidos')}, la suma de todas las circunscripciones; el resultado nacional de arriba cuenta ${national}.`,
  pendingWithFigures: (n: Arg) => `${n} con cifras: ya incluidas en las procesadas`,
  moreChoices: (n: Arg, votes: Arg) =>
    one(n)
      ? `y 1 más, con ${count(votes, 'voto', 'votos')} (en el Detalle)`
      : `y ${n} más, con ${count(votes, 'voto', 'votos')} entre todos (cada uno en el Detalle)`,
  wholeDepartment: (dep: Arg) => `cifras de todo el departamento de ${dep}`,
  counted: 'de actas contabilizadas',
  /** A count of actas' % (processed: counted, resolved, annulled, not installed, or pending with figures the election counts; never at the JEE). */
  processed: 'de actas procesadas',
  seatsOfficial: 'Escaños publicados por la autoridad electoral',
  seatsThirdParty: 'Escaños publicados por terceros (no oficiales)',
  published: 'Publicado',
  seatsComputed: 'Escaños calculados por cifra con las reglas',
  fromVotes: 'a partir de',
  notOfficial: 'no es un resultado oficial',
  seatsCifra: 'cifra, con los votos disponibles',
  seatsReported: 'Composición reportada (terceros)',
  seatsProvisionalOn: (pct: Arg) => `provisional: reparto sobre el ${pct} % de actas`,
  seatsReportedOfficial: 'Composición oficial',
  votesCount: (n: Arg) => count(n, 'voto', 'votos'),
  of: 'de',
  circunscripciones: (n: Arg): string => (one(n) ? 'circunscripción' : 'circunscripciones'),
  /** The valla's seat condition: the seats a list got in the preliminary allocation, and the required. */
  belowSeats: (n: number, required: Arg) =>
    `${n} ${one(n) ? 'escaño' : 'escaños'} en la asignación preliminar; se exigen ${required}`,
  passes: 'pasa',
  /** The valla on a count still open: what the votes counted say, not a settled fact. */
  vallaSoFar: (words: Arg) => `por ahora, ${words}`,
  vallaSoFarTitle: 'según lo contado: los votos aún por contar pueden cambiarlo',
  valla: 'Valla',
  seatsCifraShort: 'cifra',
  seatsReportedOfficialShort: 'Oficial',
  seatsReportedThirdPartyShort: 'Terceros',
  difference: 'Dif.',
  otherLists: (n: Arg) =>
    one(n)
      ? '1 lista más, con menos de 1 % de los válidos y sin escaños'
      : `${n} listas más, con menos de 1 % de los válidos y sin escaños`,
  seatsByDistrictComputed: 'Escaños por circunscripción y lista (cálculo de cifra)',
  district: 'Circunscripción',
  whatIfTitle: '¿Y si las reglas fueran otras?',
  whatIfHint: 'Cambie la valla o el método: cifra recalcula los escaños con los mismos votos.',
  wiValla: 'Valla: % de votos válidos',
  wiComb: 'Combinación',
  wiAll: 'y (ambas)',
  wiAny: 'o (una basta)',
  wiMin: 'Escaños mínimos',
  wiMethod: 'Método',
  wiRun: 'Recalcular',
  wiReset: 'Reglas de la elección',
  whatIf: 'Con las reglas cambiadas',
  'method:dhondt': "D'Hondt (cifra repartidora)",
  'method:sainte-lague': 'Sainte-Laguë',
  'method:modified-sainte-lague': 'Sainte-Laguë modificado (1,4)',
  'method:hare': 'Hare (restos mayores)',
  'method:droop': 'Droop (restos mayores)',
  'method:imperiali': 'Imperiali (divisores)',
  'method:danish': 'Danés (divisores 1, 4, 7…)',
  'method:adams': 'Adams (divisores 0, 1, 2…)',
  'method:huntington-hill': 'Huntington-Hill (media geométrica)',
  'method:dean': 'Dean (media armónica)',
  'method:macau': 'Macao (divisores 1, 2, 4, 8…)',
  'method:hagenbach-bischoff': 'Hagenbach-Bischoff (restos mayores)',
  'method:imperiali-quota': 'Cuota Imperiali (restos mayores)',
  'method:hare-rounded': 'Hare redondeada (restos mayores)',
  'method:hagenbach-bischoff-ceil': 'Hagenbach-Bischoff por exceso (restos mayores)',
  'method:hagenbach-bischoff-rounded': 'Hagenbach-Bischoff redondeada (restos mayores)',
  'method:kieswet': 'Kieswet (Países Bajos)',
  shareLink: 'Enlace para compartir este escenario',
  computing: 'Calculando…',
  whatIfRefused: 'No se pudo calcular',
  whatIfDone: (l: Arg, d: Arg) =>
    `Cambian ${count(l, 'lista', 'listas')} y ${count(d, 'circunscripción', 'circunscripciones')} respecto de las reglas de la elección (mismos votos; cálculo de cifra, no oficial).`,
  seatsElectionRules: 'Reglas de la elección',
  enters: 'entra',
  leaves: 'sale',
  districtsChanged: (n: Arg) =>
    one(n) ? '1 circunscripción cambia' : `${n} circunscripciones cambian`,
  crossCheck: 'Verificación cruzada de actas',
  crossCheckHint:
    'Dos fuentes de las mismas actas, mesa por mesa: dónde difieren, por qué y cuánto cambia.',
  ccRun: 'Comparar',
  ccDepartment: 'Departamento',
  ccAll: 'todos',
  ccOnly: 'solo',
  ccPrev: 'Anteriores',
  ccNext: 'Siguientes',
  ccSameSource: 'Elija dos fuentes distintas.',
  ccUnknownElection:
    'El servidor no puede comparar las fuentes de esta elección: no la tiene entre las que tienen fuentes para cotejar.',
  ccRefused: 'El servidor no pudo comparar estas dos fuentes.',
  ccCounts: (c: Arg, a: Arg, d: Arg) =>
    `${count(c, 'mesa comparada', 'mesas comparadas')}: ${a} ${one(a) ? 'coincide' : 'coinciden'}, ${d} ${one(d) ? 'difiere' : 'difieren'}.`,
  ccNotCompared: 'Sin comparar (una fuente no lo trae)',
  ccReason: 'Motivo',
  ccPrimary: 'Como motivo principal',
  ccNet:
    'Efecto neto A − B en las cifras de las actas, sea cual sea su estado (repartido por motivo principal); «en los cómputos»: A − B de lo que cuenta cada fuente (un acta en revisión o por contabilizar no suma; una anulada, sus votos como nulos): la cifra que responde «¿cuánto más cuenta A?»',
  ccCounted: 'En los cómputos',
  ccCountedTitle: 'En los cómputos (A − B de lo que cuenta cada fuente)',
  total: 'Total',
  ccMesas: (a: Arg, b: Arg, n: Arg) =>
    one(n) ? 'La mesa que difiere' : `Mesas ${a}–${b} de las ${n} que difieren`,
  mesa: 'Mesa',
  ccEffect: 'Efecto A − B',
  voters: 'Votantes',
  impugned: 'Votos impugnados',
  'reason:missing_in_a': 'falta en A',
  'reason:missing_in_b': 'falta en B',
  // a file that holds the mesa in a row it could not read (session 36: these had no words)
  'reason:unreadable_in_a': 'fila ilegible en A',
  'reason:unreadable_in_b': 'fila ilegible en B',
  'reason:unreadable_in_both': 'filas ilegibles en A y en B',
  'reason:state_differs': 'estado distinto',
  'reason:count_differs': 'cifra distinta',
  'reason:count_missing': 'cifra ausente en una fuente',
  'reason:place_differs': 'ubigeo distinto',
  'reason:sum_mismatch_a': 'en A, la suma ≠ votantes',
  'reason:sum_mismatch_b': 'en B, la suma ≠ votantes',
  mapHintCirc:
    'Color de la lista más votada en cada circunscripción; clic o Enter para el detalle.',
  circunscripcionesTitle: 'Circunscripciones',
  langButton: 'EN',
  loading: 'Cargando los resultados…',
  langLabel: 'English',
  // The election night's words: the headline, freshness, search and the mesas' states.
  zoneTime: (city: string) => `hora de ${city}`,
  // how long ago (web/live.ts ago): spanText's units, the same as "Sin cambios desde hace 40 min"
  agoSpan: (span: Arg) => `hace ${span}`,
  /** A redraw that kept meeting newer data part-way (web/cut.ts): the figures shown stay. */
  cutMoving: 'Actualizando: llegaron datos nuevos mientras se cargaba',
  /** A redraw whose reads failed (web/cut.ts UNREAD): the figures shown stay, the poll retries. */
  cutUnread: 'Actualizando: el servidor no entregó todos los datos; se reintenta',
  noElections:
    'Aún no hay resultados cargados en este servidor. La página se actualiza sola cuando lleguen.',
  offline: (since: Arg) =>
    `Sin conexión con el servidor desde el ${since}: las cifras de abajo pueden no estar al día. La página reintenta sola.`,
  updated: 'Actualizado',
  sourceCut: 'Corte de la fuente',
  // freshness after a re-read (web/live.ts freshText): the source read since, nothing changed
  freshUnchanged: (span: Arg) => `Sin cambios desde hace ${span}`,
  freshUnderMinute: 'menos de 1 min',
  freshChecked: (ago: Arg) => `fuente revisada ${ago}`,
  freshCut: (time: Arg) => `corte ${time}`,
  // a rehearsal's cut (cifra replay): the replay cut its slices itself, never the authority
  rehearsalCut: 'Corte del ensayo (simulado por cifra)',
  courseAtRehearsalCut: (when: Arg) => `corte del ensayo: ${when}`,
  sourceLink: 'de dónde se descarga',
  leadsBy: (a: Arg, m: Arg, b: Arg) => `${a} lidera por ${count(m, 'voto', 'votos')} sobre ${b}`,
  noVotesYet: 'Aún no hay votos contados',
  tiedAt: (a: Arg, b: Arg, v: Arg) =>
    `Empate: ${a} y ${b} tienen ${count(v, 'voto', 'votos')} cada uno`,
  /** A first round: the race for the runoff's second place (the summary's runoffMargin). */
  secondPlaceBy: (b: Arg, m: Arg, c: Arg) =>
    `Por el 2.º lugar, ${b} supera a ${c} por ${count(m, 'voto', 'votos')}`,
  secondPlaceTied: (b: Arg, c: Arg) => `${b} y ${c} empatan en el 2.º lugar`,
  /** The actas of the source's units still to count, when it gives no votes remaining. */
  actasLeft: (pct: Arg, n: Arg) =>
    `Con ${pct} % de actas, ${one(n) ? 'queda' : 'quedan'} ${count(n, 'acta', 'actas')} por contar (la fuente no dice cuántos votos)`,
  /** The units the source lacks, from the election's universe: electors, never votes. */
  abroadAbsent: (names: Arg, actas: Arg, eligible: Arg) =>
    `Ese % es de las actas en el Perú: falta además el voto en el extranjero, que esta fuente no trae (${names}), con ${count(actas, 'acta', 'actas')} y ${count(eligible, 'elector hábil', 'electores hábiles')}.`,
  unitsAbsent: (names: Arg, actas: Arg, eligible: Arg) =>
    `Faltan además unidades que esta fuente no trae (${names}), con ${count(actas, 'acta', 'actas')} y ${count(eligible, 'elector hábil', 'electores hábiles')}.`,
  remainingVotes: (r: Arg, pct: Arg) =>
    `Con ${pct} % de actas, ${one(r) ? 'queda' : 'quedan'} hasta ${count(r, 'voto', 'votos')} por contar`,
  remainingImpugned: (n: Arg) =>
    `, ${count(n, 'voto impugnado', 'votos impugnados')} ante el JEE entre ellos`,
  /** s34 jee: a complete count held open by the impugned votes the JEE has yet to rule on. */
  completeImpugned: (n: Arg) =>
    `Todas las actas procesadas; ${count(n, 'voto impugnado espera', 'votos impugnados esperan')} la resolución del JEE`,
  /** s35 settle: a final count that leaves actas unresolved (their electors bound the outcome). */
  finalUnresolved: (n: Arg, electors: Arg) =>
    `Cómputo final con ${count(n, 'acta', 'actas')} sin resolver (${count(electors, 'elector', 'electores')})`,
  finalUnresolvedImpugned: (n: Arg) =>
    ` y ${count(n, 'voto impugnado', 'votos impugnados')} ante el JEE`,
  decidedUnresolved: (n: Arg, electors: Arg) =>
    `decidido: la ventaja supera a los electores de ${count(n, 'acta sin resolver', 'actas sin resolver')} (${electors})`,
  /** s36: a final count's unresolved actas and impugned votes at the JEE, both fewer than the lead. */
  decidedUnresolvedImpugned: (n: Arg, electors: Arg, impugned: Arg) =>
    `decidido: la ventaja supera a los electores de ${count(n, 'acta sin resolver', 'actas sin resolver')} (${electors}) y ${count(impugned, 'voto impugnado', 'votos impugnados')} ante el JEE, juntos`,
  /** s35: every acta in, the lead larger than the impugned votes still at the JEE. */
  decidedImpugned: (n: Arg) =>
    `decidido: ${count(n, 'voto impugnado', 'votos impugnados')} ante el JEE, menos que la ventaja`,
  remainingUnknown: (pct: Arg) =>
    `Con ${pct} % de actas según la fuente, que no dice cuántos votos quedan por contar`,
  remainingNoPct:
    'Estos datos no dicen cuántas actas ni cuántos votos faltan (ver el corte de la fuente)',
  notFinal: 'Aún no es un resultado: el conteo sigue.',
  /** The same of a source's past cut: what was true then (the page may show a later final elsewhere). */
  notFinalAtCut: 'No era un resultado: al corte, el conteo seguía.',
  pctWithoutAbroad:
    'Ese % es de las actas en el Perú: esta fuente no trae el voto en el extranjero, que también falta.',
  projWinner: (c: Arg, p: Arg) =>
    `Proyección de cifra (estimación): ${c} gana con probabilidad ${p}.`,
  projPair: (c: Arg, p: Arg) =>
    `Proyección de cifra (estimación): segunda vuelta más probable ${c}, probabilidad ${p}.`,
  // ODDS: no probability below the calibration's lowest checkpoint (docs/projection.md)
  oddsUncalibrated: (from: Arg, now: Arg) =>
    `Probabilidades desde el ${from} % de actas contabilizadas (ahora ${now} %): con menos, cifra no ha medido si aciertan.`,
  oddsOutsideRange: 'fuera del rango calibrado',
  oddsOutsideRangeTitle: (from: Arg) =>
    `Con menos del ${from} % de actas contabilizadas, cifra no ha medido si sus intervalos aciertan.`,
  // end ODDS
  decidedBeforeEnd: 'decidido: la ventaja supera todos los votos por contar',
  actasWord: 'actas',
  actasCount: (n: Arg) => count(n, 'acta', 'actas'),
  noneCounted: 'ninguna acta contada aún',
  marginWord: 'Ventaja del primero',
  filterMesas: 'Filtrar por número de mesa',
  mesaConflicts: 'con conflicto',
  mesaQuarantined: 'con filas en cuarentena',
  search: 'Buscar',
  searchLabel: 'Mesa, distrito, provincia, departamento o local de votación',
  /** The same, naming the jurisdiction's own place levels, finest first. */
  searchLabelOf: (levels: Arg) => `Mesa, ${levels} o local de votación`,
  searchPlaceholder: 'N.º de mesa o nombre',
  noMatch: 'Sin resultados',
  mesaNotFound: (m: Arg) => `Mesa ${m}: no existe en esta elección.`,
  mesaInvalid: (m: Arg) => `«${m}» no es un número de mesa de esta elección.`,
  electionUnknown: (id: Arg, shown: Arg) =>
    `Elección desconocida: «${id}» no está en este servidor; se muestra ${shown}.`,
  unitUnknown: (unit: Arg, shown: Arg) =>
    `Unidad desconocida: «${unit}» no está en esta elección; se muestra ${shown}.`,
  mesaNoMesas:
    'Esta fuente no da mesas: publica cifras agregadas por unidad, sin el acta de cada mesa.',
  pctActasProcessed: (p: Arg) => `${p} % de actas procesadas`,
  /** The search label without polling places (an election whose data name none). */
  searchLabelPlaces: (levels: Arg) => `Mesa, ${levels}`,
  pollingPlace: 'local de votación',
  pollingMesas: (n: Arg) => count(n, 'mesa', 'mesas'),
  /** A list of hits cut short: how many are listed of how many found. */
  searchCut: (shown: Arg, total: Arg) => `${shown} de ${total} resultados; afine la búsqueda`,
  /** The polling places not read yet: the search runs when they arrive. */
  searchLoading: 'Cargando los locales de votación…',
  searchUnread: 'No se pudieron leer los locales de votación.',
  /** A user's drill whose read failed (no answer, a server error): not a unit without data. */
  unitUnread: 'No se pudo leer esta unidad.',
  actaUnread: 'No se pudo leer esta acta.',
  retry: 'Reintentar',
  legend: 'Leyenda',
  mapShade:
    'más claro a más intenso: menor a mayor % de votos válidos del que lidera (desde 39 %, el tono pleno).',
  mapFewCounted: 'rayado: menos de la mitad de sus actas procesadas; su ventaja aún puede cambiar.',
  majority: 'mayoría',
  /** An unresolved tie: the lists tied for a seat no list holds yet, and where. */
  tieSeats: (parties: Arg, n: Arg, district: Arg) =>
    `Empate: ${parties} — ${one(n) ? 'escaño sin asignar' : `${n} escaños sin asignar`}${district ? ` (${district})` : ''}`,
  /** Seats no tie names (the chamber's size less the seats allocated). */
  seatsOpen: (n: Arg) => count(n, 'escaño sin asignar', 'escaños sin asignar'),
  /** Seats of a district where no list passed the valla (the core's `no_eligible_list`). */
  seatsNoList: (n: Arg) =>
    `${count(n, 'escaño sin asignar', 'escaños sin asignar')}: ninguna lista pasó la valla`,
  /** Seats of a district with no vote counted yet (the core's `not_counted`): they wait on the count. */
  seatsNotCounted: (n: Arg) =>
    `${count(n, 'escaño sin asignar', 'escaños sin asignar')}: aún no hay votos contados`,
  // seats the computation refused (result.issues, errors): said in words, never a table of 0 seats
  /** Before the issues of a computation that refused: its seats are none of the lists'. */
  seatsUncomputable: 'No se pueden calcular los escaños',
  /** Before the warnings of a computation that went through (a district with votes, no seats). */
  seatsWarning: 'Aviso sobre los escaños',
  /** A district with seats and no votes (the core's district_without_votes). */
  districtNoVotes: (district: Arg) => `${district} no tiene votos`,
  /** A district with votes and no seats (district_without_seats). */
  districtNoSeats: (district: Arg) => `${district} tiene votos pero no escaños`,
  // neutral on purpose: a district tie follows its ruleset's tie steps (a lot, or the authority),
  // a pool tie is never drawn by cifra, and a seat no list can take is no tie at all
  tieLot: 'aún sin decidir: no es un escaño de nadie',
  /** Where lists tie for seats of a national remainder pool (in no circunscripción). */
  remainderPool: 'resto nacional',
  /** A list's pooled seats whose circunscripción is tied: the list's, placed nowhere yet. */
  seatsUnplaced: (party: Arg, n: Arg, districts: Arg) =>
    `${party}: ${count(n, 'escaño del resto nacional aún sin circunscripción', 'escaños del resto nacional aún sin circunscripción')} (empatan ${districts}); ${one(n) ? 'es suyo' : 'son suyos'} igual`,
  /** A circunscripción tied for a list's pooled seat(s). */
  tiedForPooled: (party: Arg, n: Arg) =>
    `empata por ${count(n, 'escaño', 'escaños')} del resto de ${party}`,
  unallocatedShort: 'Sin asignar',
  marginShare: (p: Arg) => `la ventaja es el ${p} % de ellos`,
  departmentsOnly: 'Departamentos',
  abroadMissing:
    'Extranjero: esta fuente no trae el voto en el extranjero (no son cero votos: faltan).',
  ...stateWords('es'),
  ...changeWords('es'),
  ...conflictWords('es'),
  // The regional and municipal elections' view (web/erm.js).
  ermLink: 'Regionales y municipales',
  ermMapMayors: 'Alcaldes de las capitales de departamento por organización',
  ermMapKind: 'Mapa',
  ermNoCapital: 'sin concejo de capital en los datos',
  ermNoneLegend: 'Sin ganador en los datos (Lima Metropolitana no elige gobernador regional)',
  ermTie: (c: Arg) =>
    `Empate sin resolver entre ${c}: lo decide un sorteo (Ley 26864 art. 26), aún no hecho; cifra no elige.`,
  /** A council's tie drawn by cifra's seeded lot (`--seed`): not the JEE's sorteo. */
  ermTieSeeded: (c: Arg) =>
    `Empate entre ${c} sorteado por cifra con su semilla, no el sorteo oficial (Ley 26864 art. 26):`,
  ermNoSize: 'Tamaño del concejo desconocido en los datos: sin reparto de regidores.',
  ermNoVotes: 'Sin votos contados en los datos para este concejo.',
  ermNoListVote:
    'Ninguna lista tiene votos (todos los votos contados fueron en blanco o nulos): no hay lista más votada ni bonificación.',
  /** A council whose lists with votes the valla kept out (the core's `no_eligible_list`). */
  ermNoListPassed:
    'Ninguna lista puede obtener regidores (ninguna pasó la valla): ninguna encabeza el concejo ni recibe bonificación.',
  ermUnavailable:
    'Los documentos de esta vista (/api/v1/contests/…) no se cargaron: no están publicados en este sitio o el servidor no respondió.',
  ermBack: '← Elecciones generales',
  ermNational: 'El panorama nacional',
  ermShortName: 'Regionales y municipales',
  ermProvisional: 'Provisional',
  ermCut: 'corte',
  ermThirdParty: 'Captura de terceros de lo publicado por la ONPE',
  ermFinal: 'Final (según la fuente)',
  ermComputed: 'Calculado por cifra',
  ermType: 'Tipo',
  ermParties: 'Partidos nacionales',
  ermMovements: 'Movimientos regionales',
  ermInferred: 'inferido',
  ermInferredNote: 'Tipo inferido, no tomado de un registro',
  // ERM2 (review s33): a type not read from a registry carries the inferred mark, one organisation's
  // type in the singular; with a registry only its parties are read from it (core typeInferred)
  ermPartyOne: 'partido nacional',
  ermMovementOne: 'movimiento regional',
  ermRegistryNote:
    'Partidos según un registro; movimientos regionales inferidos (no hallados en el registro)',
  ermOrgs: 'Organizaciones',
  ermHeads: 'Gobernadores y alcaldes',
  ermSeats: 'Regidores',
  ermRunoffs: 'En segunda vuelta',
  ermOrg: 'Organización',
  'ermKind-governor': 'Gobernadores',
  'ermKind-provincial-council': 'Alcaldes provinciales',
  'ermKind-district-council': 'Alcaldes distritales',
  ermMap: 'Gobernadores regionales por organización',
  ermMapGov: 'Gobernadores',
  ermMapMay: 'Alcaldes de capitales',
  ermMapHint:
    'Color pleno: elegido. Color tenue: lidera, sin decidir. Rayado: irá a segunda vuelta (no ganado). Clic o Enter para ver sus concejos.',
  ermNoGovernor: 'sin gobierno regional',
  ermRunoff: 'segunda vuelta',
  ermRunoffLegend: 'Segunda vuelta (sin ganador aún)',
  ermOpen: 'sin decidir',
  /** The mayor of a council with no vote counted yet (`not_counted`), or no list may take a seat. */
  ermMayorNotCounted: 'aún no hay votos contados en este concejo',
  ermMayorNoList: 'ninguna lista puede obtenerlo (ninguna lista elegible)',
  ermRunoffsTitle: 'Segundas vueltas regionales',
  ermRunoffsHint:
    'Quiénes pasan, con su porcentaje de votos válidos en la primera elección; nadie llegó al 30 % (Ley 27683 art. 5). El conteo de la segunda vuelta se mostrará cuando esté en los datos.',
  ermRunoffsOf: (n: Arg, of: Arg) => `${count(n, 'región', 'regiones')} en segunda vuelta de ${of}`,
  ermRegion: 'Región',
  ermFirst: 'Primero',
  ermSecond: 'Segundo',
  ermMargin: 'Diferencia',
  ermPoints: 'pts.',
  ermSecondCount: 'Segunda elección (conteo)',
  ermSecondNone: 'sin conteo aún',
  ermElected: 'Electo',
  ermDecidedSecond: 'decidido en la segunda elección',
  ermNotSettled: 'sin ganador aún: la ventaja no supera los votos por contar',
  ermSecondTie: 'empate (lo resuelve el JNE)',
  ermDrill: 'Concejos por departamento',
  ermPickDep: 'Elija un departamento',
  ermDep: 'Departamento',
  ermSearch: 'Distrito o ubigeo',
  ermGovernor: 'Gobernador',
  ermVotes: 'Votos',
  ermNoBonus: 'Sin bonificación (¿y si no hubiera mayoría garantizada?)',
  ermByCifra: 'por cifra repartidora',
  ermWithMajority: 'con la mayoría',
  ermBonusNone: (p: Arg, n: Arg, total: Arg) =>
    `${p}: ${n} de ${total} por cifra repartidora, ya la mitad más uno o más: la bonificación no cambia nada`,
  ermNoBonusLine: (p: Arg, n: Arg) =>
    `Simulación sin la bonificación de la Ley 26864 art. 25: los ${n} regidores solo por cifra repartidora; la lista de ${p} sigue dando el alcalde. No es el resultado legal.`,
  ermElectedWord: 'Elegido',
  ermLeads: 'Lidera',
  ermLeadsLegend: 'lidera, sin decidir (color tenue)',
  ermLeading: 'Lidera, sin decidir',
  ermLeadingShort: 'Sin decidir',
  ermNotDecided:
    'sin decidir: los votos por contar aún podrían cambiarlo, o los datos no dicen cuántos faltan',
  'ermDecided-source-final': 'según la fuente: 100 % de actas contabilizadas',
  'ermDecided-mathematically':
    'decidido: ningún reparto de los votos aún por contar lo cambia (actas pendientes × 300 electores)',
  ermPairOpen: 'par sin decidir',
  ermMayor: 'Alcalde',
  belowShare: (rule: Arg) => `no alcanza la valla del ${rule}`,
  runoffBySourceRank: (rest: Arg, pct: Arg, second: Arg) =>
    `, según el orden de la fuente: ${rest} suman ${pct}, pero ninguno por separado supera a ${second}`,
  ermSeatsWon: 'Regidores asignados',
  ermSeatsWonTitle:
    'Regidores asignados: ningún voto por contar puede moverlos; «+N sin decidir»: según lo contado, pueden cambiar',
  ermSeatsNote: (won: Arg, open: Arg) =>
    `Regidores: ${won} asignados, ${open} según lo contado, pueden cambiar`,
  ermSeatsOpenShort: 'sin decidir',
  ermRunoffsOpen: (n: Arg) => `${count(n, 'par', 'pares')} sin decidir`,
  'ermSeatsStatus-source-final':
    'Regidores asignados: 100 % de actas contabilizadas según la fuente',
  'ermSeatsStatus-mathematically':
    'Regidores asignados: ningún reparto de los votos por contar mueve uno (actas pendientes × 300 electores)',
  'ermSeatsStatus-open':
    'Regidores según lo contado, sin decidir: los votos por contar pueden cambiarlos',
  ermSkip: 'Saltar al selector de elección',
  ermByTypeCaption: 'Organizaciones por tipo',
  ermOrgsCaption: 'Organizaciones con más cargos',
  ermSeatsCaption: 'Votos y regidores por organización',
  seatsStillOpen: (n: Arg) => count(n, 'escaño aún abierto', 'escaños aún abiertos'),
  seatsOpenWhy: 'según lo contado, sin decidir (contorno): los votos por contar pueden cambiarlos',
  skipMap: 'Saltar el mapa: ir al detalle',
  ermSkipMap: 'Saltar el mapa: ir a los concejos',
  // ERM seats no list holds yet (session 31: national.unassigned, a council's unallocatedReason)
  ermUnassignedLead: 'Sin asignar aún',
  ermUnassignedNone: 'ninguno',
  ermUnassignedLot: (n: Arg, c: Arg) =>
    `${count(n, 'espera', 'esperan')} un sorteo (${count(c, 'concejo', 'concejos')})`,
  ermUnassignedNotCounted: (n: Arg, c: Arg) =>
    `${n} sin votos contados aún (${count(c, 'concejo', 'concejos')})`,
  ermUnassignedNoList: (n: Arg, c: Arg) =>
    `${n} sin lista elegible (${count(c, 'concejo', 'concejos')})`,
  ermUnassignedUnknown: (c: Arg) =>
    `${count(c, 'concejo de tamaño desconocido', 'concejos de tamaño desconocido')}, fuera del total`,
  ermSeatsTotal: (n: Arg) => `${n} regidores en total`,
  ermSeatsWaitLot: (n: Arg) =>
    `Ninguna lista tiene regidores aún: los ${n} esperan el sorteo de la lista más votada (la bonificación por mayoría es de la lista que salga).`,
  ermSeatsWaitSomeLot: (n: Arg) =>
    `${count(n, 'regidor espera', 'regidores esperan')} un sorteo; los demás, según lo contado, pueden cambiar.`,
  ermSeatsWaitSomeLotDecided: (n: Arg) =>
    `${count(n, 'regidor espera', 'regidores esperan')} un sorteo; los demás están decididos.`,
  ermSeatsNoListVote:
    'Ninguna lista tiene regidores: ninguna tiene votos (todos los contados fueron en blanco o nulos; vea la nulidad).',
  ermSeatsNoListPassed: 'Ninguna lista tiene regidores: ninguna pasó la valla.',
  ermSeatsWaitCount: (n: Arg) =>
    `Ninguna lista tiene regidores aún: los ${n} esperan el conteo (sin votos contados).`,
  // CLAIMS (review s34): a published final beside a partial count is a reference, not this count
  reportedBesidePct: (pct: Arg) =>
    `Resultado final publicado, como referencia: el conteo aquí va en el ${pct} % de actas procesadas, así que sus cifras aún no son comparables con estas.`,
  reportedBesidePartial:
    'Resultado final publicado, como referencia: el conteo aquí aún no está completo, así que sus cifras aún no son comparables con estas.',
  // a governors-only ERM (2026): no council figures to show, said so rather than "0"
  ermHeadsGovernors: 'Gobernadores electos',
  ermSeatsNoData: 'Regidores: sin datos (los concejos de esta elección no están en los datos)',
  // DRILL (session 34): what the drill does not know — open seats, mesas not loaded yet
  drillSeatsOpen: (on: Arg) =>
    `según lo contado${on === '' ? '' : ` (${on})`}, sin decidir: los votos por contar pueden cambiarlos`,
  mesaNotLoaded: (m: Arg, left: Arg) =>
    `Mesa ${m}: aún no cargada (${one(left) ? 'queda 1 acta' : `quedan ${left} actas`} por cargar).`,
  mesaNotAmongLoaded: (m: Arg) =>
    `Mesa ${m}: no está entre las actas cargadas (el conteo no ha terminado).`,
  mesasLoadedOf: (n: Arg, of: Arg) => `${n} de ${count(of, 'mesa cargada', 'mesas cargadas')}`,
  mapByCirc: 'Mapa por circunscripción',
  // UNIVERSE (session 35): a mesa not found says what the election's list of actas allows
  mesaNotAmongNoList: (m: Arg, n: Arg) =>
    `Mesa ${m}: ${one(n) ? 'no es la única acta cargada' : `no está entre las ${n} actas cargadas`}; esta elección no trae la lista completa de mesas.`,
  mesaNotAmong: (m: Arg) => `Mesa ${m}: no está entre las actas cargadas.`,
  // MESA LIST (session 35): a mesa the election's list has, its acta not in the store
  mesaListedNotLoaded: (m: Arg) => `Mesa ${m}: aún no cargada.`,
  noUniverse: 'Total: las actas cargadas (esta elección no trae la lista completa de mesas)',
};

/** Every string of the interface; English must have each Spanish one, alike in form. */
export type Strings = typeof ES;

const EN: Strings = {
  projection: 'Projected final result (national)',
  projectionDisclaimer:
    'Statistical estimate by cifra from the partial count: not an official result.',
  projectionHistory: 'How the projection moved during the count (median and 90 % interval).',
  projectionHistoryTitle: 'How the projection moved',
  historyAxisX: '% of actas processed',
  historyAxisY: '% of valid votes',
  historyTableCaption:
    "The projection's points: each candidate's median and 90 % interval (% of valid votes), by % of actas counted",
  historyDesc:
    "Horizontal axis: % of actas counted; vertical: % of valid votes. Each line is a candidate's median (legend below); the band, its 90 % interval.",
  pageTitle: 'cifra — election results',
  projectionMeta: (p) =>
    `With ${p.pct} % of actas processed · ${p.sims} simulations · seed ${p.seed} · method: ${p.method}`,
  projectionMetaUniverse: (p) =>
    `With ${p.pct} % of the whole election's actas, including units the source does not publish (the source: ${p.source} % of those it publishes) · ${p.sims} simulations · seed ${p.seed} · method: ${p.method}`,
  interval90: '90 % interval',
  intervalAxis: (lo, hi) => `zoomed axis: from ${lo} % to ${hi} % (not from 0)`,
  priorsTitle: 'Units projected without a count of their own',
  priorFromRound:
    'no actas counted: projected from the previous round and weighted by its electors',
  priorFromParent:
    "no actas counted: projected from the other units' shares and weighted by its electors",
  priorUnknown: 'projected without a count of its own',
  priorAbsent: "missing from the source's snapshot",
  priorNoActas:
    "no actas loaded: its mesas are projected as mesas to count, with the universe's electors",
  absentActasNote: (n) =>
    `${one(n) ? '1 unit has no actas loaded: its mesas are projected' : `${n} units have no actas loaded: their mesas are projected`} all the same, with the universe's electors (listed below)`,
  absentNote: (n) =>
    `the source leaves out ${one(n) ? '1 unit' : `${n} units`}: projected all the same, from the previous round or the other units (listed below)`,
  runoffPairs: 'Probability of reaching the runoff',
  outrightWin: 'Probability of winning outright',
  winProbability: 'Probability of winning',
  projectedSeats: 'Projected seats (median, 90 %)',
  seatsNotProjected: (why: 'unknown_district' | 'district_without_votes', names: string) =>
    why === 'unknown_district'
      ? `Seats not projected: regions no district of the rules is named after: ${names}`
      : `Seats not projected: districts of the rules no region of the count reaches: ${names}`,
  pValla: 'P(threshold)',
  title: 'Election results',
  election: 'Election',
  national: 'National result',
  map: 'Map by department',
  mapHint: 'Coloured by the leading candidate; click or press Enter for the detail.',
  detail: 'Detail',
  source: 'cifra: exact arithmetic; every view says what its figures are and where they come from.',
  // the glossary's term, glossed where the strip first says it (an adopter read no meaning in it)
  actasProcessed: 'Actas (tally sheets) processed',
  actasCounted: 'Actas (tally sheets) counted',
  actasBySource: 'Actas (tally sheets) counted, as the source states',
  atJee: PERU_EN.atReview,
  pending: 'Pending',
  notLoaded: 'Actas not loaded yet',
  remaining: 'Electors still to count',
  remainingUnresolved: 'Electors of the unresolved actas',
  snapshot: 'Snapshot',
  valid: 'Valid votes',
  blank: 'Blank votes',
  null: 'Null votes',
  emitted: 'Votes cast',
  eligible: 'Eligible voters',
  eligibleProcessed: 'Eligible voters of the actas processed',
  participationProcessed: 'Turnout in those actas',
  participationOfProcessed: 'Turnout in the actas processed',
  eligibleAll: 'Eligible voters of all actas',
  participation: 'Turnout',
  runoff: (a, b) => `Runoff between ${a} and ${b}`,
  leadsProvisionally: 'Leads provisionally (not a final result)',
  winnerFirst: 'Wins in the first round',
  winnerRunoff: 'Wins the runoff',
  tie: PERU_EN.tie,
  abroad: 'Abroad',
  peru: 'Peru',
  departments: 'Departments and abroad',
  provinces: 'Provinces',
  districts: 'Districts',
  mesas: 'Mesas',
  candidate: 'Candidate',
  list: 'List',
  votes: 'Votes',
  pctValid: '% valid',
  acta: 'Acta',
  state: 'State',
  version: 'Version',
  history: 'History',
  quarantinedRows: 'Quarantined rows (not applied)',
  quarantineRow: (file, row) => `row ${row} of ${file}`,
  publishedAt: 'Published',
  auditHead: 'Audit chain',
  auditHeadPublished: 'Audit chain when published',
  auditEntry: 'entry',
  auditVerifiedThrough: 'verified by the server through entry',
  auditUnverified: 'not yet verified',
  auditFailed: 'the server checked it and the history does not verify',
  auditFailedHowTo:
    'No head to record: the stored rows do not match their log (cifra audit verify says where).',
  auditHowTo: 'Record it: cifra audit verify --since <hash> checks later that history only grew.',
  wiStatic:
    'Scenarios are recomputed by the server: this static copy (cifra publish) does not include them. See them on the live site or with cifra seats --election.',
  wiStaticAsked: (asked) =>
    `The link's scenario (${asked}) is not computed here: the seats shown are under the election's rules.`,
  ccStatic:
    'The cross-check is computed by the server: this static copy (cifra publish) does not include it. See it on the live site or with cifra compare.',
  currentVersion: 'current',
  figuresDiffer: 'different figures',
  actaNoFigures: 'No figures: this acta carries no votes yet (nor blank, null or impugned ones).',
  actaNotInstalled: 'Mesa not installed: nobody voted here, so there are no votes (not zeros).',
  actaAnnulled: (n) => `${PERU_EN.annulled(String(n))}.`,
  votesNotCounted: 'Votes (not counted)',
  actaOpenCounted:
    "Its figures are in the totals already: this election's publication counts a pending acta's figures.",
  actaOpenNotCounted:
    'Its figures are not in the totals yet: they count once the acta is counted or resolved.',
  actaCcTitle: 'This acta in other sources',
  actaCcAllDiffer: (n, ids, pub) =>
    `${n === 2 ? 'Both independent transcriptions' : `All ${n} independent transcriptions`} (${ids}) disagree with ${pub}'s figures on this acta.`,
  actaCcSomeDiffer: (ids, pub) =>
    `The independent transcription ${ids} disagrees with ${pub}'s figures on this acta.`,
  actaCcAgree: (n, ids, pub) => `${ids}: ${one(n) ? 'agrees' : 'agree'} with ${pub}'s file.`,
  actaCcNotPublication: (v, pub) =>
    `The figures above (version ${v} of this acta) are not those of ${pub}'s file: this cross-check compares the sources' files, not that version (see its versions below).`,
  actaCcUnknown: (ids) => `${ids}: the cross-check did not answer this time.`,
  actaCcInNone: (mesa, ids) =>
    `Mesa ${mesa} is in none of the declared sources (${ids}): this cross-check cannot confirm its figures against any of them.`,
  actaCcMissing: (n, mesa, ids) =>
    `Mesa ${mesa} is not in ${one(n) ? `${ids}'s file` : `the files of ${ids}`}.`,
  actaCcUnreadable: (n, mesa, ids) =>
    one(n)
      ? `Mesa ${mesa}: its row in ${ids}'s file could not be read.`
      : `Mesa ${mesa}: its rows in the files of ${ids} could not be read.`,
  actaCcStatic:
    "This static copy (cifra publish) does not include this acta's cross-check with other sources, which the server computes: see it on the live site or with cifra compare.",
  actaCcSame: '= same',
  actaCcVsPublication: 'differs from the publication',
  'role:publication': 'official publication',
  'role:third-party': 'third party',
  skipToSearch: 'Skip to search',
  skipToResults: 'Skip to the result',
  vsCurrent: 'vs. current',
  recordedByCifra: 'recorded by cifra',
  importWord: 'import',
  fileSha: 'file sha256',
  figuresSha: 'figures sha256',
  observationLabel: 'Observation',
  observationWord: 'observation',
  resolutionWord: 'resolution',
  recordedBy: 'recorded by',
  jeeVotes: (n) => `${count(n, 'vote', 'votes')} in actas at the JEE.`,
  jeeReachesMargin: JEE_REACH_WORDS.reaches.en,
  jeeShortOfMargin: JEE_REACH_WORDS.short.en,
  actaWarnings: "The acta's warnings",
  versionWarnings: (n) => `${n} ${one(n) ? 'warning' : 'warnings'}`,
  versionWarningsLabel: (v) => `Version ${v}'s warnings`,
  'projMethod:mesas': 'acta by acta',
  'projMethod:snapshot': "from the totals of a source's cut",
  leads: 'leads',
  leadHolds: 'the votes still out cannot overturn it',
  mostVoted: 'most votes',
  provisional: 'Provisional results',
  rehearsal: (of, order, seed) =>
    `REHEARSAL: a replay of the finished count ${of} (order: ${order}, seed ${seed}), not a live count`,
  replayOrder: (order) => orderWords(order, 'en'),
  conflict:
    'Conflict: another version was not applied (other figures, or an earlier state than the one it holds: the counted acta, or one at the court, reported pending again, e.g. by a stale file)',
  ...conflictNowWords('en'),
  seats: 'Seats',
  seatsByDistrict: 'Seats per district',
  party: 'Party',
  passedValla: 'Passed the threshold',
  yes: 'yes',
  no: 'no',
  final: 'Final result',
  noActaCounts: '(the source gives no acta counts)',
  computedByCifra: 'Computed by cifra',
  thirdParty: 'Published by a third party',
  sourceLabel: 'Source',
  provenanceBeside:
    "(beside the election's manifest: where these figures come from and how far to trust them)",
  provenanceInRepo:
    "(in cifra's repository: where these figures come from and how far to trust them)",
  provenanceLabel: 'Provenance',
  proclamation: 'Proclamation',
  asOf: 'As of',
  blankAndNull: 'Blank and null (the source gives them only together)',
  discrepancies: 'Figures the sources publish differently (both shown)',
  reported: 'Published final result (reference)',
  course: 'The count, update by update',
  courseHint: 'Lead of the first over the second in votes; above the line it leads',
  courseLeadHint:
    "Lead in votes of each update's leader over the runner-up, in the colour of who led",
  courseLeadAxis: "Leader's lead over the runner-up (votes)",
  // COURSE (session 34)
  courseTie: 'tie',
  courseUnit: 'lead in votes',
  courseAxisX: '% of actas counted',
  // NIGHT (session 33)
  courseMaxLead: (n) => `largest lead: ${count(n, 'vote', 'votes')}`,
  leadChanges: (n) => (one(n) ? '1 lead change' : `${n} lead changes`),
  leadChangeAt: (who, pct, when) => `${who} takes the lead at ${pct} % of actas, ${when}`,
  courseLast: (margin, pct) => `last lead: ${count(margin, 'vote', 'votes')} at ${pct} % of actas`,
  courseAtCut: (when) => `source's cut: ${when}`,
  courseAtRecorded: (when) => `recorded by cifra: ${when}, no source's cut given`,
  courseAtCapture: (when) => `captured: ${when}`,
  noMap: 'This source has no results by department.',
  pctBase: (base, national) =>
    `This table's % valid is over ${count(base, 'valid vote', 'valid votes')}, the sum of every electoral district; the national result above counts ${national}.`,
  pendingWithFigures: (n) => `${n} with figures: already among the processed`,
  moreChoices: (n, votes) =>
    one(n)
      ? `and 1 more, with ${count(votes, 'vote', 'votes')} (in the Detail)`
      : `and ${n} more, with ${count(votes, 'vote', 'votes')} between them (each in the Detail)`,
  wholeDepartment: (dep) => `figures for the whole department of ${dep}`,
  counted: 'of actas counted',
  processed: 'of actas processed',
  seatsOfficial: 'Seats published by the electoral authority',
  seatsThirdParty: 'Seats published by a third party (not official)',
  published: 'Published',
  seatsComputed: 'Seats computed by cifra with the ruleset',
  fromVotes: 'from',
  notOfficial: 'not an official result',
  seatsCifra: 'cifra, from the votes available',
  seatsReported: 'Reported composition (third party)',
  seatsProvisionalOn: (pct) => `provisional: allocated on ${pct} % of actas`,
  seatsReportedOfficial: 'Official composition',
  votesCount: (n) => count(n, 'vote', 'votes'),
  of: 'of',
  circunscripciones: (n) => (one(n) ? 'district' : 'districts'),
  belowSeats: (n, required) =>
    `${n} ${one(n) ? 'seat' : 'seats'} in the preliminary allocation; ${required} required`,
  passes: 'passes',
  vallaSoFar: (words) => `so far, ${words}`,
  vallaSoFarTitle: 'on the votes counted: the votes still to count can change it',
  valla: 'Threshold',
  seatsCifraShort: 'cifra',
  seatsReportedOfficialShort: 'Official',
  seatsReportedThirdPartyShort: 'Third party',
  difference: 'Diff.',
  otherLists: (n) =>
    one(n)
      ? '1 more list, under 1 % of valid votes and without seats'
      : `${n} more lists, each under 1 % of valid votes and without seats`,
  seatsByDistrictComputed: "Seats per district and list (cifra's computation)",
  district: 'District',
  whatIfTitle: 'What if the rules were different?',
  whatIfHint: 'Change the threshold or the method: cifra recomputes the seats from the same votes.',
  wiValla: 'Threshold: % of valid votes',
  wiComb: 'Combination',
  wiAll: 'and (both)',
  wiAny: 'or (either)',
  wiMin: 'Minimum seats',
  wiMethod: 'Method',
  wiRun: 'Recompute',
  wiReset: "The election's rules",
  whatIf: 'With the changed rules',
  'method:dhondt': "D'Hondt",
  'method:sainte-lague': 'Sainte-Laguë',
  'method:modified-sainte-lague': 'Modified Sainte-Laguë (1.4)',
  'method:hare': 'Hare (largest remainders)',
  'method:droop': 'Droop (largest remainders)',
  'method:imperiali': 'Imperiali (divisors)',
  'method:danish': 'Danish (divisors 1, 4, 7…)',
  'method:adams': 'Adams (divisors 0, 1, 2…)',
  'method:huntington-hill': 'Huntington-Hill (geometric mean)',
  'method:dean': 'Dean (harmonic mean)',
  'method:macau': 'Macau (divisors 1, 2, 4, 8…)',
  'method:hagenbach-bischoff': 'Hagenbach-Bischoff (largest remainders)',
  'method:imperiali-quota': 'Imperiali quota (largest remainders)',
  'method:hare-rounded': 'Hare, rounded (largest remainders)',
  'method:hagenbach-bischoff-ceil': 'Hagenbach-Bischoff, rounded up (largest remainders)',
  'method:hagenbach-bischoff-rounded': 'Hagenbach-Bischoff, rounded (largest remainders)',
  'method:kieswet': 'Kieswet (the Netherlands)',
  shareLink: 'Link to share this scenario',
  computing: 'Computing…',
  whatIfRefused: 'Could not compute',
  whatIfDone: (l, d) =>
    `${count(l, 'list', 'lists')} and ${count(d, 'district', 'districts')} change from the election's rules (same votes; computed by cifra, not official).`,
  seatsElectionRules: "Election's rules",
  enters: 'enters',
  leaves: 'leaves',
  districtsChanged: (n) => (one(n) ? '1 district changes' : `${n} districts change`),
  crossCheck: 'Cross-check of the actas',
  crossCheckHint:
    'Two sources of the same actas, mesa by mesa: where they differ, why, and by how much.',
  ccRun: 'Compare',
  ccDepartment: 'Department',
  ccAll: 'all',
  ccOnly: 'only',
  ccPrev: 'Previous',
  ccNext: 'Next',
  ccSameSource: 'Choose two different sources.',
  ccUnknownElection:
    'The server cannot compare the sources of this election: it is not among those with sources to cross-check.',
  ccRefused: 'The server could not compare these two sources.',
  ccCounts: (c, a, d) =>
    `${count(c, 'mesa', 'mesas')} compared: ${a} ${one(a) ? 'agrees' : 'agree'}, ${d} ${one(d) ? 'differs' : 'differ'}.`,
  ccNotCompared: 'Not compared (one source lacks it)',
  ccReason: 'Reason',
  ccPrimary: 'As primary reason',
  ccNet:
    'Net effect A − B on the actas\' figures, whatever their state (booked by primary reason); "in the counts": A − B of what each source counts (an acta under review or pending adds nothing; an annulled one, its votes as null): the figure that answers "how much more does A count?"',
  ccCounted: 'In the counts',
  ccCountedTitle: 'In the counts (A − B of what each source counts)',
  total: 'Total',
  ccMesas: (a, b, n) =>
    one(n) ? 'The mesa that differs' : `Mesas ${a}–${b} of the ${n} that differ`,
  mesa: 'Mesa',
  ccEffect: 'Effect A − B',
  voters: 'Voters',
  impugned: 'Impugned votes',
  'reason:missing_in_a': 'missing in A',
  'reason:missing_in_b': 'missing in B',
  // a file that holds the mesa in a row it could not read (session 36: these had no words)
  'reason:unreadable_in_a': 'unreadable row in A',
  'reason:unreadable_in_b': 'unreadable row in B',
  'reason:unreadable_in_both': 'unreadable rows in A and in B',
  'reason:state_differs': 'state differs',
  'reason:count_differs': 'a figure differs',
  'reason:count_missing': 'a figure missing in one source',
  'reason:place_differs': 'place differs',
  'reason:sum_mismatch_a': 'in A, the sum ≠ voters',
  'reason:sum_mismatch_b': 'in B, the sum ≠ voters',
  mapHintCirc:
    'Coloured by the list with most votes in each district; click or Enter for the detail.',
  circunscripcionesTitle: 'Electoral districts',
  langButton: 'ES',
  loading: 'Loading the results…',
  langLabel: 'Español',
  zoneTime: (city: string) => `${city} time`,
  agoSpan: (span) => `${span} ago`,
  cutMoving: 'Updating: new data arrived while loading',
  cutUnread: 'Updating: the server did not deliver all the data; trying again',
  noElections:
    'No results are loaded on this server yet. The page updates itself when they arrive.',
  offline: (since) =>
    `No connection to the server since ${since}: the figures below may be out of date. The page keeps retrying.`,
  updated: 'Updated',
  sourceCut: "Source's cut",
  freshUnchanged: (span) => `No change for ${span}`,
  freshUnderMinute: 'less than 1 min',
  freshChecked: (ago) => `source checked ${ago}`,
  freshCut: (time) => `cut ${time}`,
  rehearsalCut: "Rehearsal's cut (simulated by cifra)",
  courseAtRehearsalCut: (when) => `rehearsal's cut: ${when}`,
  sourceLink: 'where to download it',
  leadsBy: (a, m, b) => `${a} leads ${b} by ${count(m, 'vote', 'votes')}`,
  noVotesYet: 'No votes counted yet',
  tiedAt: (a, b, v) => `Tied: ${a} and ${b} have ${count(v, 'vote', 'votes')} each`,
  secondPlaceBy: (b, m, c) => `For second place, ${b} leads ${c} by ${count(m, 'vote', 'votes')}`,
  secondPlaceTied: (b, c) => `${b} and ${c} are tied for second place`,
  actasLeft: (pct, n) =>
    `With ${pct} % of actas in, ${count(n, 'acta is', 'actas are')} still to count (the source does not say how many votes)`,
  abroadAbsent: (names, actas, eligible) =>
    `That % is of the actas in Peru: the vote abroad, which this source lacks, is also still out (${names}), with ${count(actas, 'acta', 'actas')} and ${count(eligible, 'eligible voter', 'eligible voters')}.`,
  unitsAbsent: (names, actas, eligible) =>
    `Also still out, units this source lacks (${names}), with ${count(actas, 'acta', 'actas')} and ${count(eligible, 'eligible voter', 'eligible voters')}.`,
  remainingVotes: (r, pct) =>
    `With ${pct} % of actas in, up to ${count(r, 'vote is', 'votes are')} still to count`,
  remainingImpugned: (n) =>
    `, ${count(n, 'impugned vote', 'impugned votes')} before the JEE among them`,
  completeImpugned: (n) =>
    `Every acta processed; ${count(n, 'impugned vote awaits', 'impugned votes await')} the JEE's ruling`,
  finalUnresolved: (n, electors) =>
    `Final count with ${count(n, 'acta', 'actas')} unresolved (${count(electors, 'elector', 'electors')})`,
  finalUnresolvedImpugned: (n) =>
    ` and ${count(n, 'impugned vote', 'impugned votes')} before the JEE`,
  decidedUnresolved: (n, electors) =>
    `decided: the lead is larger than the electors of ${count(n, 'unresolved acta', 'unresolved actas')} (${electors})`,
  decidedUnresolvedImpugned: (n, electors, impugned) =>
    `decided: the lead is larger than the electors of ${count(n, 'unresolved acta', 'unresolved actas')} (${electors}) and ${count(impugned, 'impugned vote', 'impugned votes')} at the JEE together`,
  decidedImpugned: (n) =>
    `decided: ${count(n, 'impugned vote', 'impugned votes')} at the JEE, fewer than the lead`,
  remainingUnknown: (pct) =>
    `With ${pct} % of actas in, as the source states; it does not say how many votes are still to count`,
  remainingNoPct:
    "These data do not say how many actas or votes are still out (see the source's cut)",
  notFinal: 'Not a result yet: the count goes on.',
  notFinalAtCut: 'Not a result: at the cut the count was under way.',
  pctWithoutAbroad:
    'That % is of the actas in Peru: this source lacks the vote abroad, which is also still out.',
  projWinner: (c, p) => `cifra's projection (an estimate): ${c} wins with probability ${p}.`,
  projPair: (c, p) => `cifra's projection (an estimate): likeliest runoff ${c}, probability ${p}.`,
  // ODDS: no probability below the calibration's lowest checkpoint (docs/projection.md)
  oddsUncalibrated: (from, now) =>
    `Odds from ${from} % of actas counted (now ${now} %): with fewer, cifra has not measured whether they hold.`,
  oddsOutsideRange: 'outside the calibrated range',
  oddsOutsideRangeTitle: (from) =>
    `With fewer than ${from} % of actas counted, cifra has not measured whether its intervals hold.`,
  // end ODDS
  decidedBeforeEnd: 'decided: the lead is larger than every vote still to count',
  actasWord: 'actas',
  actasCount: (n) => count(n, 'acta', 'actas'),
  noneCounted: 'no acta counted yet',
  marginWord: "Leader's margin",
  filterMesas: 'Filter by mesa number',
  mesaConflicts: 'with a conflict',
  mesaQuarantined: 'with quarantined rows',
  search: 'Search',
  searchLabel: 'Mesa, district, province, department or polling place',
  searchLabelOf: (levels: Arg) => `Mesa, ${levels} or polling place`,
  searchPlaceholder: 'Mesa (polling table) number or name',
  noMatch: 'No match',
  mesaNotFound: (m) => `Mesa ${m}: there is no such mesa in this election.`,
  mesaInvalid: (m) => `“${m}” is not a mesa number of this election.`,
  electionUnknown: (id, shown) =>
    `Unknown election: “${id}” is not on this server; showing ${shown}.`,
  unitUnknown: (unit, shown) =>
    `Unknown unit: “${unit}” is not in this election; showing ${shown}.`,
  mesaNoMesas:
    "This source gives no mesas: it publishes figures per unit, without each mesa's acta.",
  pctActasProcessed: (p) => `${p} % of actas processed`,
  searchLabelPlaces: (levels) => `Mesa, ${levels}`,
  pollingPlace: 'polling place',
  pollingMesas: (n) => count(n, 'mesa', 'mesas'),
  searchCut: (shown, total) => `${shown} of ${total} results; refine your search`,
  searchLoading: 'Loading the polling places…',
  searchUnread: 'Could not read the polling places.',
  unitUnread: 'Could not read this unit.',
  actaUnread: 'Could not read this acta.',
  retry: 'Retry',
  legend: 'Legend',
  mapShade:
    "lighter to stronger: a smaller to larger leader's % of valid votes (full shade from 39 %).",
  mapFewCounted: 'hatched: fewer than half of its actas processed; its lead may still change.',
  majority: 'majority',
  tieSeats: (parties, n, district) =>
    `Tie: ${parties} — ${one(n) ? 'seat not allocated' : `${n} seats not allocated`}${district ? ` (${district})` : ''}`,
  seatsOpen: (n) => count(n, 'seat not allocated', 'seats not allocated'),
  seatsNoList: (n) =>
    `${count(n, 'seat not allocated', 'seats not allocated')}: no list passed the valla`,
  seatsNotCounted: (n) =>
    `${count(n, 'seat not allocated', 'seats not allocated')}: no vote counted yet`,
  seatsUncomputable: "Seats can't be computed",
  seatsWarning: 'About the seats',
  districtNoVotes: (district) => `${district} has no votes`,
  districtNoSeats: (district) => `${district} has votes but no seats`,
  tieLot: "not decided yet: it is no one's seat",
  remainderPool: 'national remainder pool',
  seatsUnplaced: (party, n, districts) =>
    `${party}: ${count(n, 'pooled seat in no electoral district yet', 'pooled seats in no electoral district yet')} (${districts} tie); ${one(n) ? 'its seat' : 'its seats'} all the same`,
  tiedForPooled: (party, n) => `tied for ${count(n, 'pooled seat', 'pooled seats')} of ${party}`,
  unallocatedShort: 'Not allocated',
  marginShare: (p) => `the lead is ${p} % of them`,
  departmentsOnly: 'Departments',
  abroadMissing: 'Abroad: this source lacks the vote abroad (not zero votes: missing).',
  ...stateWords('en'),
  ...changeWords('en'),
  ...conflictWords('en'),
  ermLink: 'Regional and municipal',
  ermMapMayors: "Department capitals' mayors by organisation",
  ermMapKind: 'Map',
  ermNoCapital: "no capital's council in the data",
  ermNoneLegend: 'No winner in the data (Lima Metropolitana elects no regional governor)',
  ermTie: (c) =>
    `An unresolved tie between ${c}: a draw of lots decides it (Ley 26864 art. 26), not yet held; cifra does not choose.`,
  ermTieSeeded: (c) =>
    `A tie between ${c} drawn by cifra's seeded lot, not the official sorteo (Ley 26864 art. 26):`,
  ermNoSize: "The council's size is unknown in the data: no regidores allocated.",
  ermNoVotes: 'No votes counted in the data for this council.',
  ermNoListVote:
    'No list has a vote (every vote counted was blank or null): no most-voted list, no bonus.',
  ermNoListPassed:
    'No list may take a seat (none passed the valla): none heads the council or takes the bonus.',
  ermUnavailable:
    "This view's documents (/api/v1/contests/…) did not load: they are not published on this site or the server did not answer.",
  ermBack: '← General elections',
  ermNational: 'The national picture',
  ermShortName: 'Regional and municipal elections',
  ermProvisional: 'Provisional',
  ermCut: 'cut',
  ermThirdParty: "A third party's capture of what ONPE published",
  ermFinal: 'Final (as the source gives it)',
  ermComputed: 'Computed by cifra',
  ermType: 'Type',
  ermParties: 'National parties',
  ermMovements: 'Regional movements',
  ermInferred: 'inferred',
  ermInferredNote: 'Type inferred, not taken from a registry',
  // ERM2 (review s33)
  ermPartyOne: 'national party',
  ermMovementOne: 'regional movement',
  ermRegistryNote:
    'Parties from a registry; regional movements inferred (not found in the registry)',
  ermOrgs: 'Organisations',
  ermHeads: 'Governors and mayors',
  ermSeats: 'Councillors',
  ermRunoffs: 'In a runoff',
  ermOrg: 'Organisation',
  'ermKind-governor': 'Governors',
  'ermKind-provincial-council': 'Provincial mayors',
  'ermKind-district-council': 'District mayors',
  ermMap: 'Regional governors by organisation',
  ermMapGov: 'Governors',
  ermMapMay: "Capitals' mayors",
  ermMapHint:
    'Full colour: elected. Pale colour: leads, not decided. Hatched: going to a runoff (not won). Click or Enter for its councils.',
  ermNoGovernor: 'no regional government',
  ermRunoff: 'runoff',
  ermRunoffLegend: 'Runoff (no winner yet)',
  ermOpen: 'not decided',
  ermMayorNotCounted: 'no vote counted in this council yet',
  ermMayorNoList: 'no list may take it (no eligible list)',
  ermRunoffsTitle: 'Regional runoffs',
  ermRunoffsHint:
    "Who goes through, with their share of valid votes in the first round; nobody reached 30 % (Ley 27683 art. 5). The runoff's count will be shown when it is in the data.",
  ermRunoffsOf: (n, of) => `${count(n, 'region', 'regions')} in a runoff of ${of}`,
  ermRegion: 'Region',
  ermFirst: 'First',
  ermSecond: 'Second',
  ermMargin: 'Margin',
  ermPoints: 'pts',
  ermSecondCount: 'Second round (count)',
  ermSecondNone: 'not counted yet',
  ermElected: 'Elected',
  ermDecidedSecond: 'decided in the second round',
  ermNotSettled: 'no winner yet: the lead does not exceed the votes still out',
  ermSecondTie: 'tie (for the JNE to resolve)',
  ermDrill: 'Councils by department',
  ermPickDep: 'Pick a department',
  ermDep: 'Department',
  ermSearch: 'District or ubigeo',
  ermGovernor: 'Governor',
  ermVotes: 'Votes',
  ermNoBonus: 'Without the bonus (what if no majority were guaranteed?)',
  ermByCifra: 'by cifra repartidora',
  ermWithMajority: 'with the majority',
  ermBonusNone: (p, n, total) =>
    `${p}: ${n} of ${total} by cifra repartidora, already half plus one or more: the bonus changes nothing`,
  ermNoBonusLine: (p, n) =>
    `A what-if without Ley 26864 art. 25's bonus: the ${n} councillors by cifra repartidora alone; ${p}'s list still gives the mayor. Not the legal result.`,
  ermElectedWord: 'Elected',
  ermLeads: 'Leads',
  ermLeadsLegend: 'leads, not decided (pale colour)',
  ermLeading: 'Leading, not decided',
  ermLeadingShort: 'Undecided',
  ermNotDecided:
    'not decided: the votes still to count could change it, or the data do not say how many remain',
  'ermDecided-source-final': 'by the source: 100 % of actas counted',
  'ermDecided-mathematically':
    'decided: no split of the votes still to count changes it (actas out × 300 electors)',
  ermPairOpen: 'pair not decided',
  ermMayor: 'Mayor',
  belowShare: (rule) => `below the ${rule} threshold`,
  runoffBySourceRank: (rest, pct, second) =>
    `, by the source's ranking: ${rest} total ${pct}, but none of them alone tops ${second}`,
  ermSeatsWon: 'Councillors decided',
  ermSeatsWonTitle:
    'Councillors decided: no vote still to count can move them; +N undecided: on the votes counted, can change',
  ermSeatsNote: (won, open) =>
    `Councillors: ${won} decided, ${open} on the votes counted, can change`,
  ermSeatsOpenShort: 'undecided',
  ermRunoffsOpen: (n) => `${count(n, 'pair', 'pairs')} not decided`,
  'ermSeatsStatus-source-final': 'Councillors decided: 100 % of actas counted by the source',
  'ermSeatsStatus-mathematically':
    'Councillors decided: no split of the votes still to count moves one (actas out × 300 electors)',
  'ermSeatsStatus-open':
    'Councillors on the votes counted, not decided: the votes still to count can change them',
  ermSkip: 'Skip to the election selector',
  ermByTypeCaption: 'Organisations by type',
  ermOrgsCaption: 'Organisations with the most offices',
  ermSeatsCaption: 'Votes and councillors by organisation',
  seatsStillOpen: (n) => count(n, 'seat still open', 'seats still open'),
  seatsOpenWhy:
    'on the votes counted, not decided (outlined): the votes still to count can change them',
  skipMap: 'Skip the map: go to the detail',
  ermSkipMap: 'Skip the map: go to the councils',
  // ERM seats no list holds yet (session 31: national.unassigned, a council's unallocatedReason)
  ermUnassignedLead: 'Not assigned yet',
  ermUnassignedNone: 'none',
  ermUnassignedLot: (n, c) => `${n} waiting on a lot (${count(c, 'council', 'councils')})`,
  ermUnassignedNotCounted: (n, c) =>
    `${n} with no vote counted yet (${count(c, 'council', 'councils')})`,
  ermUnassignedNoList: (n, c) => `${n} with no eligible list (${count(c, 'council', 'councils')})`,
  ermUnassignedUnknown: (c) =>
    `${count(c, 'council of unknown size', 'councils of unknown size')}, not in the total`,
  ermSeatsTotal: (n) => `${n} councillors in all`,
  ermSeatsWaitLot: (n) =>
    `No list has councillors yet: all ${n} wait on the lot for the most-voted list (the majority bonus goes to the list it names).`,
  ermSeatsWaitSomeLot: (n) =>
    `${count(n, 'councillor waits', 'councillors wait')} on a lot; the others, on the votes counted, can change.`,
  ermSeatsWaitSomeLotDecided: (n) =>
    `${count(n, 'councillor waits', 'councillors wait')} on a lot; the others are decided.`,
  ermSeatsNoListVote:
    'No list has councillors: none has a vote (every vote counted was blank or null; see the nullity).',
  ermSeatsNoListPassed: 'No list has councillors: none passed the valla.',
  ermSeatsWaitCount: (n) =>
    `No list has councillors yet: all ${n} wait on the count (no vote counted).`,
  // CLAIMS (review s34)
  reportedBesidePct: (pct) =>
    `The published final result, as a reference: the count here is at ${pct} % of actas processed, so its figures are not yet comparable with these.`,
  reportedBesidePartial:
    'The published final result, as a reference: the count here is not complete yet, so its figures are not yet comparable with these.',
  ermHeadsGovernors: 'Governors elected',
  ermSeatsNoData: "Councillors: no data (this election's councils are not in the data)",
  // DRILL (session 34)
  drillSeatsOpen: (on) =>
    `on the votes counted${on === '' ? '' : ` (${on})`}, not decided: the votes still to count can change them`,
  mesaNotLoaded: (m, left) =>
    `Mesa ${m}: not loaded yet (${count(left, 'acta', 'actas')} still to load).`,
  mesaNotAmongLoaded: (m) => `Mesa ${m}: not among the actas loaded (the count is not over).`,
  mesasLoadedOf: (n, of) => `${n} of ${count(of, 'mesa loaded', 'mesas loaded')}`,
  mapByCirc: 'Map by electoral district',
  // UNIVERSE (session 35)
  mesaNotAmongNoList: (m, n) =>
    `Mesa ${m}: ${one(n) ? 'not the one acta loaded' : `not among the ${n} actas loaded`}; this election does not come with the full list of mesas.`,
  mesaNotAmong: (m) => `Mesa ${m}: not among the actas loaded.`,
  // MESA LIST (session 35)
  mesaListedNotLoaded: (m) => `Mesa ${m}: not loaded yet.`,
  noUniverse: 'Total: the actas loaded (this election does not come with the full list of mesas)',
};

export const STRINGS: Readonly<Record<Lang, Strings>> = { es: ES, en: EN };

/** The bodies a jurisdiction's file names (places.json), or null: neutral words. */
export type AuthorityNames = Places['jurisdiction']['authorities'];

/**
 * The strings that name a body or a law, from the jurisdiction's own file (Peru: the JEE, the JNE,
 * ONPE, LOE art. 363), else neutral ("under review"): the CLI's words (core/authority-words.ts).
 * These take precedence over ES/EN, whose defaults are Peru's words, for a page before its
 * election's places are read.
 */
export function authorityStrings(lang: Lang, a: AuthorityNames): Partial<Strings> {
  const w = authorityWords(lang, a);
  return {
    'state:jee': w.atReview,
    'state:resolved': w.resolved,
    atJee: w.atReview,
    jeeVotes:
      lang === 'es'
        ? (n) =>
            `${count(n, 'voto', 'votos')} en actas observadas${a ? ` (${a.review.short})` : ''}.`
        : (n) => `${count(n, 'vote', 'votes')} in actas ${inSentence(w.atReview)}.`,
    tie: w.tie,
    actaAnnulled: (n) => `${w.annulled(String(n))}.`,
  };
}
