// The layering of src/ as a table, and a checker that reads sources with the TypeScript compiler
// (an AST walk, not regular expressions over import lines). It sees every way a file can reach
// another module — static imports, re-exports, `import()`, `require`, `import x = require()`,
// type imports (`import type`, `import('…').T`, `/// <reference>`) — and, in pure layers, every
// reference to a global that reaches I/O, the clock or randomness, also through the global object
// (`globalThis`, `global`, `window`, `self`) and element access with a string key.
//
// Decisions:
// - A layer may always import its own files; the table says what else it may import.
// - Type-only imports (`import type …`, `export type … from`, `import('…').T` in a type) follow the
//   same table, plus the layer's `typeImports`: a type does not run, but it couples the layer to
//   another's vocabulary, so each exception is declared. `import { type A } from` is NOT type-only:
//   under verbatimModuleSyntax it stays in the output as `import {} from`, a runtime edge.
// - Colocated tests (`*.test.ts`) are test code, like test/, bench/ and scripts/: not checked.
// - An edge the checker cannot read (`import(x)` or `require(x)` with a computed specifier) is a
//   violation in every layer, and so is the global object used as a value in a pure layer.
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import ts from 'typescript';

export interface LayerRule {
  /** Layers (`core`) or single files (`store/store.ts`), relative to src/, it may import; '*' anything. */
  readonly imports: '*' | readonly string[];
  /** What it may import with type-only imports, beyond `imports`. */
  readonly typeImports?: readonly string[];
  /** The packages (node built-ins included) it may import; 'any' for every one not owned elsewhere. */
  readonly packages: 'any' | readonly string[];
  /** No global that reaches I/O, the clock or randomness. */
  readonly pure?: boolean;
}

/** The layers of src/: every folder directly under src/ must have a rule. */
export const LAYERS: Readonly<Record<string, LayerRule>> = {
  core: { imports: [], packages: ['zod', 'pure-rand'], pure: true },
  io: { imports: ['core'], packages: 'any' },
  store: { imports: ['core', 'io'], packages: 'any' },
  jurisdictions: { imports: ['core', 'io'], packages: 'any' },
  ingest: { imports: ['core', 'io', 'store/store.ts', 'jurisdictions'], packages: 'any' },
  results: {
    imports: ['core', 'store/store.ts', 'io', 'elections', 'jurisdictions'],
    packages: 'any',
  },
  api: {
    imports: ['core', 'results', 'store/store.ts', 'ingest', 'io', 'elections', 'jurisdictions'],
    packages: 'any',
  },
  // election manifests and rulesets as data: read with io, checked against jurisdictions
  elections: {
    imports: ['core', 'io', 'jurisdictions'],
    typeImports: ['results', 'store/store.ts'],
    packages: 'any',
  },
  projection: {
    imports: ['core', 'io', 'store', 'ingest', 'results', 'jurisdictions'],
    packages: 'any',
  },
  cli: { imports: '*', packages: 'any' },
  'test-utils': { imports: ['core'], packages: 'any' },
};

/** Drivers and frameworks belong to their layer: no other layer reaches them directly. */
export const PACKAGE_OWNERS: Readonly<Record<string, readonly string[]>> = {
  'better-sqlite3': ['store'],
  pg: ['store'],
  fastify: ['api'],
  '@fastify/compress': ['api'],
  commander: ['cli'],
  'cli-progress': ['cli'],
  'cli-table3': ['cli'],
};

/** Globals a pure layer may not reach: I/O, the clock, timers, randomness, and code from strings. */
export const FORBIDDEN_GLOBALS: ReadonlySet<string> = new Set([
  'process',
  'console',
  'Date',
  'performance',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'fetch',
  'crypto',
  'require',
  'eval',
  'Function',
]);
/** Members of harmless globals that are not harmless. */
const FORBIDDEN_MEMBERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['Math', new Set(['random'])],
]);
/** The global object under its names. */
const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(['globalThis', 'global', 'window', 'self']);

export interface Source {
  /** Relative to the repository, with forward slashes: `src/core/tally/aggregate.ts`. */
  readonly path: string;
  readonly text: string;
}

export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly rule: 'undeclared-layer' | 'layer' | 'package' | 'outside-src' | 'unreadable' | 'global';
  readonly message: string;
}

