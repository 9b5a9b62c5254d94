import Table from 'cli-table3';
import { bothLanguages, type Name, type Note } from '../core/model/note.js';
import type { TieReport, TieResolution } from '../core/pipeline/seats.js';
import type { PresidentialOutcome } from '../core/rules/presidential.js';
import { decimalIn } from '../jurisdictions/figure-locale.js';

/** The language of the CLI's tables (`--lang`). */
export type TableLang = keyof Note;

/**
 * Every table header and every line any command prints, in Spanish (the English is the key): one
 * dictionary, so that each command's `--lang es` reads the same words. A line's `{name}` is a value
 * filled in (say). A text missing here prints as it is.
 */
const HEADERS_ES: Readonly<Record<string, string>> = {
  // results, acta, elections, imports
  'candidate / list': 'candidato / lista',
  party: 'partido',
  votes: 'votos',
  '% valid': '% válidos',
  '% emitted': '% emitidos',
  code: 'código',
  name: 'nombre',
  leader: 'primero',
  'most voted': 'más votado',
  'voters {atReview}': 'votantes {atReview}',
  ' on {pct} % of actas processed': ' sobre el {pct} % de actas procesadas',
  ' on {pct} % of actas counted': ' sobre el {pct} % de actas contabilizadas',
  'SEATS OPEN — {kind}{pct}: an allocation of the votes counted so far, not settled seats':
    'ESCAÑOS ABIERTOS — {kind}{pct}: un reparto de los votos contados hasta ahora, no escaños definidos',
  '{short} ≥ margin': '{short} ≥ ventaja',
  no: 'no',
  "{atReview}: {n} voters of its actas (an acta's electors where it states none: an upper bound), not in the count.":
    '{atReview}: {n} votantes de sus actas (los electores de un acta donde no indica votantes: una cota superior), fuera del conteo.',
  "{short} ≥ margin: whether the voters of a unit's actas {atReview} (an acta's electors where it states none: an upper bound) alone could tie or reverse its leader's margin; arithmetic, not a prediction.":
    '{short} ≥ ventaja: si los votantes de las actas de una unidad {atReview} (los electores de un acta donde no indica votantes: una cota superior) podrían por sí solos igualar o invertir la ventaja de su primero; aritmética, no una predicción.',
  valid: 'válidos',
  emitted: 'emitidos',
  participation: 'participación',
  choice: 'opción',
  version: 'versión',
  kind: 'tipo',
  state: 'estado',
  voters: 'votantes',
  import: 'importación',
  row: 'fila',
  recorded: 'registrado',
  'recorded by cifra': 'registrada por cifra',
  warnings: 'advertencias',
  current: 'vigente',
  election: 'elección',
  label: 'nombre',
  choices: 'opciones',
  imports: 'importaciones',
  status: 'estado',
  file: 'archivo',
  rows: 'filas',
  changed: 'cambiadas',
  finished: 'terminada',
  'source cut': 'corte de la fuente',
  level: 'nivel',
  levels: 'niveles',
  'named by': 'nombrado por',
  // a level with no name in its jurisdiction (jurisdiction-words.ts levelWord)
  National: 'Nacional',
  // ingest
  'rows read': 'filas leídas',
  'valid actas': 'actas válidas',
  quarantined: 'en cuarentena',
  new: 'nuevas',
  unchanged: 'sin cambios',
  'state changes': 'cambios de estado',
  'observation changes': 'cambios de observación',
  corrected: 'corregidas',
  conflicts: 'conflictos',
  // seats, apportion
  district: 'circunscripción',
  electorate: 'electores',
  seats: 'escaños',
  'in force': 'vigente',
  reported: 'reportados',
  difference: 'diferencia',
  allocation: 'reparto',
  changes: 'cambios',
  // project
  'median %': '% mediana',
  'votes (median)': 'votos (mediana)',
  'runoff pair': 'segunda vuelta',
  'outright win (> 50 % valid)': 'gana en primera vuelta (> 50 % válidos)',
  winner: 'ganador',
  'seats (median)': 'escaños (mediana)',
  // winner, contests
  candidate: 'candidato',
  list: 'lista',
  organisations: 'organizaciones',
  offices: 'cargos',
  'in runoffs': 'en segunda vuelta',
  'seats decided': 'escaños asignados',
  'seats on the count': 'según lo contado',
  organisation: 'organización',
  type: 'tipo',
  governors: 'gobernadores',
  mayors: 'alcaldes',
  leading: 'lidera sin decidir',
  runoffs: 'segundas vueltas',
  // compare
  reason: 'motivo',
  primary: 'principal',
  field: 'campo',
  'mesas that differ': 'mesas que difieren',
  'net (A − B)': 'neto (A − B)',
  'in the counts (A − B)': 'en los cómputos (A − B)',
  // compare: the figures of an acta (a choice's id prints as it is)
  blank: 'en blanco',
  null: 'nulos',
  impugned: 'impugnados',
  eligible: 'electores hábiles',
  // rules, jurisdictions, demo: cells
  'single-winner': 'uninominal',
  first: 'primera',
  runoff: 'segunda',
  'its table': 'su tabla',
  places: 'lugares',
  yes: 'sí',
  'seats (JNE)': 'escaños (JNE)',
  // rules: lines
  '{round} round: {comparison} {share} of {base} votes':
    '{round} vuelta: {comparison} {share} de los votos {base}',
  ', single-seat {method}': ', uninominal {method}',
  // a single-seat method's id (the list methods' ids are names: dhondt, hare)
  plurality: 'mayoría simple',
  '; tiers: {tiers}': '; niveles: {tiers}',
  'version {version} · jurisdiction {jurisdiction}':
    'versión {version} · jurisdicción {jurisdiction}',
  '{seats} seats in {districts} districts; method {method}':
    '{seats} escaños en {districts} circunscripciones; método {method}',
  'threshold: {threshold}': 'valla: {threshold}',
  none: 'ninguna',
  '--option {name}={values} (default {default}): {description}':
    '--option {name}={values} (por defecto {default}): {description}',
  // jurisdictions: lines
  'places: {place} {pattern}; {rows} rows in the table (skipped: {skipped}), {known} known patterns; mesa {mesa}':
    'lugares: {place} {pattern}; {rows} filas en la tabla (omitidas: {skipped}), {known} patrones conocidos; mesa {mesa}',
  'electoral districts: {districts} · projection groups: {groups} · state labels: {states} · rulesets: {rulesets}':
    'circunscripciones: {districts} · grupos de proyección: {groups} · nombres de estado: {states} · reglas: {rulesets}',
  "warning: no `locale` in {id}'s jurisdiction.json: its figures are written as Peru's (es-PE: 12,345 and 80.484 %) by the CLI and on Spanish pages, as en-US on English ones; set `locale` (e.g. es-ES: 12.345 and 80,484 %) if {label} writes them otherwise":
    'advertencia: el jurisdiction.json de {id} no tiene `locale`: sus cifras se escriben como las del Perú (es-PE: 12,345 y 80.484 %) en la CLI y en las páginas en castellano, y como en-US en las inglesas; indique `locale` (p. ej. es-ES: 12.345 y 80,484 %) si {label} las escribe de otro modo',
  // export
  'wrote {units} {level} units of {election} to {out}':
    'escrito {out}: {units} unidades de nivel {level} de {election}',
  'error: --unit lists the mesas of a unit: give it with --level mesa':
    'error: --unit lista las mesas de una unidad: úsela con --level mesa',
  // ingest
  'checked {file} against {election}: nothing was stored':
    'revisado {file} contra {election}: no se guardó nada',
  'sha256 {sha256} · {size} bytes · format {format}':
    'sha256 {sha256} · {size} bytes · formato {format}',
  'already imported (import #{id}, sha256 {sha256}): nothing changed':
    'ya importado (importación #{id}, sha256 {sha256}): nada cambió',
  "re-read #{id}: the same file as import #{sameAs} (sha256 {sha256}), seen unchanged at the source's cut {cut}: no acta changed":
    'relectura #{id}: el mismo archivo que la importación #{sameAs} (sha256 {sha256}), sin cambios al corte de la fuente {cut}: ninguna acta cambió',
  're-read': 'relectura',
  're-read of #{id} ({n})': 'relectura de #{id} ({n})',
  'import #{id} into {election}: {file}': 'importación #{id} en {election}: {file}',
  'quarantined by issue: {codes}': 'en cuarentena por problema: {codes}',
  'warnings stored with actas: {codes}': 'advertencias guardadas con las actas: {codes}',
  'conflicts (both versions kept, not applied): mesas {mesas}':
    'conflictos (ambas versiones guardadas, no aplicadas): mesas {mesas}',
  'of them, an earlier state than the one held (a stale file? acta_state_backwards): {mesas}':
    'de ellos, un estado anterior al que tiene (¿un archivo desfasado? acta_state_backwards): {mesas}',
  'of them, the version a correction replaced (the source not caught up? acta_superseded_by_correction): {mesas}':
    'de ellos, la versión que una corrección reemplazó (¿la fuente no se ha puesto al día? acta_superseded_by_correction): {mesas}',
  '{mesa} (correction #{id})': '{mesa} (corrección #{id})',
  '  row {row}{mesa}: {codes}': '  fila {row}{mesa}: {codes}',
  '  … {n} more (a check stores nothing: --output json names the first 100)':
    '  … {n} más (una revisión no guarda nada: --output json nombra las 100 primeras)',
  '  … {n} more: cifra quarantine {id}': '  … {n} más: cifra quarantine {id}',
  'check failed: {n} rows would be quarantined ({codes}): nothing was stored':
    'revisión fallida: {n} filas irían a cuarentena ({codes}): no se guardó nada',
  '  raw cells and details: cifra quarantine {id}':
    '  celdas originales y detalles: cifra quarantine {id}',
  'import #{id} into {election}: {n} quarantined rows':
    'importación #{id} en {election}: {n} filas en cuarentena',
  'row {row}{mesa}': 'fila {row}{mesa}',
  '{id} is counted from actas: ingest them first: {commands}':
    '{id} se cuenta desde actas: ingiéralas primero: {commands}',
  // acta: each version's figures, the mesa's quarantined rows
  figures: 'cifras',
  'quarantined rows of this mesa: {n}': 'filas en cuarentena de esta mesa: {n}',
  'no head printed: the store fails `cifra audit verify` (a head vouches for a sound history)':
    'no se imprime la cabeza: el almacén no pasa `cifra audit verify` (una cabeza avala una historia íntegra)',
  'nothing published: {db} fails `cifra audit verify`':
    'no se publicó nada: {db} no pasa `cifra audit verify`',
  'warning: the site leaves out {ids} (why: above; api/v1/site.json lists it in `leftOut`); the rest is published':
    'advertencia: el sitio no incluye {ids} (por qué: arriba; api/v1/site.json lo lista en `leftOut`); el resto está publicado',
  'warning: {n} files of the site served until now had been changed since cifra wrote {n:it|them}; written again from the store':
    'aviso: {n} archivos del sitio servido hasta ahora {n:había|habían} cambiado desde que cifra {n:lo|los} escribió; se {n:escribió|escribieron} de nuevo desde el almacén',
  'nothing published: the audit log of {db} does not extend the head the last publish to {out} verified (without `--quick-verify`, the whole store is verified instead)':
    'no se publicó nada: el registro de auditoría de {db} no continúa la cabeza que verificó la última publicación en {out} (sin `--quick-verify` se verifica todo el almacén)',
  'acta {mesa} — {election}: no version stored; every row for this mesa was quarantined':
    'acta {mesa} — {election}: ninguna versión guardada; toda fila de esta mesa quedó en cuarentena',
  'import #{id} · row {row}': 'importación #{id} · fila {row}',
  'v{version} · import #{id} · file {file} · sha256 {sha256}':
    'v{version} · importación #{id} · archivo {file} · sha256 {sha256}',
  '  figures sha256 {hash}': '  sha256 de las cifras {hash}',
  '  resolution {resolution} · recorded by {author}':
    '  resolución {resolution} · registrada por {author}',
  // why the acta is at the JEE: the source's word is kept as given, never translated
  'observation: {observation}': 'observación: {observation}',
  '  observation {observation}': '  observación {observation}',
  '  {resolution} · recorded by {author}': '  {resolution} · registrada por {author}',
  // results: the figures' status, a unit's actas and totals
  final: 'final',
  provisional: 'provisional',
  'computed-by-cifra': 'calculado por cifra',
  'majority-bonus': 'premio de mayoría',
  // contests: the kinds of contest and of organisation (codeWords)
  governor: 'gobernador',
  'governor-runoff': 'segunda vuelta regional',
  'regional-council': 'consejo regional',
  'provincial-council': 'concejo provincial',
  'district-council': 'concejo distrital',
  'regional-movement': 'movimiento regional',
  // an organisation type not read from a registry (core typeInferred, review s33)
  '{type} (inferred)': '{type} (inferido)',
  'types inferred, not taken from a registry: {source}':
    'tipos inferidos, no tomados de un registro: {source}',
  'parties from a registry; regional movements inferred (not found in the registry): {source}':
    'partidos según un registro; movimientos regionales inferidos (no hallados en el registro): {source}',
  '{n} contests not decided; {issues} issues (--format json lists them)':
    '{n} contiendas sin decidir; {issues} problemas (--format json los lista)',
  'not settled: {leader} leads, by no more than the votes still out':
    'sin definir: lidera {leader}, por no más que los votos por contar',
  'decided in the second round ({id}): {winner}': 'decidido en segunda vuelta ({id}): {winner}',
  'not settled yet': 'aún sin definir',
  '{winner} wins': 'gana {winner}',
  'second round: {a} – {b}': 'segunda vuelta: {a} – {b}',
  'TIE ({stage}) between {candidates}': 'EMPATE ({stage}) entre {candidates}',
  'majority bonus: {party} {before} → {after} (⌈n/2⌉ + 1 beats its cifra repartidora result)':
    'premio de mayoría: {party} {before} → {after} (⌈n/2⌉ + 1 supera su resultado por cifra repartidora)',
  'without the majority bonus (--bonus off, a what-if): cifra repartidora alone':
    'sin premio de mayoría (--bonus off, un escenario): solo la cifra repartidora',
  'no bonus needed: the winning list already has its cifra repartidora result':
    'no hace falta premio: la lista ganadora ya tiene su resultado por cifra repartidora',
  '{seats} seats; mayor: not decided — {head} leads on the votes counted':
    '{seats} escaños; alcalde: sin decidir — lidera {head} según lo contado',
  '{seats} seats; mayor: the head of {head}': '{seats} escaños; alcalde: el primero de {head}',
  'absolute-majority': 'mayoría absoluta',
  'third-party': 'de terceros',
  official: 'oficial',
  '{pct} % of actas processed': '{pct} % de actas procesadas',
  '{pct} % of actas counted': '{pct} % de actas contabilizadas',
  'cut {cut}': 'corte {cut}',
  'cut {cut} (of import #{id})': 'corte {cut} (de la importación #{id})',
  "rehearsal's cut {cut} (of import #{id})": 'corte del ensayo {cut} (de la importación #{id})',
  'figures: provisional, {pct} % of actas at {cut}':
    'cifras: provisionales, {pct} % de actas al {cut}',
  'figures: a third party’s, not official: {publisher}':
    'cifras: de un tercero, no oficiales: {publisher}',
  'figures: {kind}': 'cifras: {kind}',
  'what-if: seats computed by cifra from these figures':
    'escenario: escaños calculados por cifra a partir de estas cifras',
  'source {source}': 'fuente {source}',
  '{name}: actas — (the source gives no acta counts)':
    '{name}: actas — (la fuente no da el número de actas)',
  '{name}: actas {processed} / {total} processed ({pct} %); {atReview} {jee}; pending {pending}{withFigures}; eligible voters still to come {remaining}':
    '{name}: actas {processed} / {total} procesadas ({pct} %); {atReview} {jee}; pendientes {pending}{withFigures}; electores hábiles aún por llegar {remaining}',
  '{name}: actas {processed} / {total} processed ({pct} %); {atReview} {jee}; pending {pending}{withFigures}; eligible voters of the unresolved actas {remaining}':
    '{name}: actas {processed} / {total} procesadas ({pct} %); {atReview} {jee}; pendientes {pending}{withFigures}; electores hábiles de las actas sin resolver {remaining}',
  '{atReview}: {n} actas — {reasons}': '{atReview}: {n} actas — {reasons}',
  '{n} with no observation given': '{n} sin observación indicada',
  '{n} actas with a conflict: a later version not applied (cifra acta shows both)':
    '{n} actas con conflicto: una versión posterior no aplicada (cifra acta muestra ambas)',
  ' ({n} with figures: already among the processed)':
    ' ({n} con cifras: ya {n:incluida|incluidas} en las procesadas)',
  'valid {valid} · blank {blank} ({blankPct}) · null {null} ({nullPct}){blankAndNull} · impugned {impugned} · emitted {emitted} · {turnout}':
    'válidos {valid} · en blanco {blank} ({blankPct}) · nulos {null} ({nullPct}){blankAndNull} · impugnados {impugned} · emitidos {emitted} · {turnout}',
  'eligible {eligible} · participation {participation} (emitted / eligible)':
    'electores hábiles {eligible} · participación {participation} (emitidos / electores hábiles)',
  'eligible {eligible} (all mesas) · participation {participation} (emitted / {processed} eligible at the mesas processed)':
    'electores hábiles {eligible} (todas las mesas) · participación {participation} (emitidos / {processed} electores hábiles de las mesas procesadas)',
  'eligible {eligible} (every mesa the universe expects) · participation {participation} (emitted / {processed} eligible at the mesas processed)':
    'electores hábiles {eligible} (todas las mesas que el universo espera) · participación {participation} (emitidos / {processed} electores hábiles de las mesas procesadas)',
  ' · blank and null {n}': ' · blancos y nulos {n}',
  'not counted yet: no figures (pending)': 'aún sin contar: sin cifras (pendiente)',
  'not counted yet: no figures ({atReview})': 'aún sin contar: sin cifras ({atReview})',
  'votes (not counted)': 'votos (no contados)',
  'mesa not installed: nobody voted here, so there are no votes (not zeros)':
    'mesa no instalada: aquí nadie votó, así que no hay votos (no son ceros)',
  'Figures the sources publish differently (both kept):':
    'Cifras que las fuentes publican distinto (se conservan ambas):',
  // acta
  'ubigeo {ubigeo}{place} · state {state}{label} · version {version}{conflict}':
    'ubigeo {ubigeo}{place} · estado {state}{label} · versión {version}{conflict}',
  ' · CONFLICT: {why}': ' · CONFLICTO: {why}',
  ' · CONFLICT: a later import brought another version, not applied (other figures, or an earlier state than the one held: a counted acta reported open again, one at the JEE reported pending)':
    ' · CONFLICTO: una importación posterior trajo otra versión, no aplicada (otras cifras, o un estado anterior al que tiene: un acta contada reportada abierta de nuevo, una en el JEE reportada por contabilizar)',
  'eligible {eligible} · voters {voters} · blank {blank} · null {null} · impugned {impugned}':
    'electores hábiles {eligible} · votantes {voters} · en blanco {blank} · nulos {null} · impugnados {impugned}',
  'warning {code}: {sentence}': 'advertencia {code}: {sentence}',
  'version {version} warning {code}: {sentence}':
    'versión {version}, advertencia {code}: {sentence}',
  // the hints after an issue (results, ingest, replay, seats)
  'several elections in the store: give --election <id> (cifra elections lists them)':
    'hay varias elecciones en el registro: indique --election <id> (cifra elections las lista)',
  'the store is empty: ingest a file first':
    'el registro está vacío: ingiera primero un archivo (cifra ingest)',
  "the file's columns fit {election}: reading it into that election (--election to choose)":
    'las columnas del archivo corresponden a {election}: se lee en esa elección (--election para elegir)',
  'the file fits several elections: give --election (one of {fits})':
    'el archivo corresponde a varias elecciones: indique --election (una de {fits})',
  'no known election has these columns: declare one in a manifest (docs/elections.md) and give --election my-election.json':
    'ninguna elección conocida tiene estas columnas: declare una en un manifiesto (docs/elections.md) y use --election mi-eleccion.json',
  'the file was rejected as a whole: nothing was stored':
    'el archivo se rechazó completo: no se guardó nada',
  '{id} is not in {db}: reading {file}': '{id} no está en {db}: se lee {file}',
  'the bundled data/elections/{id}.json': 'el data/elections/{id}.json incluido',
  // usage errors of a command's options taken together
  'error: --election takes the votes from the store; it takes no {flags}':
    'error: --election toma los votos del registro; no admite {flags}',
  'error: cifra seats needs --rules <id|file> and --votes <file>, or --election <id>':
    'error: cifra seats necesita --rules <id|archivo> y --votes <archivo>, o --election <id>',
  'error: --prior-history goes with --snapshot': 'error: --prior-history va con --snapshot',
  'error: --previous-snapshot goes with --snapshot': 'error: --previous-snapshot va con --snapshot',
  'error: --snapshot needs --rules <id> (see cifra rules)':
    'error: --snapshot necesita --rules <id> (vea cifra rules)',
  'not an import number: {id} (`cifra imports` lists them)':
    'no es un número de importación: {id} (`cifra imports` los lista)',
  // option parsers, serve, start, audit, publish, replay
  '--seed must be a whole number below 10^9, got "{v}"':
    '--seed debe ser un número entero menor que 10^9; se recibió "{v}"',
  '{flag} must be a whole number ≥ {min}, got "{v}"':
    '{flag} debe ser un número entero ≥ {min}; se recibió "{v}"',
  '{flag} must be a whole number from {min} to {max}, got "{v}"':
    '{flag} debe ser un número entero de {min} a {max}; se recibió "{v}"',
  '{flag} must be a number from {min} to {max}, got "{v}"':
    '{flag} debe ser un número de {min} a {max}; se recibió "{v}"',
  '--busy-timeout must be whole milliseconds (0–99999999), got "{v}"':
    '--busy-timeout debe ser un número entero de milisegundos (0–99999999); se recibió "{v}"',
  '{flag} must be one line of 1 to 120 characters':
    '{flag} debe ser una línea de 1 a 120 caracteres',
  '--resolution and --author go with --correction': '--resolution y --author van con --correction',
  "--cut is a source file's: it does not go with --correction":
    '--cut es el de un archivo de la fuente: no va con --correction',
  "source's cut: none given (--cut)": 'corte de la fuente: no se indicó (--cut)',
  "source's cut: {cut}": 'corte de la fuente: {cut}',
  '--option takes name=value, got "{v}"': '--option toma nombre=valor; se recibió "{v}"',
  '{flag} {path}: cannot read it as JSON ({why})':
    '{flag} {path}: no se puede leer como JSON ({why})',
  'error: --token-file {file} is empty': 'error: --token-file {file} está vacío',
  'error: cannot read --token-file ({code})': 'error: no se puede leer --token-file ({code})',
  'warning: --token is visible to other users (ps); use --token-file or $CIFRA_TOKEN':
    'advertencia: --token queda a la vista de otros usuarios (ps); use --token-file o $CIFRA_TOKEN',
  'error: cannot listen on {host}:{port} ({code}): choose another with --port N (or --host)':
    'error: no se puede escuchar en {host}:{port} ({code}): elija otro con --port N (o --host)',
  ' (writes disabled: no token)': ' (escritura desactivada: sin token)',
  'skipped {file}: this is a ruleset: put it in data/rulesets/ or name it from the manifest':
    'omitido {file}: es un conjunto de reglas: póngalo en data/rulesets/ o nómbrelo desde el manifiesto',
  'skipped {file}: the election it defines is not served':
    'omitido {file}: la elección que define no se sirve',
  'updated {id} from data/elections (its manifest changed)':
    'actualizada {id} desde data/elections (su manifiesto cambió)',
  'updated {id} from data/elections (its manifest changed; its actas are as imported)':
    'actualizada {id} desde data/elections (su manifiesto cambió; sus actas quedan como se importaron)',
  'loaded {id} ({status}; {source})': 'cargada {id} ({status}; {source})',
  'first run: loading {id} from {file} …': 'primer arranque: cargando {id} desde {file} …',
  'error: unknown audit action "{action}" (known: verify, head)':
    'error: acción de auditoría desconocida "{action}" (se conocen: verify, head)',
  'error: --since takes a head hash: 64 lowercase hex digits (cifra audit head)':
    'error: --since toma el hash de una cabeza: 64 dígitos hexadecimales en minúscula (cifra audit head)',
  'ok: {versions} acta versions and {imports} imports, every link of both hash chains verified; audit log of {entries} entries matches every table{since}':
    'ok: {versions} versiones de actas y {imports} importaciones, cada eslabón de ambas cadenas de hashes verificado; el registro de auditoría de {entries} entradas coincide con cada tabla{since}',
  ', and contains {since}': ', y contiene {since}',
  'head: {count} {hash}': 'cabeza: {count} {hash}',
  // a publish's files and bytes, and its progress on a terminal (session 30)
  'snapshot {id}: {files} files in {out} ({size}), {files:written|all written}':
    'instantánea {id}: {files} archivos en {out} ({size}), {files:escrito|todos escritos}',
  'snapshot {id}: {files} files in {out} ({size}), {written} written ({writtenSize}; the others unchanged)':
    'instantánea {id}: {files} archivos en {out} ({size}), {written} {written:escrito|escritos} ({writtenSize}; los demás sin cambios)',
  'publishing {id} ({i} of {total}): {files} files so far, {s} s':
    'publicando {id} ({i} de {total}): {files} archivos hasta ahora, {s} s',
  'replaying {file} into {target} ({order}, seed {seed}, {steps} steps)':
    'reproduciendo {file} en {target} ({order}, semilla {seed}, {steps} pasos)',
  ' · runoff {pair} p={p}': ' · segunda vuelta {pair} p={p}',
  '{election} has no bundled actas file: give the file to replay (cifra replay FILE --election {election})':
    '{election} no tiene un archivo de actas incluido: indique el archivo a reproducir (cifra replay ARCHIVO --election {election})',
  'done: {target} has {n} snapshots with {n:its|their} projections (cifra serve shows {n:it|them})':
    'listo: {target} tiene {n} instantáneas con sus proyecciones (cifra serve {n:la|las} muestra)',
  'internal error: {message}': 'error interno: {message}',
  // commander's own errors and help (its English wording, commander 14: sayCommander)
  "error: unknown option '{flag}'": "error: opción desconocida '{flag}'",
  "error: unknown command '{command}'": "error: comando desconocido '{command}'",
  '(Did you mean one of {suggestions}?)': '(¿quiso decir una de {suggestions}?)',
  '(Did you mean {suggestion}?)': '(¿quiso decir {suggestion}?)',
  "error: missing required argument '{argument}'":
    "error: falta el argumento obligatorio '{argument}'",
  "error: option '{option}' argument missing": "error: a la opción '{option}' le falta su valor",
  "error: required option '{option}' not specified":
    "error: falta la opción obligatoria '{option}'",
  "error: too many arguments for '{command}'. Expected {expected} argument{s} but got {got}.":
    "error: demasiados argumentos para '{command}': se esperaban {expected} y llegaron {got}.",
  "error: option '{option}' argument '{value}' is invalid. Allowed choices are {choices}.":
    "error: el valor '{value}' de la opción '{option}' no es válido; los permitidos son {choices}.",
  "error: command-argument value '{value}' is invalid for argument '{argument}'. Allowed choices are {choices}.":
    "error: el valor '{value}' del argumento '{argument}' no es válido; los permitidos son {choices}.",
  '(add --help for additional information)':
    '(--help muestra la ayuda del comando; sus descripciones están en inglés)',
  'Usage:': 'Uso:',
  'Options:': 'Opciones:',
  'Commands:': 'Comandos:',
  'Arguments:': 'Argumentos:',
  'display help for command': 'muestra la ayuda del comando',
  "print cifra's version": 'muestra la versión de cifra',
  // project
  'units absent from the snapshot (projected from the universe): {units}':
    'unidades ausentes del corte (proyectadas desde el universo): {units}',
  // project --snapshot: which universe completes it, or that none does (universe_unknown)
  "universe: {elections}'s ({file}), the bundled election of these rules that has one; give --universe or --election for another":
    'universo: el de {elections} ({file}), la elección incluida de estas reglas que tiene uno; pase --universe o --election para otro',
  "universe unknown: only the snapshot's units are projected; any it lacks (e.g. abroad) are not — give --universe or --election":
    'universo desconocido: solo se proyectan las unidades del corte; las que falten (p. ej. el extranjero) no — pase --universe o --election',
  "no universe (--universe none): only the snapshot's units are projected; any it lacks (e.g. abroad) are not":
    'sin universo (--universe none): solo se proyectan las unidades del corte; las que falten (p. ej. el extranjero) no',
  "actas {processed} / {total} ({pct} %) of the snapshot's units only · {sims} simulations · seed {seed}":
    'actas {processed} / {total} ({pct} %) solo de las unidades del corte · {sims} simulaciones · semilla {seed}',
  'PROJECTION — {title}': 'PROYECCIÓN — {title}',
  // ODDS: below the calibrated range (src/cli/probability-text.ts uncalibratedLine)
  'odds from {from} % of actas counted (now {now} %): with fewer, cifra has not measured whether they hold':
    'probabilidades desde el {from} % de actas contabilizadas (ahora {now} %): con menos, cifra no ha medido si aciertan',
  'medians and intervals outside the calibrated range':
    'medianas e intervalos fuera del rango calibrado',
  'Statistical projection by cifra, not an official result':
    'Proyección estadística de cifra, no un resultado oficial',
  'actas {processed} / {total} ({pct} %) · {sims} simulations · seed {seed}':
    'actas {processed} / {total} ({pct} %) · {sims} simulaciones · semilla {seed}',
  'units without data (predicted from the rest): {units}':
    'unidades sin datos (predichas a partir del resto): {units}',
  'units without data (projected from the previous round): {units}':
    'unidades sin datos (proyectadas desde la vuelta anterior): {units}',
  'seats not projected: regions no district of the rules is named after: {names}':
    'escaños no proyectados: regiones sin circunscripción de ese nombre en las reglas: {names}',
  'seats not projected: districts of the rules no region of the count reaches: {names}':
    'escaños no proyectados: circunscripciones de las reglas a las que no llega ninguna región del conteo: {names}',
  // compare
  'give --election <id|manifest.json> (cifra compare needs the election whose actas these are)':
    'indique --election <id|manifiesto.json> (cifra compare necesita la elección de estas actas)',
  '{id} {note}: comparing them as its actas (--election to choose another election)':
    '{id} {note}: se comparan como actas suyas (--election para elegir otra elección)',
  'unknown format "{format}": onpe-mesa, cifra-csv, cifra-json, a source of {election} ({ids}), or a column-map file (.json)':
    'formato desconocido "{format}": onpe-mesa, cifra-csv, cifra-json, una fuente de {election} ({ids}) o un archivo de mapa de columnas (.json)',
  'none has an id': 'ninguna tiene id',
  'wrote {n} disagreeing mesas ({format}) to {out}':
    '{n:escrita|escritas} {n} mesas en desacuerdo ({format}) en {out}',
  '; {n} unreadable rows ({codes})': '; {n} filas ilegibles ({codes})',
  '; {n} repeated mesas skipped': '; {n} mesas repetidas omitidas',
  'mesas: {compared} compared ({both} in both) · {agree} {agree:agrees|agree} · {disagree} {disagree:disagrees|disagree}':
    'mesas: {compared} {compared:comparada|comparadas} ({both} en ambas) · {agree} {agree:coincide|coinciden} · {disagree} {disagree:difiere|difieren}',
  'not compared (one source lacks them): {fields}':
    'no comparados (una fuente no los tiene): {fields}',
  total: 'total',
  'in the counts': 'en los cómputos',
  "its figures are in the totals already (this election's publication counts a pending acta's figures)":
    'sus cifras ya están en los totales (la publicación de esta elección cuenta las cifras de un acta por contabilizar)',
  'its figures are not in the totals yet: they count once the acta is counted or resolved':
    'sus cifras aún no están en los totales: cuentan cuando el acta se contabilice o se resuelva',
  "net: the actas' figures whatever their state (a source gives no states, so what each counts is not known)":
    'neto: las cifras de las actas, sea cual sea su estado (una fuente no da estados: no se sabe qué cuenta cada una)',
  "net: the actas' figures whatever their state; in the counts: only what each source counts (an acta under review or pending adds nothing, an annulled one its votes as null)":
    'neto: las cifras de las actas, sea cual sea su estado; en los cómputos: solo lo que cuenta cada fuente (un acta en revisión o por contabilizar no suma; una anulada, sus votos como nulos)',
  'the only disagreeing mesa (also as --format csv or json):':
    'la única mesa en desacuerdo (también con --format csv o json):',
  'the {n} disagreeing mesas (also as --format csv or json):':
    'las {n} mesas en desacuerdo (también con --format csv o json):',
  'the first of {total} disagreeing mesas (--format csv or json for all):':
    'la primera de {total} mesas en desacuerdo (--format csv o json para todas):',
  'first {n} of {total} disagreeing mesas (--format csv or json for all):':
    'las primeras {n} de {total} mesas en desacuerdo (--format csv o json para todas):',
  'state {a} ({aLabel}) ≠ {b} ({bLabel})': 'estado {a} ({aLabel}) ≠ {b} ({bLabel})',
  'place {a} ≠ {b}': 'lugar {a} ≠ {b}',
  'Σ votes ≠ voters in {side} ({votes} ≠ {voters})':
    'Σ votos ≠ votantes en {side} ({votes} ≠ {voters})',
  'declares the files': 'declara los archivos',
  'compare takes two sources: two files, --db <store> and a file, or --db and --db-b (two stores)':
    'compare toma dos fuentes: dos archivos, --db <almacén> y un archivo, o --db y --db-b (dos almacenes)',
  'revision {revision}': 'revisión {revision}',
  // a side that is a store (--db, --db-b), and a mesa only one side has (missing_in_a/b)
  store: 'almacén',
  'only in {side}': 'solo en {side}',
  'its row in {side} could not be read': 'su fila en {side} no se pudo leer',
  'its rows in {a} and in {b} could not be read': 'sus filas en {a} y en {b} no se pudieron leer',
  // a reason in words: the table's reason column, a mesa's tag (the dashboard's words)
  'state differs': 'estado distinto',
  'a figure differs': 'cifra distinta',
  'a figure missing in one source': 'cifra ausente en una fuente',
  'place differs': 'lugar distinto',
  'Σ votes ≠ voters in {side}': 'Σ votos ≠ votantes en {side}',
  "fits the files' columns": 'corresponde a las columnas de los archivos',
  // apportion
  'electorate: {file}': 'electores: {file}',
  'electorate: the ruleset file': 'electores: el archivo de reglas',
  'electorate: bundled, {file}\n  source: {source}\n  status: {status}':
    'electores: incluidos, {file}\n  fuente: {source}\n  estado: {status}',
  // project
  'step {step}/{steps} · {processed} % processed · {summary}':
    'paso {step}/{steps} · {processed} % procesado · {summary}',
  // seats
  '{election} — {seats} seats as published ({kind}: {source})':
    '{election} — {seats} escaños según lo publicado ({kind}: {source})',
  'winner ({round}): {winner}': 'ganador ({round}): {winner}',
  'runoff: {pair}': 'segunda vuelta: {pair}',
  'tie ({stage}): {candidates}': 'empate ({stage}): {candidates}',
  ', {pct} % counted': ', {pct} % contabilizado',
  ', {pct} % processed': ', {pct} % procesado',
  'no outcome yet: the count does not settle it (provisional{counted})':
    'aún sin resultado: el conteo no lo decide (provisional{counted})',
  'no outcome yet: every acta processed, but the impugned votes awaiting the JEE could still change it':
    'aún sin resultado: todas las actas procesadas, pero los votos impugnados que esperan al JEE aún pueden cambiarlo',
  'no outcome yet: a final count whose unresolved actas could still change it ({kind}{counted})':
    'aún sin resultado: un cómputo final cuyas actas sin resolver aún pueden cambiarlo ({kind}{counted})',
  'no outcome yet: these figures do not settle it ({kind}{counted})':
    'aún sin resultado: estas cifras no lo deciden ({kind}{counted})',
  '; {first} leads {second} by {margin} votes': '; {first} aventaja a {second} por {margin} votos',
  '; {first} and {second} tied at {votes} votes': '; {first} y {second} empatan con {votes} votos',
  ' (provisional count{counted}: settled, the lead is larger than all votes still to count)':
    ' (conteo provisional{counted}: decidido, la ventaja supera todos los votos por contar)',
  'source: {source} ({asOf}; {provenance})': 'fuente: {source} ({asOf}; {provenance})',
  'reported composition ({kind}: {source})': 'composición reportada ({kind}: {source})',
  'against {rules} ({seats} seats): ': 'frente a {rules} ({seats} escaños): ',
  'no seat changes': 'ningún escaño cambia',
  'entered: {lists}': 'entran: {lists}',
  'left: {lists}': 'salen: {lists}',
  ' in its best district, {district}': ' en su mejor circunscripción, {district}',
  '{votes} votes < {required}': '{votes} votos < {required}',
  'prelim. seats {seats} ({required} required)': 'escaños prelim. {seats} (se exigen {required})',
  ', in {won} districts ({districts} required)':
    ', en {won} circunscripciones (se exigen {districts})',
  passed: 'pasa',
  // the seats table's column: Peru's word in Spanish
  threshold: 'valla',
  'excluded: {reasons}': 'excluida: {reasons}',
  '{n} unallocated (no vote counted yet)': '{n} sin asignar (aún no hay votos contados)',
  '{n} unallocated (no eligible list)': '{n} sin asignar (ninguna lista habilitada)',
  '{n} tied': '{n} {n:empatado|empatados}',
  '{n} unallocated (apportionment not settled)': '{n} sin asignar (reparto no resuelto)',
  '{n} vacant': '{n} {n:vacante|vacantes}',
  "tied for {n} of {party}'s pooled seats": 'empata por {n} escaños del resto de {party}',
  '{party}: {n} pooled seats in no district yet — {districts} tie for {n:it|them}':
    '{party}: {n} escaños del resto nacional aún sin circunscripción — empatan {districts}',
  '{n} pooled seats of no list yet — {lists} tie for {n:it|them}':
    '{n} escaños del resto nacional aún de ninguna lista — empatan {lists}',
  "votes and % valid: every district's lists summed ({n} valid votes in {d} districts)":
    'votos y % válidos: la suma de las listas de todas las circunscripciones ({n} votos válidos en {d} circunscripciones)',
  '{rules} — {seats} seats': '{rules} — {seats} escaños',
  '{clause} in {district}: {party} {before} → {after} seats':
    '{clause} en {district}: {party} {before} → {after} escaños',
  ' (one from {from})': ' (uno de {from})',
  'tie for the most-voted list in {district}: {candidates} — {n:its|all} {n} {n:seat waits|seats wait} on the lot (give --seed)':
    'empate por la lista más votada en {district}: {candidates} — {n:su|los} {n} {n:escaño espera|escaños esperan} el sorteo (indique --seed)',
  'error: {election} is a presidential round, with no seats to write as CSV; use --format table or json':
    'error: {election} es una elección presidencial, sin escaños que escribir en CSV; use --format table o json',
  'tie ({stage}) in {district}: {candidates} for {seats} seats — {resolution}':
    'empate ({stage}) en {district}: {candidates} por {seats} escaños — {resolution}',
  // a tie's stage and resolution (TIE_WORDS, tieWords): the seat engine's ids, a round's
  'allocation of seats': 'reparto de escaños',
  'preliminary allocation': 'reparto preliminar',
  'preferential vote': 'voto preferencial',
  'candidate of a single-seat district': 'candidato de una circunscripción uninominal',
  'list combination (apparentment)': 'combinación de listas (apparentement)',
  'most-voted list': 'lista más votada',
  'first place': 'primer lugar',
  'second place': 'segundo lugar',
  'runoff round': 'segunda vuelta',
  'unresolved: a draw of lots decides (give --seed)':
    'sin resolver: decide un sorteo (indique --seed)',
  'not resolved': 'sin resolver',
  'unresolved: the electoral authority decides': 'sin resolver: decide la autoridad electoral',
  'unresolved: the tie-break steps ran out': 'sin resolver: se agotaron los pasos de desempate',
  'resolved by more votes': 'resuelto por más votos',
  'resolved by fewer votes': 'resuelto por menos votos',
  'resolved by ballot position': 'resuelto por la posición en la cédula',
  'drawn by lot': 'resuelto por sorteo',
  'draw (seed {seed}) in {district}: {winners} from {candidates}':
    'sorteo (semilla {seed}) en {district}: {winners} entre {candidates}',
  'nullity: blank+null {spoiled} of {emitted} emitted — art. 184: {const184}; LOE 365: {loe365}':
    'nulidad: blancos+nulos {spoiled} de {emitted} emitidos — art. 184: {const184}; LOE 365: {loe365}',
  // president, winner, demo: outcomes
  '> 50 % of valid votes': '> 50 % de los votos válidos',
  '{winner} wins in the first round ({share})': '{winner} gana en primera vuelta ({share})',
  '{winner} wins the runoff': '{winner} gana la segunda vuelta',
  'no one reached {share}: runoff between {a} and {b}':
    'nadie alcanzó {share}: segunda vuelta entre {a} y {b}',
  '{comparison} {pct} % of {base} votes': '{comparison} {pct} % de los votos {base}',
  'valid votes: {valid}': 'votos válidos: {valid}',
  'blank {blank}, null {null}, emitted {emitted}; nullity (art. 184): {reached}':
    'en blanco {blank}, nulos {null}, emitidos {emitted}; nulidad (art. 184): {reached}',
  REACHED: 'ALCANZADA',
  '(the figures taken as the complete count; for a count still going give --remaining N)':
    '(las cifras se toman como el cómputo completo; para un conteo en curso, indique --remaining N)',
  '{outcome} — decided: no way of adding the {remaining} votes still to count changes it':
    '{outcome} — decidido: ninguna forma de sumar los {remaining} votos por contar lo cambia',
  'NOT DECIDED: {a} leads {b} by {lead} votes, with up to {remaining} votes still to count':
    'NO DECIDIDO: {a} aventaja a {b} por {lead} votos, con hasta {remaining} votos por contar',
  'second place: {b} over {c} by {lead} votes': 'segundo lugar: {b} sobre {c} por {lead} votos',
  // president --impugned (s34 jee): a complete count whose impugned votes wait at the JEE
  "every acta processed; {n} {n:impugned vote awaits|impugned votes await} the JEE's ruling":
    'todas las actas procesadas; {n} {n:voto impugnado espera|votos impugnados esperan} la resolución del JEE',
  '{outcome} — decided: {jee}, and {n:it cannot|they cannot} change it':
    '{outcome} — decidido: {jee}, y {n:no puede|no pueden} cambiarlo',
  'NOT DECIDED: {jee}; {a} leads {b} by {lead} votes':
    'NO DECIDIDO: {jee}; {a} aventaja a {b} por {lead} votos',
  'NOT DECIDED: {jee}; {a} and {b} tied at {votes} votes':
    'NO DECIDIDO: {jee}; {a} y {b} empatan con {votes} votos',
  // winner --impugned (s35 settle): a first round's share the impugned votes could change
  'share at stake: {a} has {votes} of {total} votes ({pct} %); with the {n} impugned {n:vote|votes} for others, {low} % — not {share}':
    'porcentaje en juego: {a} tiene {votes} de {total} votos ({pct} %); con {n:el|los} {n} {n:voto impugnado|votos impugnados} para otros, {low} % — no {share}',
  'share at stake: {a} has {votes} of {total} votes ({pct} %); with the {n} impugned {n:vote|votes} for {a}, {high} % — {share}':
    'porcentaje en juego: {a} tiene {votes} de {total} votos ({pct} %); con {n:el|los} {n} {n:voto impugnado|votos impugnados} para {a}, {high} % — {share}',
  // winner --unresolved (s36): a final count's unresolved actas, alone or with impugned votes
  'final count; {e} {e:elector|electors} of unresolved actas':
    'cómputo final; {e} {e:elector|electores} de actas sin resolver',
  'final count; {e} {e:elector|electors} of unresolved actas and {n} {n:impugned vote|impugned votes} before the JEE':
    'cómputo final; {e} {e:elector|electores} de actas sin resolver y {n} {n:voto impugnado|votos impugnados} ante el JEE',
  'share at stake: {a} has {votes} of {total} votes ({pct} %); with the {n} {n:vote|votes} still out for others, {low} % — not {share}':
    'porcentaje en juego: {a} tiene {votes} de {total} votos ({pct} %); con {n:el|los} {n} {n:voto pendiente|votos pendientes} para otros, {low} % — no {share}',
  'share at stake: {a} has {votes} of {total} votes ({pct} %); with the {n} {n:vote|votes} still out for {a}, {high} % — {share}':
    'porcentaje en juego: {a} tiene {votes} de {total} votos ({pct} %); con {n:el|los} {n} {n:voto pendiente|votos pendientes} para {a}, {high} % — {share}',
  // seats (s36): a complete count settled by the bound, and what it holds out
  ' ({kind}{counted}: settled, the lead is larger than the {electors} {electors:elector|electors} of {actas} unresolved {actas:acta|actas} and the {impugned} impugned {impugned:vote|votes} at the JEE together)':
    ' ({kind}{counted}: decidido, la ventaja supera a {electors} {electors:elector|electores} de {actas} {actas:acta sin resolver|actas sin resolver} y {impugned} {impugned:voto impugnado|votos impugnados} ante el JEE, juntos)',
  ' ({kind}{counted}: settled, the lead is larger than the {electors} {electors:elector|electors} of {actas} unresolved {actas:acta|actas})':
    ' ({kind}{counted}: decidido, la ventaja supera a {electors} {electors:elector|electores} de {actas} {actas:acta sin resolver|actas sin resolver})',
  ' ({kind}{counted}: settled, the lead is larger than the {impugned} impugned {impugned:vote|votes} at the JEE)':
    ' ({kind}{counted}: decidido, la ventaja supera a {impugned} {impugned:voto impugnado|votos impugnados} ante el JEE)',
  ' ({kind}{counted}: settled, the lead is larger than all votes still out)':
    ' ({kind}{counted}: decidido, la ventaja supera a todos los votos aún pendientes)',
  // winner (s36): the table's half-up figure and the line's, toward its side, said apart
  "% valid is ONPE's half-up rounding: {a}'s {table} % is {votes} of {total} votes, {side} % against the line ({share}), rounded toward its side":
    '% válidos redondea como la ONPE (mitad hacia arriba): el {table} % de {a} son {votes} de {total} votos, {side} % frente a la línea ({share}), redondeado hacia su lado',
  '--unresolved is for a final count; with --remaining, count those electors in it':
    '--unresolved es para un cómputo final; con --remaining, cuente esos electores en él',
  // demo: sections and lines
  'Peru 2021 — presidential first round (ONPE, 100 % actas, open data by mesa)':
    'Perú 2021 — primera vuelta presidencial (ONPE, 100 % actas, datos abiertos por mesa)',
  'valid votes {valid} → {outcome}': 'votos válidos {valid} → {outcome}',
  'Peru 2021 — runoff (JNE, proclamation)': 'Perú 2021 — segunda vuelta (JNE, proclamación)',
  'Peru 2026 — presidential first round (PROVISIONAL: ONPE 27-04-2026, ~96 % of actas counted)':
    'Perú 2026 — primera vuelta presidencial (PROVISIONAL: ONPE 27-04-2026, ~96 % de actas contabilizadas)',
  'leading at {counted} % of actas counted (contabilizadas, as ONPE publishes it): {a}, then {b} and {c} — NOT settled: who goes to the runoff is open while votes remain (this file does not say how many)':
    'primeros con el {counted} % de actas contabilizadas (según lo publica ONPE): {a}, luego {b} y {c} — NO está decidido: quién pasa a la segunda vuelta sigue abierto mientras queden votos (este archivo no dice cuántos)',
  'Peru 2026 — runoff (PROVISIONAL: ONPE 10-06-2026 01:18, 96.918 % of actas counted)':
    'Perú 2026 — segunda vuelta (PROVISIONAL: ONPE 10-06-2026 01:18, 96.918 % de actas contabilizadas)',
  'leader at {counted} % of actas counted (contabilizadas, as ONPE publishes it): {leader} — NOT a final result (the full count reversed it)':
    'primero con el {counted} % de actas contabilizadas (según lo publica ONPE): {leader} — NO es un resultado final (el conteo completo lo invirtió)',
  'Peru 2021 — Congress: valla (JNE 0602-2021, national totals)':
    'Perú 2021 — Congreso: valla (JNE 0602-2021, totales nacionales)',
  'valid {valid}; 5 % = {five} votes; all other lists together: {others}':
    'válidos {valid}; 5 % = {five} votos; todas las demás listas juntas: {others}',
  'Peru 2026 — Chamber of Deputies: seats per district (R-0053-2025) from the electoral roll':
    'Perú 2026 — Cámara de Diputados: distribución de escaños (R-0053-2025) desde el padrón',
  '; provisional, {pct} % at {cut}': '; provisional, {pct} % al corte {cut}',
  '; third party: {publisher}': '; tercero: {publisher}',
  '{region}: {winner} (decided in the second round: {pair})':
    '{region}: {winner} (decidido en segunda vuelta: {pair})',
  '{region}: second round {pair} counting, not settled (--contest {id})':
    '{region}: segunda vuelta {pair} en conteo, sin definir (--contest {id})',
  '{region}: runoff {pair}': '{region}: segunda vuelta {pair}',
  '{region}: TIE (reported)': '{region}: EMPATE (informado)',
  '{region}: {leader} leads, not decided': '{region}: lidera {leader}, sin decidir',
  'Seats: {decided} decided, {open} on the votes counted, can change':
    'Escaños: {decided} {decided:asignado|asignados}, {open} según lo contado, {open:puede|pueden} cambiar',
  // every council seat accounted for (session 30): waiting on a lot, no eligible list, the total
  '{n} waiting on a lot ({c} {c:council|councils})':
    '{n} {n:espera|esperan} un sorteo ({c} {c:concejo|concejos})',
  '{n} with no vote counted yet ({c} {c:council|councils})':
    '{n} sin votos contados aún ({c} {c:concejo|concejos})',
  '{seats} seats; mayor: undecided — {why}': '{seats} escaños; alcalde: sin decidir — {why}',
  'no vote counted yet': 'aún no hay votos contados',
  'no list has a vote (every vote counted was blank or null)':
    'ninguna lista tiene votos (todos los contados fueron en blanco o nulos)',
  'no list may take a seat (none passed the threshold)':
    'ninguna lista puede obtener un escaño (ninguna pasó la valla)',
  'a tie: give --seed': 'un empate: indique --seed',
  'no list is the most-voted one': 'ninguna lista es la más votada',
  'the council’s size is unknown in the data': 'el tamaño del concejo no figura en los datos',
  '{n} with no eligible list ({c} {c:council|councils})':
    '{n} sin lista elegible ({c} {c:concejo|concejos})',
  '{total} in all': '{total} en total',
  'Seats: none, this election has no council contests (only single-winner offices)':
    'Escaños: ninguno, esta elección no tiene concejos (solo cargos unipersonales)',
  ' and {c} {c:council|councils} of unknown size':
    ' y {c} {c:concejo|concejos} de tamaño desconocido',
  'seats decided: the source’s count is over': 'escaños decididos: el conteo de la fuente terminó',
  'seats decided: no split of the votes still out can move one':
    'escaños decididos: ningún reparto de los votos por contar puede mover uno',
  'seats on the votes counted: not decided, they can change':
    'escaños según lo contado: sin decidir, pueden cambiar',
  // seats the seat engine left unallocated (session 31): a lot for the mayor holds them all back
  'seats: none assigned, {n:its|all} {n} {n:waits|wait} on the lot for the most-voted list (the majority bonus goes to the list it names; give --seed)':
    'escaños: ninguno asignado, {n:su|los} {n} {n:espera|esperan} el sorteo de la lista más votada (el premio de mayoría es de la lista que salga; indique --seed)',
  'seats on the votes counted: {n} {n:waits|wait} on a lot (give --seed); the others can change':
    'escaños según lo contado: {n} {n:espera|esperan} un sorteo (indique --seed); los demás pueden cambiar',
  'seats: {n} {n:waits|wait} on a lot (give --seed); the others are decided (the source’s count is over)':
    'escaños: {n} {n:espera|esperan} un sorteo (indique --seed); los demás están decididos (el conteo de la fuente terminó)',
  'seats: none assigned, no list has a vote (every vote counted was blank or null; see the nullity)':
    'escaños: ninguno asignado, ninguna lista tiene votos (todos los contados fueron en blanco o nulos; vea la nulidad)',
  'seats: none assigned, no list may take one (none passed the threshold)':
    'escaños: ninguno asignado, ninguna lista puede obtener uno (ninguna pasó la valla)',
  'seats: none assigned, {n:its|all} {n} {n:waits|wait} on the count (no vote counted yet)':
    'escaños: ninguno asignado, {n:su|los} {n} {n:espera|esperan} el conteo (aún no hay votos contados)',
  'majority bonus: not applied yet, no list is the most-voted one yet':
    'premio de mayoría: aún no se aplica, ninguna lista es todavía la más votada',
  "Spain 2023 — Congress (D'Hondt by province, 3 %): totals":
    "España 2023 — Congreso (D'Hondt por provincia, 3 %): totales",
};

