import type { Issue, IssueCode } from './issues.js';

/**
 * Human wording for issue codes, English and Spanish; the core only carries codes and numbers.
 * One table for the CLI (src/cli/messages.ts) and the dashboard (an acta's warnings, a
 * quarantined row's issues): pure data, so the web's bundle takes nothing else from the core.
 */
export const MESSAGES: Readonly<Record<IssueCode, { readonly en: string; readonly es: string }>> = {
  invalid_votes: {
    en: 'votes must be a whole number from 0 to 1,000,000,000',
    es: 'los votos deben ser un entero entre 0 y 1 000 000 000',
  },
  invalid_seats: {
    en: 'seats must be a whole number ≥ 0',
    es: 'los escaños deben ser un entero ≥ 0',
  },
  duplicate_row: { en: 'the same row appears twice', es: 'la misma fila aparece dos veces' },
  unknown_district: {
    en: 'district not in the ruleset or districts file (or a published unit no district of the ruleset)',
    es: 'circunscripción desconocida',
  },
  unknown_party: {
    en: 'party not in the parties registry',
    es: 'organización política no registrada',
  },
  missing_field: { en: 'a required value is empty', es: 'falta un valor obligatorio' },
  district_without_votes: {
    en: 'a district with seats has no votes',
    es: 'una circunscripción con escaños no tiene votos',
  },
  district_without_seats: {
    en: 'a district has votes but no seats',
    es: 'una circunscripción con votos no tiene escaños',
  },
  district_votes_missing: {
    en: 'the election has no votes by electoral district (e.g. only national aggregates): no seats can be computed',
    es: 'la elección no tiene votos por circunscripción (p. ej. solo agregados nacionales): no se pueden calcular escaños',
  },
  alliance_mismatch: {
    en: 'a party has different alliance sizes in different rows',
    es: 'una organización tiene distinto tamaño de alianza en distintas filas',
  },
  blank_votes_required: {
    en: 'this threshold counts blank votes: give --districts with a blank column',
    es: 'esta valla cuenta votos en blanco: use --districts con la columna blank',
  },
  electorate_required: {
    en: 'this threshold is a share of registered electors: give every district its electorate (--districts with an electorate column)',
    es: 'esta valla se mide sobre electores hábiles: indique el electorado de cada circunscripción (--districts con la columna electorate)',
  },
  no_eligible_list: {
    en: 'no list may take part in this district',
    es: 'ninguna lista puede participar en esta circunscripción',
  },
  district_not_counted: {
    en: 'no vote counted in this district yet: its seats wait on the count',
    es: 'aún no hay votos contados en esta circunscripción: sus escaños esperan el conteo',
  },
  tie_unresolved: {
    en: 'tie for the last seat(s) or for the most-voted list (holding every seat under the majority bonus): a draw of lots is needed (give --seed)',
    es: 'empate por el último escaño o por la lista más votada (que con el premio de mayoría retiene todos los escaños): se requiere sorteo (use --seed)',
  },
  threshold_tie: {
    en: 'passing the valla depends on a tie in the preliminary allocation',
    es: 'superar la valla depende de un empate en la asignación preliminar',
  },
  insufficient_candidates: {
    en: 'a list won more seats than it has candidates',
    es: 'una lista obtuvo más escaños que candidatos',
  },
  preferential_tie: {
    en: 'candidates tied in preferential votes for a seat: sorteo needed',
    es: 'empate en voto preferencial: se requiere sorteo',
  },
  ruleset_not_found: {
    en: 'no built-in ruleset has this id, and no file is at this path',
    es: 'no hay un reglamento con ese id ni un archivo en esa ruta',
  },
  ruleset_invalid: {
    en: 'the ruleset file breaks the format (cifra-ruleset/1) at this path',
    es: 'el archivo de reglas no cumple el formato (cifra-ruleset/1) en esta ruta',
  },
  ruleset_district_unmatched: {
    en: "a district of the ruleset is no unit of the jurisdiction's electoral-district level (by name or alias; its code, when given, must be that unit's)",
    es: 'una circunscripción del reglamento no es una unidad del nivel de circunscripciones de la jurisdicción (por nombre o alias; su código, si lo tiene, debe ser el de esa unidad)',
  },
  column_map_invalid: {
    en: 'the column map breaks the format (cifra-columns/1) at this path',
    es: 'el mapa de columnas no cumple el formato (cifra-columns/1) en esta ruta',
  },
  election_invalid: {
    en: 'the election manifest breaks the format (cifra-election/1) at this path',
    es: 'el manifiesto de la elección no cumple el formato (cifra-election/1) en esta ruta',
  },
  biproportional_unsettled: {
    en: 'the biproportional lower apportionment did not settle',
    es: 'el reparto biproporcional inferior no se resolvió',
  },
  seats_unassigned: {
    en: 'seats no list can take stay unassigned (every list with votes ran out of candidates)',
    es: 'escaños sin asignar: ninguna lista con votos tiene candidatos para ocuparlos',
  },
  absolute_majority_with_exhaustion: {
    en: 'the absolute-majority seat (Kieswet P 9) came before list exhaustion (P 10) changed the seats; P 9 is not applied again',
    es: 'el escaño de mayoría absoluta (Kieswet P 9) precedió al agotamiento de listas (P 10); P 9 no se aplica de nuevo',
  },
  lot_invalid: {
    en: 'a drawn list is not among the lists tied for that lot',
    es: 'la lista sorteada no está entre las empatadas en ese sorteo',
  },
  lot_unused: {
    en: 'lot results were given that the assignment never needed',
    es: 'se dieron resultados de sorteo que la asignación no necesitó',
  },
  runoff_pair_mismatch: {
    en: "a second round's lists are not the first round's two most-voted",
    es: 'las listas de la segunda elección no son las dos más votadas de la primera',
  },
  presidential_tie: {
    // who decides is the jurisdiction's body (the CLI's outcome line names it: Peru's JNE)
    en: 'presidential tie: no legal rule settles it; the electoral authority decides',
    es: 'empate presidencial: ninguna regla lo resuelve; decide la autoridad electoral',
  },
  seats_total_mismatch: {
    en: 'the seats do not add up to the chamber size',
    es: 'los escaños no suman el total de la cámara',
  },
  unknown_option: {
    en: 'this ruleset has no such option',
    es: 'opción desconocida para estas reglas',
  },
  invalid_option: { en: 'value not allowed here', es: 'valor no permitido' },
  not_a_list_election: {
    en: 'this ruleset is not a list election: use `cifra president`',
    es: 'estas reglas no son de listas: use `cifra president`',
  },
  not_a_presidential_election: {
    en: 'this ruleset is not presidential: use `cifra seats`',
    es: 'estas reglas no son presidenciales: use `cifra seats`',
  },
  csv_unreadable: { en: 'the file is not valid CSV', es: 'el archivo no es un CSV válido' },
  candidate_votes_required: {
    en: 'this option needs preferential votes (--candidates)',
    es: 'esta opción requiere votos preferenciales (--candidates)',
  },
  file_unreadable: { en: 'the file cannot be read', es: 'no se puede leer el archivo' },
  file_empty: { en: 'the file is empty', es: 'el archivo está vacío' },
  file_truncated: {
    en: 'the file ends in the middle of a record or compressed stream',
    es: 'el archivo está truncado',
  },
  file_binary: { en: 'the file is binary, not text', es: 'el archivo es binario, no texto' },
  file_encoding_invalid: {
    en: 'the file mixes text encodings (UTF-8 and latin-1): its names would be stored garbled',
    es: 'el archivo mezcla codificaciones (UTF-8 y latin-1): sus nombres se guardarían alterados',
  },
  file_too_large: {
    en: 'the file is larger than the ingest limit once decompressed',
    es: 'el archivo descomprimido supera el límite de ingesta',
  },
  too_many_rows: {
    en: 'the file has more rows than the ingest limit',
    es: 'el archivo tiene más filas que el límite de ingesta',
  },
  line_too_long: {
    en: 'a line of the file is longer than the ingest limit',
    es: 'una línea del archivo supera el límite de longitud',
  },
  too_many_quarantined: {
    en: 'too many rows were quarantined: the file is refused as a whole',
    es: 'demasiadas filas en cuarentena: se rechaza el archivo completo',
  },
  json_too_deep: {
    en: 'a JSON value is nested deeper than the ingest limit',
    es: 'un valor JSON está anidado más allá del límite',
  },
  json_unreadable: {
    en: 'the file, or a row of it, is not valid JSON or not an acta of the cifra shape',
    es: 'el archivo, o una de sus filas, no es un JSON válido o no es un acta con la forma de cifra',
  },
  duplicate_header: {
    en: 'a column name appears twice in the header',
    es: 'un nombre de columna aparece dos veces en la cabecera',
  },
  columns_missing: { en: 'required columns are missing', es: 'faltan columnas obligatorias' },
  unknown_party_column: {
    // a manifest's maintainer has no "candidate map": the manifest's choices are (review s36)
    en: 'a vote column is no choice of the election\'s manifest: add a choice with that id to its "choices" (ONPE files: a choice whose "column" names it), or remove the column from the file',
    es: 'una columna de votos no es ninguna opción del manifiesto de la elección: agréguele una opción con ese id (archivos de la ONPE: una opción cuyo "column" la nombre), o quite la columna del archivo',
  },
  sheet_sum_mismatch: {
    en: 'votes do not add up to the voters (lists + blank + null + impugned ≠ voters)',
    es: 'los votos no suman el total de votantes',
  },
  voters_exceed_eligible: {
    en: 'more voters than eligible voters at the mesa',
    es: 'más votantes que electores hábiles',
  },
  votes_exceed_voters: {
    en: 'a vote figure is larger than the number of voters',
    es: 'una cifra de votos supera a los votantes',
  },
  negative_number: { en: 'a number is negative', es: 'un número es negativo' },
  non_integer: { en: 'a number is not a whole number', es: 'un número no es entero' },
  number_too_large: { en: 'a number is absurdly large', es: 'un número es absurdamente grande' },
  unknown_ubigeo: {
    en: "place code not in the jurisdiction's place table",
    es: 'código de lugar que no está en la tabla de lugares de la jurisdicción',
  },
  unknown_state: { en: 'acta state not recognised', es: 'estado de acta desconocido' },
  state_inconsistent: {
    en: 'the acta state contradicts its values',
    es: 'el estado del acta contradice sus valores',
  },
  acta_conflict: {
    en: 'the same acta arrived with different values: both versions kept',
    es: 'la misma acta llegó con valores distintos: se guardan ambas versiones',
  },
  acta_state_backwards: {
    en: 'the file gives the acta an earlier state than the one it holds (e.g. at the electoral court, then pending again): a stale file, kept as a conflict, not applied',
    es: 'el archivo da al acta un estado anterior al que tiene (p. ej. en el jurado electoral y de nuevo por contabilizar): un archivo desfasado, se guarda como conflicto sin aplicarse',
  },
  acta_superseded_by_correction: {
    en: 'the row repeats a version a correction replaced (a source not yet caught up with the ruling gives it again; if the source recounted to the same figures, record the row with --correction): kept as a conflict, not applied',
    es: 'la fila repite una versión que una corrección reemplazó (la da de nuevo una fuente que aún no se ha puesto al día con la resolución; si la fuente recontó con las mismas cifras, registre la fila con --correction): se guarda como conflicto sin aplicarse',
  },
  duplicate_acta: {
    en: 'the same acta appears twice in the file: the first row is kept; this one is quarantined',
    es: 'la misma acta aparece dos veces en el archivo: se guarda la primera fila; esta queda en cuarentena',
  },
  row_cells_mismatch: {
    en: 'the row has more or fewer cells than the header has columns (cut short or run together): its cells cannot be matched to the columns, so it is quarantined',
    es: 'la fila tiene más o menos celdas que columnas tiene el encabezado (cortada o unida a otra): sus celdas no se pueden asignar a las columnas, así que queda en cuarentena',
  },
  missing_required: { en: 'a required field is empty', es: 'falta un campo obligatorio' },
  impugned_pending: {
    en: 'the acta has impugned votes pending a ruling',
    es: 'el acta tiene votos impugnados pendientes',
  },
  annulled_votes_not_null: {
    en: 'an annulled acta books votes outside null votes',
    es: 'un acta anulada registra votos fuera de nulos',
  },
  mesa_invalid: {
    en: "the mesa id does not match the jurisdiction's pattern",
    es: 'el número de mesa no tiene el formato de la jurisdicción',
  },
  mesa_not_in_universe: {
    en: "the mesa is not in the election's list of mesas (its polling places): stored and counted, but check its number against the source (a mesa added after the list, or a mistyped one)",
    es: 'la mesa no está en la lista de mesas de la elección (sus locales de votación): se guarda y se cuenta, pero verifique su número con la fuente (una mesa añadida después de la lista, o un número mal escrito)',
  },
  mesa_ubigeo_mismatch: {
    en: "the mesa is in the election's list of mesas under another place code: stored and counted under the acta's, but check the mesa and place against the source (a mistyped mesa or ubigeo)",
    es: 'la mesa está en la lista de mesas de la elección con otro código de lugar: se guarda y se cuenta con el del acta, pero verifique la mesa y el lugar con la fuente (una mesa o un ubigeo mal escritos)',
  },
  ubigeo_invalid: {
    en: "the place code does not match the jurisdiction's pattern",
    es: 'el código de lugar no tiene el formato de la jurisdicción',
  },
  unknown_election: { en: 'no such election in the store', es: 'elección desconocida' },
  election_required: {
    en: 'the store holds several elections: name one',
    es: 'hay varias elecciones guardadas: indique una',
  },
  unknown_contest: {
    en: 'no such contest in this multi-contest election (kind/key, e.g. provincial-council/140100)',
    es: 'no existe ese proceso en esta elección de varios procesos (tipo/clave, p. ej. provincial-council/140100)',
  },
  acta_not_found: { en: 'no such acta in the store', es: 'acta no encontrada' },
  aggregates_not_actas: {
    en: "this election's figures are published aggregates (cifra-aggregate-csv), read from its manifest's own sources: they are not ingested as actas",
    es: 'las cifras de esta elección son agregados publicados (cifra-aggregate-csv), leídos de las fuentes de su manifiesto: no se ingieren como actas',
  },
  import_not_found: {
    en: 'no import with this number in the store (`cifra imports` lists them)',
    es: 'no hay una importación con ese número en el registro (`cifra imports` las lista)',
  },
  unknown_jurisdiction: {
    en: 'no such jurisdiction (data/jurisdictions/<id>/ or --jurisdictions DIR/<id>/ with a jurisdiction.json)',
    es: 'jurisdicción desconocida',
  },
  cut_invalid: {
    en: "the source's cut is not an ISO 8601 instant with its offset (e.g. 2026-06-07T22:30:00-05:00)",
    es: 'el corte de la fuente no es un instante ISO 8601 con su desfase (p. ej. 2026-06-07T22:30:00-05:00)',
  },
  already_imported: {
    en: 'the same file (its SHA-256) was imported before: nothing was read or changed',
    es: 'el mismo archivo (su SHA-256) ya se importó: no se leyó ni cambió nada',
  },
  source_unchanged: {
    en: 'the source, read again at a later cut, is the latest file byte for byte: recorded as seen unchanged at that cut (no acta changed)',
    es: 'la fuente, leída de nuevo en un corte posterior, es el último archivo byte a byte: se registra como sin cambios a ese corte (ninguna acta cambió)',
  },
  cut_not_later: {
    en: "the same file with a source's cut not later than the one recorded: nothing was recorded",
    es: 'el mismo archivo con un corte de la fuente no posterior al registrado: no se registró nada',
  },
  jurisdiction_invalid: {
    en: 'a field of the jurisdiction file is not valid',
    es: 'un campo del archivo de jurisdicción no es válido',
  },
  jurisdiction_shadowed: {
    en: 'a folder of --jurisdictions has the id of a bundled jurisdiction: rename it (its folder and id); if you moved it into data/jurisdictions/, ingest again without --jurisdictions so the store names the bundled one',
    es: 'una carpeta de --jurisdictions tiene el id de una jurisdicción incluida: cámbiele el nombre (carpeta e id); si la movió a data/jurisdictions/, vuelva a ingerir sin --jurisdictions para que el almacén nombre la incluida',
  },
  jurisdictions_folder_invalid: {
    en: 'the --jurisdictions folder (or $CIFRA_JURISDICTIONS) does not exist or is not a folder',
    es: 'la carpeta de --jurisdictions (o $CIFRA_JURISDICTIONS) no existe o no es una carpeta',
  },
  party_colors_invalid: {
    en: "the jurisdiction's party-colors.json breaks the format (cifra-party-colors/1) at this path",
    es: 'el party-colors.json de la jurisdicción no cumple el formato (cifra-party-colors/1) en esta ruta',
  },
  place_table_invalid: {
    en: "the jurisdiction's place table cannot be read, lacks a column, or names a place or unit twice",
    es: 'la tabla de lugares de la jurisdicción no se puede leer, le falta una columna o nombra dos veces un lugar o una unidad',
  },
  unknown_level: {
    en: "not a level of the election's jurisdiction",
    es: 'nivel desconocido en la jurisdicción de la elección',
  },
  unknown_rules: {
    en: "the election's or the given ruleset id is not known",
    es: 'reglas desconocidas',
  },
  projection_unavailable: {
    en: 'nothing to project from: no actas, nothing counted yet, or no units with actas counted and total',
    es: 'no hay datos para proyectar',
  },
  snapshot_invalid: {
    en: 'a snapshot CSV row is not valid (missing column, bad number, counted > total, inconsistent unit totals, a unit the universe does not know)',
    es: 'una fila del corte agregado no es válida',
  },
  history_invalid: {
    en: "a prior-history CSV row is not valid (missing column, bad number, counted > total, a unit's rows differing within a cut, a choice twice), or its choices differ from the universe's prior",
    es: 'una fila del historial de la vuelta anterior no es válida',
  },
  history_unit_unknown: {
    en: 'the prior history has units the universe (or the snapshot) does not know',
    es: 'el historial de la vuelta anterior tiene unidades que el universo no conoce',
  },
  previous_snapshot_invalid: {
    en: 'the earlier snapshot is not an earlier cut of the same count (more actas counted than now, another actas_total, or a unit the snapshot does not have)',
    es: 'el corte anterior no es un corte anterior del mismo conteo (más actas contadas que ahora, otro total de actas o una unidad que el corte actual no tiene)',
  },
  history_total_changed: {
    en: "a unit's actas_total changes between cuts of the prior history",
    es: 'el total de actas de una unidad cambia entre cortes del historial',
  },
  history_not_monotone: {
    en: 'a count of the prior history goes down from one cut to the next (actas or votes)',
    es: 'un conteo del historial baja de un corte al siguiente (actas o votos)',
  },
  previous_choice_unknown: {
    en: "the manifest's previousRound names a choice the previous round (or this election, or the universe's prior columns) does not have",
    es: 'previousRound del manifiesto nombra una opción que la vuelta anterior (o esta elección, o las columnas prior del universo) no tiene',
  },
  universe_unknown: {
    en: "no universe of the election is known: only the snapshot's units are projected; any it lacks (e.g. abroad) are not",
    es: 'no se conoce el universo de la elección: solo se proyectan las unidades del corte; las que falten (p. ej. el extranjero) no',
  },
  extent_exceeded: {
    en: "the store holds more actas in a unit than the election's universe expects, or a unit it does not have",
    es: 'el almacén tiene más actas en una unidad de las que espera el universo de la elección, o una unidad que no tiene',
  },
  extent_unlisted_mesas: {
    en: "the store holds actas of mesas the election's list of mesas lacks: their votes count, but they fill none of the actas the universe expects",
    es: 'el almacén tiene actas de mesas que la lista de mesas de la elección no tiene: sus votos se cuentan, pero no ocupan ninguna de las actas que espera el universo',
  },
  audit_chain_broken: {
    en: 'a stored row disagrees with the hash chains or the audit log (the path names its table and row; details say how)',
    es: 'una fila guardada no concuerda con las cadenas de hashes o el registro de auditoría (la ruta nombra su tabla y fila; los detalles dicen cómo)',
  },
  store_busy: {
    en: "another import held the store's write lock for longer than the wait: nothing was written",
    es: 'otra importación retuvo el bloqueo de escritura más que la espera: no se escribió nada',
  },
  store_writer_failed: {
    en: "the import's writer thread ended before the import did: nothing was written",
    es: 'el hilo que escribía la importación terminó antes que ella: no se escribió nada',
  },
  disk_full: {
    en: 'the disk (or its quota) is full: nothing was lost, the write was undone; free space and run it again',
    es: 'el disco (o su cuota) está lleno: no se perdió nada, la escritura se deshizo; libere espacio y vuelva a ejecutarlo',
  },
  store_read_only: {
    en: 'the store can only be read (a read-only file, folder or mount): nothing was written; write to a writable copy',
    es: 'el registro solo puede leerse (archivo, carpeta o montaje de solo lectura): no se escribió nada; escriba en una copia con escritura',
  },
  store_cannot_open: {
    en: 'the store cannot be opened: on read-only media a WAL store needs its -shm file; switch it to journal_mode=DELETE before, or copy it to a writable disk',
    es: 'no se puede abrir el registro: en un medio de solo lectura un registro WAL necesita su archivo -shm; páselo antes a journal_mode=DELETE, o cópielo a un disco con escritura',
  },
  store_read_denied: {
    en: "the store refused a read: the PostgreSQL role has no grant to read cifra's tables; grant it SELECT on them, or connect as a role that has it",
    es: 'el registro rechazó una lectura: el rol de PostgreSQL no tiene permiso para leer las tablas de cifra; concédale SELECT sobre ellas, o conéctese con un rol que lo tenga',
  },
  store_too_new: {
    en: 'the store was written by a newer cifra (its schema version is above the ones this cifra knows): upgrade cifra; nothing was read or written',
    es: 'el registro lo escribió un cifra más nuevo (su versión de esquema supera las que este cifra conoce): actualice cifra; no se leyó ni escribió nada',
  },
  store_not_found: {
    en: 'no store at this --db path (a reading command creates none): check the path, or ingest a file into it first',
    es: 'no hay un registro en esa ruta de --db (un comando de lectura no lo crea): revise la ruta, o ingiera antes un archivo en él',
  },
  unauthorized: {
    en: 'this route needs a valid bearer token',
    es: 'esta ruta requiere un token válido',
  },
  too_many_requests: {
    en: 'too many failed token checks from this address: wait and retry',
    es: 'demasiados intentos fallidos de token desde esta dirección: espere y reintente',
  },
  server_busy: {
    en: 'the server is at its limit of concurrent work: retry shortly',
    es: 'el servidor está en su límite de trabajo simultáneo: reintente en unos segundos',
  },
  server_closing: {
    en: 'the server is stopping: this computation was cancelled',
    es: 'el servidor se está deteniendo: este cálculo se canceló',
  },
  worker_failed: {
    en: 'a worker thread of the server ended before answering: retry shortly (a fresh one starts)',
    es: 'un hilo de trabajo del servidor terminó sin responder: reintente en unos segundos (se inicia uno nuevo)',
  },
  query_too_costly: {
    en: 'the query would return or compute too much: narrow it (e.g. give a code, a smaller house)',
    es: 'la consulta devolvería o calcularía demasiado: acótela',
  },
  invalid_query: {
    en: 'a query parameter is not valid',
    es: 'un parámetro de la consulta no es válido',
  },
  body_not_json: {
    en: "the request's body is not JSON",
    es: 'el cuerpo de la solicitud no es JSON',
  },
  not_found: { en: 'no such route', es: 'no existe esa ruta' },
  method_not_allowed: {
    en: 'this route does not take this method',
    es: 'esta ruta no admite este método',
  },
  body_too_large: {
    en: "the request's body is over this route's limit",
    es: 'el cuerpo de la solicitud supera el límite de esta ruta',
  },
  internal_error: {
    en: 'the server failed on this request (a bug: it is logged, with no internals in the answer)',
    es: 'el servidor falló con esta solicitud (un error de cifra: queda en el registro, sin detalles internos en la respuesta)',
  },
  publish_dir_not_ours: {
    en: 'the output folder holds files cifra publish did not write: nothing was changed',
    es: 'la carpeta de salida tiene archivos que cifra publish no escribió: no se cambió nada',
  },
  publish_out_invalid: {
    en: 'the output path is a file, the root, or its parent folder or publish lock is missing or not readable and writable',
    es: 'la ruta de salida es un archivo, la raíz, o su carpeta padre o su candado de publicación falta o no se puede leer y escribir',
  },
  publish_locked: {
    en: 'another cifra publish to this folder holds the lock',
    es: 'otro cifra publish a esta carpeta tiene el candado',
  },
};