interface Edge {
  readonly spec: string | null;
  readonly typeOnly: boolean;
  readonly how: string;
  readonly node: ts.Node;
}

/** Checks sources under src/ against the table; `*.test.ts` files and files outside src/ are skipped. */
export function checkArchitecture(
  sources: readonly Source[],
  layers: Readonly<Record<string, LayerRule>> = LAYERS,
): Violation[] {
  const checked = sources.filter((s) => s.path.startsWith('src/') && !s.path.endsWith('.test.ts'));
  const program = createProgram(checked);
  const checker = program.getTypeChecker();
  const out: Violation[] = [];
  for (const s of checked) {
    const file = program.getSourceFile(`/${s.path}`);
    if (file === undefined) throw new Error(`not parsed: ${s.path}`);
    const layer = layerOf(s.path);
    const rule = layers[layer];
    if (rule === undefined) {
      out.push({
        file: s.path,
        line: 1,
        rule: 'undeclared-layer',
        message: `src/${layer} has no rule in the layer table: declare what it may import`,
      });
      continue;
    }
    for (const e of edgesOf(file)) out.push(...checkEdge(s.path, file, layer, rule, e));
    if (rule.pure === true) out.push(...globalsOf(file, checker, s.path));
  }
  return out;
}

/** A relative or rooted specifier as the source file it names (`../x.js` → `src/…/x.ts`); null otherwise. */
function targetOf(path: string, spec: string | null): string | null {
  if (spec === null || !(spec.startsWith('.') || spec.startsWith('/'))) return null;
  const target = posix.normalize(
    spec.startsWith('/') ? spec.slice(1) : posix.join(posix.dirname(path), spec),
  );
  return target.replace(/\.(m|c)?js$/, '.ts');
}

/**
 * The import cycles among sources under src/ (`*.test.ts` left out): every strongly connected
 * component of the import graph with more than one file, and every file that imports itself
 * (Tarjan's depth-first search). Every edge the layer check reads counts, type-only ones too: a
 * cycle of types still ties two files' vocabularies together. Each cycle is its files sorted, the
 * cycles sorted by their first file.
 */
export function importCycles(sources: readonly Source[]): string[][] {
  const checked = sources.filter((s) => s.path.startsWith('src/') && !s.path.endsWith('.test.ts'));
  const known = new Set(checked.map((s) => s.path));
  const graph = new Map<string, string[]>();
  for (const s of checked) {
    const file = ts.createSourceFile(`/${s.path}`, s.text, ts.ScriptTarget.ES2022, true);
    const to = edgesOf(file).map((e) => targetOf(s.path, e.spec));
    graph.set(s.path, [...new Set(to.filter((t): t is string => t !== null && known.has(t)))]);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop() as string;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
}

/** The layer of a file: its folder directly under src/ ('' for a file in src/ itself). */
export function layerOf(path: string): string {
  const parts = path.split('/');
  return parts.length > 2 ? (parts[1] ?? '') : '';
}

function createProgram(sources: readonly Source[]): ts.Program {
  const files = new Map(sources.map((s) => [`/${s.path}`, s.text]));
  const options: ts.CompilerOptions = {
    noLib: true,
    noResolve: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleDetection: ts.ModuleDetectionKind.Force,
  };
  const host: ts.CompilerHost = {
    getSourceFile: (name, target) => {
      const text = files.get(name);
      return text === undefined ? undefined : ts.createSourceFile(name, text, target, true);
    },
    getDefaultLibFileName: () => '/lib.d.ts',
    writeFile: () => {},
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => files.has(f),
    readFile: (f) => files.get(f),
  };
  return ts.createProgram({ rootNames: [...files.keys()], options, host });
}

const stringOf = (n: ts.Node | undefined): string | null =>
  n !== undefined && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n))
    ? n.text
    : null;