let tableLang: TableLang = 'en';

/** The language of every table this run prints: the command's `--lang`, set by the dispatcher. */
export function useTableLanguage(lang: TableLang): void {
  tableLang = lang;
}

/** Headers that name a field of the data: `net P1 (A − B)`. */
const PATTERNS_ES: readonly (readonly [RegExp, string])[] = [
  [/^net (.+) \(A − B\)$/, 'neto $1 (A − B)'],
];

/** A header in the run's language. */
export function header(en: string): string {
  if (tableLang === 'en') return en;
  const fixed = HEADERS_ES[en];
  if (fixed !== undefined) return fixed;
  const p = PATTERNS_ES.find(([re]) => re.test(en));
  return p ? en.replace(p[0], p[1]) : en;
}

/** The run's language (`--lang`). */
export function runLanguage(): TableLang {
  return tableLang;
}

/**
 * The nouns a count names in the lines (with the words that agree with them), plural → singular,
 * in both languages: "1 actas con conflicto" read as a slip (session 28); the longest first.
 */
const SINGULAR: readonly (readonly [string, string])[] = (
  [
    ['mesas repetidas omitidas', 'mesa repetida omitida'],
    ['filas irían', 'fila iría'],
    ['repeated mesas', 'repeated mesa'],
    ['pooled seats', 'pooled seat'],
    ['disagreeing mesas', 'disagreeing mesa'],
    ['instantáneas', 'instantánea'],
    ['snapshots', 'snapshot'],
    ['filas ilegibles', 'fila ilegible'],
    ['unreadable rows', 'unreadable row'],
    ['votos válidos', 'voto válido'],
    ['valid votes', 'valid vote'],
    ['electores hábiles', 'elector hábil'],
    ['patrones conocidos', 'patrón conocido'],
    ['known patterns', 'known pattern'],
    ['versiones de actas', 'versión de actas'],
    ['acta versions', 'acta version'],
    ['circunscripciones', 'circunscripción'],
    ['importaciones', 'importación'],
    ['unidades', 'unidad'],
    ['entradas', 'entrada'],
    ['archivos', 'archivo'],
    ['votantes', 'votante'],
    ['electores', 'elector'],
    ['escaños', 'escaño'],
    ['contiendas sin decidir', 'contienda sin decidir'],
    ['contests not decided', 'contest not decided'],
    ['problemas', 'problema'],
    ['issues', 'issue'],
    ['actas', 'acta'],
    ['mesas', 'mesa'],
    ['votos', 'voto'],
    ['filas', 'fila'],
    ['districts', 'district'],
    ['electors', 'elector'],
    ['entries', 'entry'],
    ['imports', 'import'],
    ['voters', 'voter'],
    ['votes', 'vote'],
    ['seats', 'seat'],
    ['files', 'file'],
    ['units', 'unit'],
    ['rows', 'row'],
  ] as const
).toSorted((a, b) => b[0].length - a[0].length);