/** A figure as the caller writes numbers (the dashboard: its locale's thousands). */
type Num = (n: number) => string;
/** An issue's details, read as figures: each named value, a number or null. */
type Figures = (key: string) => number | null;
type Say = (f: Figures, es: boolean, num: Num) => string | null;

/**
 * What an issue's details add to its sentence, for the codes whose figures answer the reader's
 * next question (a poll-watcher checks them against the paper copy): "201 frente a 230". A code
 * says nothing more (null) where its details lack a figure.
 */
const FIGURES: Partial<Record<IssueCode, Say>> = {
  row_cells_mismatch: (f, es) =>
    both(f('cells'), f('expected'), (cells, expected) =>
      es ? `: ${cells} celdas de ${expected}` : `: ${cells} cells of ${expected}`,
    ),
  sheet_sum_mismatch: (f, es, num) =>
    both(f('sum'), f('voters'), (sum, voters) =>
      es ? `: ${num(sum)} frente a ${num(voters)}` : `: ${num(sum)} against ${num(voters)}`,
    ),
  voters_exceed_eligible: (f, es, num) =>
    both(f('voters'), f('eligible'), (voters, eligible) =>
      es
        ? `: ${num(voters)} votantes, ${num(eligible)} electores hábiles`
        : `: ${num(voters)} voters, ${num(eligible)} eligible`,
    ),
  votes_exceed_voters: (f, es, num) =>
    both(f('max'), f('voters'), (max, voters) =>
      es
        ? `: una cifra de ${num(max)} frente a ${num(voters)} votantes`
        : `: a figure of ${num(max)} against ${num(voters)} voters`,
    ),
  // an import's number, not a figure: never with thousands
  acta_superseded_by_correction: (f, es) => {
    const correction = f('correction');
    if (correction === null) return null;
    return es
      ? ` (la corrección es la importación #${correction})`
      : ` (the correction is import #${correction})`;
  },
  impugned_pending: (f, _es, num) => {
    const impugned = f('impugned');
    return impugned === null ? null : `: ${num(impugned)}`;
  },
  annulled_votes_not_null: (f, es, num) =>
    both(f('lists'), f('blank'), (lists, blank) =>
      es
        ? `: ${num(lists)} para listas, ${num(blank)} en blanco`
        : `: ${num(lists)} for lists, ${num(blank)} blank`,
    ),
};