/** Every module a file reaches, with how and whether only its types. */
function edgesOf(file: ts.SourceFile): Edge[] {
  const edges: Edge[] = [];
  for (const r of file.referencedFiles)
    edges.push({ spec: r.fileName, typeOnly: true, how: '/// <reference path>', node: file });
  for (const r of file.typeReferenceDirectives)
    edges.push({ spec: r.fileName, typeOnly: true, how: '/// <reference types>', node: file });
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n))
      edges.push({
        spec: stringOf(n.moduleSpecifier),
        typeOnly: n.importClause?.isTypeOnly === true,
        how: 'import',
        node: n,
      });
    else if (ts.isExportDeclaration(n) && n.moduleSpecifier !== undefined)
      edges.push({
        spec: stringOf(n.moduleSpecifier),
        typeOnly: n.isTypeOnly,
        how: 'export … from',
        node: n,
      });
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference))
      edges.push({
        spec: stringOf(n.moduleReference.expression),
        typeOnly: n.isTypeOnly,
        how: 'import = require',
        node: n,
      });
    else if (ts.isImportTypeNode(n))
      edges.push({
        spec: ts.isLiteralTypeNode(n.argument) ? stringOf(n.argument.literal) : null,
        typeOnly: true,
        how: "import('…') type",
        node: n,
      });
    else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword)
      edges.push({ spec: stringOf(n.arguments[0]), typeOnly: false, how: 'import()', node: n });
    else if (
      ts.isCallExpression(n) &&
      ts.isIdentifier(n.expression) &&
      n.expression.text === 'require'
    )
      edges.push({ spec: stringOf(n.arguments[0]), typeOnly: false, how: 'require()', node: n });
    ts.forEachChild(n, visit);
  };
  visit(file);
  return edges;
}

const lineOf = (file: ts.SourceFile, n: ts.Node): number =>
  n === file ? 1 : file.getLineAndCharacterOfPosition(n.getStart(file)).line + 1;

/** The package a bare specifier names: `pure-rand/x` → pure-rand, `@a/b/c` → @a/b, `node:fs` → node:fs. */
export function packageOf(spec: string): string {
  if (spec.startsWith('node:')) return spec.split('/')[0] as string;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

const BUILTINS: ReadonlySet<string> = new Set(builtinModules);

function checkEdge(
  path: string,
  file: ts.SourceFile,
  layer: string,
  rule: LayerRule,
  e: Edge,
): Violation[] {
  const at = { file: path, line: lineOf(file, e.node) };
  if (e.spec === null)
    return [
      {
        ...at,
        rule: 'unreadable',
        message: `${e.how} with a computed specifier: the checker cannot see what it reaches`,
      },
    ];
  const target = targetOf(path, e.spec);
  if (target !== null) {
    if (!target.startsWith('src/'))
      return [{ ...at, rule: 'outside-src', message: `${e.how} '${e.spec}' leaves src/` }];
    const within = target.slice('src/'.length);
    const to = layerOf(target);
    if (to === layer || allows(rule.imports, within)) return [];
    if (e.typeOnly && allows(rule.typeImports ?? [], within)) return [];
    return [
      {
        ...at,
        rule: 'layer',
        message: `${layer} → ${within} (${e.how}${e.typeOnly ? ', type only' : ''}): ${layer} may import ${describe(rule, e.typeOnly)}`,
      },
    ];
  }
  return checkPackage(at, layer, rule, packageOf(e.spec), e);
}

function allows(list: '*' | readonly string[], within: string): boolean {
  return list === '*' || list.some((t) => within === t || within.startsWith(`${t}/`));
}

function describe(rule: LayerRule, typeOnly: boolean): string {
  if (rule.imports === '*') return 'anything';
  const all = [...rule.imports, ...(typeOnly ? (rule.typeImports ?? []) : [])];
  return all.length === 0 ? 'only itself' : `itself, ${all.join(', ')}`;
}

function checkPackage(
  at: { file: string; line: number },
  layer: string,
  rule: LayerRule,
  pkg: string,
  e: Edge,
): Violation[] {
  const builtin = pkg.startsWith('node:') || BUILTINS.has(pkg);
  if (rule.packages !== 'any') {
    if (!builtin && rule.packages.includes(pkg)) return [];
    return [
      {
        ...at,
        rule: 'package',
        message: `${layer} → ${builtin ? `the Node built-in ${pkg}` : `package ${pkg}`} (${e.how}): ${layer} may import only ${rule.packages.join(', ')}`,
      },
    ];
  }
  const owners = PACKAGE_OWNERS[pkg];
  if (owners === undefined || owners.includes(layer) || rule.imports === '*') return [];
  return [
    {
      ...at,
      rule: 'package',
      message: `${layer} → package ${pkg} (${e.how}): it belongs to ${owners.join(', ')}`,
    },
  ];
}

/** Wrappers that leave an expression what it is: `(x)`, `x!`, `x as T`, `x satisfies T`, `<T>x`. */
function outerOf(n: ts.Node): ts.Node {
  let p = n.parent;
  while (
    ts.isParenthesizedExpression(p) ||
    ts.isNonNullExpression(p) ||
    ts.isAsExpression(p) ||
    ts.isSatisfiesExpression(p) ||
    ts.isTypeAssertionExpression(p)
  ) {
    n = p;
    p = p.parent;
  }
  return n;
}

/** The member an expression is accessed by (`x.m`, `x['m']`): its name, null if computed, undefined if none. */
function memberOf(
  n: ts.Node,
): { readonly name: string | null; readonly node: ts.Node } | undefined {
  const outer = outerOf(n);
  const p = outer.parent;
  if (ts.isPropertyAccessExpression(p) && p.expression === outer)
    return { name: p.name.text, node: p };
  if (ts.isElementAccessExpression(p) && p.expression === outer)
    return { name: stringOf(p.argumentExpression), node: p };
  return undefined;
}

/**
 * Is this identifier read as a value here? Not a member's name, a label, a binding's property, an
 * import or export specifier (declarations' names resolve to themselves, so they are never global).
 */
function isValueReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (ts.isQualifiedName(p) && p.right === id) return false;
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  if ((ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) && p.label === id)
    return false;
  return !(ts.isMetaProperty(p) || ts.isImportSpecifier(p) || ts.isExportSpecifier(p));
}