/** The text after a count of 1, its noun (and the words agreeing with it) made singular. */
function afterOne(text: string): string {
  for (const [many, one] of SINGULAR)
    if (text.startsWith(` ${many}`) && !/^[\p{L}]/u.test(text.slice(many.length + 1)))
      return ` ${one}${text.slice(many.length + 1)}`;
  return text;
}

/**
 * A word that agrees with a count away from it (a verb, a pronoun: "1 archivo … había cambiado"),
 * written in the line as `{n:one|many}`: the first form where the value `n` is 1, else the second.
 */
function agreeing(spec: string, values: Readonly<Record<string, string | number>>): string {
  const [name = '', forms = ''] = spec.slice(1, -1).split(':');
  const [one = '', many = ''] = forms.split('|');
  const v = values[name];
  return v !== undefined && String(v) === '1' ? one : many;
}

/**
 * A line in the run's language: the English template looked up in the dictionary, then each
 * `{name}` filled with its value (values are data, never translated here); the words right after
 * a value of 1 take the singular ("1 acta", "by 1 vote": SINGULAR), and so does a word that names
 * its count further on (`{n:had|had}`, agreeing).
 */
export function say(en: string, values: Readonly<Record<string, string | number>> = {}): string {
  const template = tableLang === 'en' ? en : (HEADERS_ES[en] ?? en);
  // split on the names: odd parts are `{name}`s (or `{name:one|many}`), even parts the text between
  const parts = template.split(/(\{\w+(?::[^{}|]*\|[^{}]*)?\})/);
  let one = false;
  return parts
    .map((part, i) => {
      if (i % 2 === 0) return one ? afterOne(part) : part;
      if (part.includes(':')) {
        one = false;
        return agreeing(part, values);
      }
      const v = values[part.slice(1, -1)];
      // a value right after the count, a space apart, qualifies its noun ("1 {level} units")
      one = (v !== undefined && String(v) === '1') || (one && parts[i - 1] === ' ');
      return v === undefined ? part : String(v);
    })
    .join('');
}