function both(a: number | null, b: number | null, say: (a: number, b: number) => string) {
  return a === null || b === null ? null : say(a, b);
}

/** An issue's figures after its sentence, in `lang` (": 201 frente a 230"); empty where none. */
export function issueFigures(i: Issue, lang: 'es' | 'en', num: Num = String): string {
  const d = i.details ?? {};
  // a boolean detail reads as 1 or 0 (duplicate_acta's sameFigures)
  const f: Figures = (k) => {
    const v = d[k];
    return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : null;
  };
  return FIGURES[i.code]?.(f, lang === 'es', num) ?? '';
}

/**
 * The sentence of an issue whose details tell a case its code's sentence misreads: no election
 * named and a file that fits none or several (ingest, compare) is not "no such election in the
 * store" (review s30); a repeated acta names its kept row; null: the code's sentence.
 */
function caseSentence(i: Issue, lang: 'es' | 'en'): string | null {
  if (i.code === 'duplicate_acta') return duplicateSentence(i, lang);
  if (i.code === 'unknown_party_column') return extraColumnSentence(i, lang);
  if (i.code === 'unknown_ubigeo') return unknownPlaceSentence(i, lang);
  if (i.code === 'tie_unresolved') return tieSentence(i, lang);
  const d = i.details ?? {};
  // a file's import looked in the store, the bundled elections and the manifest files (s35)
  if (i.code === 'unknown_election' && d['looked'] === 'manifest')
    return lang === 'es'
      ? 'ninguna elección incluida ni archivo de manifiesto con ese nombre'
      : 'no bundled election or manifest file of that name';
  if (i.code !== 'unknown_election' || d['election'] !== null || !Array.isArray(d['fits']))
    return null;
  const several = d['fits'].length > 1;
  if (lang === 'es')
    return several
      ? 'no se indicó una elección y el archivo corresponde a varias'
      : 'no se indicó una elección y ninguna corresponde al archivo';
  return several
    ? 'no election was named, and the file fits several'
    : 'no election was named, and none fits the file';
}