/** Types and what only types read (`implements`, an interface's `extends`); a class's `extends` runs. */
function isTypeContext(n: ts.Node): boolean {
  if (ts.isHeritageClause(n))
    return n.token === ts.SyntaxKind.ImplementsKeyword || ts.isInterfaceDeclaration(n.parent);
  return ts.isTypeNode(n) && !ts.isExpressionWithTypeArguments(n);
}

/** Does this identifier name a global: declared nowhere in the program, or only ambiently? */
function isGlobal(id: ts.Identifier, checker: ts.TypeChecker): boolean {
  const symbol = ts.isShorthandPropertyAssignment(id.parent)
    ? checker.getShorthandAssignmentValueSymbol(id.parent)
    : checker.getSymbolAtLocation(id);
  const declarations = symbol?.declarations ?? [];
  return declarations.every(
    (d) =>
      d.getSourceFile().isDeclarationFile ||
      (ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Ambient) !== 0 ||
      ts.findAncestor(d, (a) => (a.flags & ts.NodeFlags.GlobalAugmentation) !== 0) !== undefined,
  );
}

/** References of a pure file to globals that reach I/O, the clock or randomness. */
function globalsOf(file: ts.SourceFile, checker: ts.TypeChecker, path: string): Violation[] {
  const out: Violation[] = [];
  const flag = (n: ts.Node, what: string): void => {
    out.push({ file: path, line: lineOf(file, n), rule: 'global', message: what });
  };
  const visit = (n: ts.Node): void => {
    if (isTypeContext(n)) return;
    if (ts.isIdentifier(n) && isValueReference(n) && isGlobal(n, checker)) {
      const what = globalReached(n);
      if (what !== null) flag(n, what);
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  return out;
}

/**
 * What a reference to a global reaches, if it is forbidden: follows the global object's members
 * (`globalThis.window.process`, `self['Math']['random']`). Null when harmless.
 */
function globalReached(id: ts.Identifier): string | null {
  let name = id.text;
  let node: ts.Node = id;
  let via = '';
  while (GLOBAL_OBJECTS.has(name)) {
    const m = memberOf(node);
    if (m === undefined) return `${via}${name} used as a value: what it reaches cannot be checked`;
    if (m.name === null) return `${via}${name}[…]: a computed member of the global object`;
    via = `${via}${name}.`;
    name = m.name;
    node = m.node;
  }
  if (FORBIDDEN_GLOBALS.has(name)) return `${via}${name}`;
  const members = FORBIDDEN_MEMBERS.get(name);
  if (members === undefined) return null;
  const m = memberOf(node);
  if (m === undefined) return `${via}${name} used as a value: its members cannot be checked`;
  if (m.name === null) return `${via}${name}[…]: a computed member`;
  return members.has(m.name) ? `${via}${name}.${m.name}` : null;
}