/** Commander's error lines as templates of the dictionary, the most specific first. */
const COMMANDER_LINES: readonly (readonly [RegExp, string])[] = [
  "error: unknown option '{flag}'",
  "error: unknown command '{command}'",
  '(Did you mean one of {suggestions}?)',
  '(Did you mean {suggestion}?)',
  "error: missing required argument '{argument}'",
  "error: option '{option}' argument missing",
  "error: required option '{option}' not specified",
  "error: too many arguments for '{command}'. Expected {expected} argument{s} but got {got}.",
  "error: option '{option}' argument '{value}' is invalid. Allowed choices are {choices}.",
  "error: command-argument value '{value}' is invalid for argument '{argument}'. Allowed choices are {choices}.",
].map((t) => {
  const parts = t.split(/\{(\w+)\}/);
  // even parts are literal text, odd ones the names of the values
  const source = parts
    .map((x, i) => (i % 2 === 0 ? x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : `(?<${x}>.*)`))
    .join('');
  return [new RegExp(`^${source}$`), t] as const;
});

/**
 * Commander's own error message (unknown option, missing argument, …) in the run's language:
 * each line matched against its English template, then said as any line is.
 */
export function sayCommander(text: string): string {
  if (tableLang === 'en') return text;
  return text
    .split('\n')
    .map((line) => {
      for (const [re, template] of COMMANDER_LINES) {
        const m = re.exec(line);
        if (m !== null) return say(template, m.groups ?? {});
      }
      return line;
    })
    .join('\n');
}