/**
 * tie_unresolved by its policy (review s36): the code's sentence asks for the lot's seed, but a
 * `report` step leaves the tie to the electoral authority and steps that run out to no one; the
 * first of lot and report the steps reach decides. Null without a policy: the code's sentence.
 */
function tieSentence(i: Issue, lang: 'es' | 'en'): string | null {
  const policy = i.details?.['policy'];
  if (!Array.isArray(policy)) return null;
  const decides = policy.find((s) => s === 'lot' || s === 'report');
  if (decides === 'lot') return null;
  const es = lang === 'es';
  const tie = es
    ? 'empate por el último escaño o por la lista más votada (que con el premio de mayoría retiene todos los escaños)'
    : 'tie for the last seat(s) or for the most-voted list (holding every seat under the majority bonus)';
  if (decides === 'report')
    return es
      ? `${tie}: las reglas lo dejan a la autoridad electoral, que decide; los escaños en disputa quedan sin asignar`
      : `${tie}: the rules leave it to the electoral authority, which decides; the seats in contention stay unallocated`;
  return es
    ? `${tie}: se agotaron los pasos de desempate de las reglas sin resolverlo; los escaños en disputa quedan sin asignar`
    : `${tie}: the rules' tie-break steps ran out without settling it; the seats in contention stay unallocated`;
}