/**
 * A figures' status (final, provisional, computed-by-cifra, third-party, official) or a seat
 * clause (majority-bonus) in words, as the dashboard writes it, never its code: the code's words
 * in English, the dictionary's in Spanish.
 */
export function codeWords(code: string): string {
  return tableLang === 'en' ? code.replaceAll('-', ' ') : say(code);
}

/** A tie's stage: the seat engine's, or a presidential round's. */
type TieStage = TieReport['stage'] | Extract<PresidentialOutcome, { kind: 'tie' }>['stage'];

/** Each tie stage and resolution id in English words (HEADERS_ES gives the Spanish). */
const TIE_WORDS: Readonly<Record<TieStage | TieResolution, string>> = {
  allocation: 'allocation of seats',
  preliminary: 'preliminary allocation',
  preferential: 'preferential vote',
  'single-seat-candidate': 'candidate of a single-seat district',
  apparentment: 'list combination (apparentment)',
  'most-voted': 'most-voted list',
  'first-place': 'first place',
  'second-place': 'second place',
  runoff: 'runoff round',
  // the engine's `unresolved` alone: unresolvedTieWords says who decides, from the policy
  unresolved: 'not resolved',
  'more-votes': 'resolved by more votes',
  'fewer-votes': 'resolved by fewer votes',
  'ballot-position': 'resolved by ballot position',
  lot: 'drawn by lot',
};