/**
 * unknown_ubigeo of an acta, in the jurisdiction's word for its place code ("commune code", not
 * Peru's "ubigeo") and naming the table it was looked up in (review s36); null where the details
 * lack them (an API query's unknown unit).
 */
function unknownPlaceSentence(i: Issue, lang: 'es' | 'en'): string | null {
  const d = i.details ?? {};
  const labels = d['placeLabel'] as { es?: unknown; en?: unknown } | undefined;
  const label = labels?.[lang];
  if (typeof label !== 'string' || typeof d['ubigeo'] !== 'string') return null;
  const code = `"${d['ubigeo']}"`;
  const table = d['placeTable'];
  const es = lang === 'es';
  if (typeof table !== 'string')
    return es
      ? `el ${label} ${code} no es ninguno de los códigos que la jurisdicción conoce (place.known en su jurisdiction.json): corrija el código`
      : `${label} ${code} is none of the codes the jurisdiction knows (place.known in its jurisdiction.json): correct the code`;
  return es
    ? `el ${label} ${code} no está en la tabla de lugares de la jurisdicción (${table}) ni entre sus códigos conocidos sin fila: corrija el código, o agregue su fila a la tabla`
    : `${label} ${code} is not in the jurisdiction's place table (${table}) nor among its codes known without a row: correct the code, or add its row to the table`;
}