/** A tie's stage or resolution id in words, the run's language (review s36: ids printed raw). */
export function tieWords(id: TieStage | TieResolution): string {
  return say(TIE_WORDS[id]);
}

/**
 * An unresolved tie's words from its ruleset's tie-break steps (review s36: "give --seed" under a
 * `report` policy): the first of lot and report the steps reach decides — a lot not drawn waits on
 * the seed, a report on the electoral authority; neither, the steps ran out. No policy known: the
 * bare word.
 */
export function unresolvedTieWords(policy: readonly string[] | undefined): string {
  if (policy === undefined) return tieWords('unresolved');
  const decides = policy.find((s) => s === 'lot' || s === 'report');
  if (decides === 'lot') return say('unresolved: a draw of lots decides (give --seed)');
  if (decides === 'report') return say('unresolved: the electoral authority decides');
  return say('unresolved: the tie-break steps ran out');
}

/** A data text ({ es, en }, or one string for both) in the run's language. */
export function inRunLanguage(text: Name): string {
  return bothLanguages(text)[tableLang];
}

/**
 * A plain bordered table for terminals, its headers in the run's language; a null cell (a share
 * of a zero base, a figure not given) shows as —.
 */
export function renderTable(
  head: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const t = new Table({
    head: head.map(header),
    style: { head: [], border: [], compact: true },
  });
  for (const r of rows) t.push(r.map((c) => (c === null ? '—' : String(c))));
  return t.toString();
}