/**
 * unknown_party_column naming the columns and the fix (review s36): a cifra CSV's vote column is
 * a choice's id; an ONPE file's, `VOTOS_Pk`, the k-th choice's or the one whose `column` names it;
 * a JSON acta's votes name choices by id. A column map's own mistake keeps the code's sentence.
 */
function extraColumnSentence(i: Issue, lang: 'es' | 'en'): string | null {
  const d = i.details ?? {};
  const names = Array.isArray(d['columns']) ? d['columns'] : d['choices'];
  if (!Array.isArray(names) || names.length === 0 || d['reason'] !== undefined) return null;
  const list = names.map((n) => `"${String(n)}"`).join(', ');
  const first = `"${String(names[0])}"`;
  const es = lang === 'es';
  const many = names.length > 1;
  const what = es
    ? `${many ? 'las columnas' : 'la columna'} ${list} no ${many ? 'son' : 'es'} ninguna opción del manifiesto de la elección`
    : `${many ? 'columns' : 'column'} ${list} ${many ? 'are' : 'is'} no choice of the election's manifest`;
  if (typeof d['choices'] === 'number')
    return es
      ? `${what}: dé a una opción "column": ${first} (o agregue opciones: la k-ésima lee VOTOS_Pk), o quite la columna del archivo`
      : `${what}: give a choice "column": ${first} (or add choices: the k-th reads VOTOS_Pk), or remove the column from the file`;
  return es
    ? `${what}: agregue al manifiesto una opción con id ${first}, o quite la columna del archivo`
    : `${what}: add a choice with id ${first} to its "choices", or remove the column from the file`;
}

/**
 * duplicate_acta with the kept row's number (and, but in a check, whether the figures are the
 * same): "the first row (row 4) is kept; this one is quarantined (same figures)". The row is said,
 * never the detail's name (review s35).
 */
function duplicateSentence(i: Issue, lang: 'es' | 'en'): string | null {
  const d = i.details ?? {};
  const kept = d['keptRow'];
  if (typeof kept !== 'number') return null;
  const same = d['sameFigures'];
  const es = lang === 'es';
  const figures =
    typeof same !== 'boolean'
      ? ''
      : es
        ? same
          ? ' (mismas cifras)'
          : ' (con otras cifras: compárelas)'
        : same
          ? ' (same figures)'
          : ' (other figures: compare them)';
  return es
    ? `la misma acta aparece dos veces en el archivo: se guarda la primera fila (fila ${kept}); esta queda en cuarentena${figures}`
    : `the same acta appears twice in the file: the first row (row ${kept}) is kept; this one is quarantined${figures}`;
}

/** An issue as one sentence with its figures, in `lang`: "los votos no suman …: 201 frente a 230". */
export function issueSentence(i: Issue, lang: 'es' | 'en', num: Num = String): string {
  return (caseSentence(i, lang) ?? MESSAGES[i.code][lang]) + issueFigures(i, lang, num);
}