/** Peru's grouping (12,345), for a jurisdiction that states no locale. */
const DEFAULT_LOCALE = 'en-US';
let numberLocale = DEFAULT_LOCALE;

/**
 * How this run's tables group a figure: the election's jurisdiction's locale (Spain es-ES:
 * 12.345), set by the command that read it; undefined: Peru's commas. CSV and JSON stay bare.
 */
export function useNumberLocale(locale: string | undefined): void {
  numberLocale = locale ?? DEFAULT_LOCALE;
}

/** The locale this run writes figures in (useNumberLocale), for a text written outside the CLI. */
export function runNumberLocale(): string {
  return numberLocale;
}

/** A figure grouped as the election's jurisdiction writes it (useNumberLocale). */
export function thousands(n: number): string {
  return n.toLocaleString(numberLocale);
}

/** A figure the source may not give: thousands, or — (never 0: docs/elections.md). */
export function figure(n: number | null): string {
  return n === null ? '—' : thousands(n);
}

/**
 * A document's decimal (`80.484`, a percentage) written with the locale's decimal separator, so
 * that it is never read as a grouped figure beside them (es-ES: `80,484` beside `12.681` votes).
 */
export function decimal(p: string): string {
  return decimalIn(numberLocale, p);
}

/** A computed share to `digits` decimals (a projection's 50.135), written as `decimal` does. */
export function fixed(n: number, digits: number): string {
  return decimal(n.toFixed(digits));
}

/** A decimal the source's figures may not allow: `decimal`, or —. */
export function decimalOr(p: string | null | undefined): string {
  return p === null || p === undefined ? '—' : decimal(p);
}

/** A percentage the source's figures may not allow: `12.345 %`, or —. */
export function percent(p: string | null): string {
  return p === null ? '—' : `${decimal(p)} %`;
}
