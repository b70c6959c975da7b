#!/usr/bin/env node
// Generates the API reference from the packages' doc comments with the TypeScript compiler API:
// every name a published entry point really exports (the type checker's view of the module, so a
// helper exported from a source file but not re-exported by the entry stays out), its signature and
// its JSDoc. A package whose README has an API overview table (`| area | exports |`) gets one page
// per area (api/<package>/<area>.md) under an overview page (api/<package>.md); the others get one
// page. Declarations tagged `@internal` are left out.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const outDir = resolve(here, '../api');
// a generated folder: pages of packages that are gone (or private now) must not linger
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

function jsdocOf(node) {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const doc = docs.at(-1);
  if (!doc) return '';
  const text = ts.getTextOfJSDocComment(doc.comment) ?? '';
  const tags = (doc.tags ?? [])
    .map((t) => {
      const c = ts.getTextOfJSDocComment(t.comment) ?? '';
      if (t.tagName.text === 'example')
        return `**Example**\n\n\`\`\`ts\n${c.replace(/^\s*```\w*\n?|```\s*$/g, '').trim()}\n\`\`\``;
      if (t.tagName.text === 'param' && ts.isJSDocParameterTag(t)) return `- \`${t.name.getText()}\`: ${c}`;
      return `*@${t.tagName.text}* ${c}`;
    })
    .join('\n\n');
  return [text, tags].filter(Boolean).join('\n\n');
}

function signature(node, sf) {
  let text;
  if (ts.isFunctionDeclaration(node) && node.body)
    text = sf.text.slice(node.getStart(sf), node.body.getStart(sf)).trim();
  else if (ts.isClassDeclaration(node)) {
    const members = node.members
      .filter(
        (m) =>
          !(ts.getCombinedModifierFlags(m) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) &&
          !(m.name && ts.isPrivateIdentifier(m.name)),
      )
      .map((m) => {
        if ((ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m) || ts.isGetAccessor(m)) && m.body)
          return `  ${sf.text.slice(m.getStart(sf), m.body.getStart(sf)).trim()};`;
        if (ts.isPropertyDeclaration(m))
          return `  ${sf.text
            .slice(m.getStart(sf), m.initializer ? m.initializer.getStart(sf) : m.end)
            .replace(/\s*=\s*$/, '')
            .trim()}${m.initializer ? '' : ''};`;
        return null;
      })
      .filter(Boolean);
    const head = sf.text.slice(node.getStart(sf), node.members.pos).trim();
    text = `${head}\n${members.join('\n')}\n}`;
  } else if (ts.isVariableStatement(node)) {
    text = node.declarationList.declarations
      .map((d) => `const ${d.name.getText(sf)}${d.type ? `: ${d.type.getText(sf)}` : ''}`)
      .join('\n');
  } else text = sf.text.slice(node.getStart(sf), node.end).trim();
  text = text.replace(/^export\s+/, '').replace(/\/\*\*[\s\S]*?\*\/\s*/g, '');
  return text.length > 1800 ? `${text.slice(0, 1800)}\n// …` : text;
}

const kindOf = (n) =>
  ts.isFunctionDeclaration(n)
    ? 'function'
    : ts.isClassDeclaration(n)
      ? 'class'
      : ts.isInterfaceDeclaration(n)
        ? 'interface'
        : ts.isTypeAliasDeclaration(n)
          ? 'type'
          : ts.isVariableStatement(n)
            ? 'const'
            : ts.isEnumDeclaration(n)
              ? 'enum'
              : null;
const nameOf = (n, sf) =>
  ts.isVariableStatement(n)
    ? n.declarationList.declarations.map((d) => d.name.getText(sf)).join(', ')
    : n.name?.getText(sf);
// Escape text for VitePress (markdown compiled as a Vue template) outside code fences and spans.
const escText = (s) =>
  s.replace(/</g, '&lt;').replace(/\{\{/g, '&#123;&#123;').replace(/\}\}/g, '&#125;&#125;');
const esc = (s) =>
  s
    .split(/(```[\s\S]*?```|`[^`\n]*`)/g)
    .map((part, i) =>
      i % 2 === 1
        ? part.startsWith('```')
          ? part
          : part.includes('{{')
            ? `<code v-pre>${part.slice(1, -1).replace(/</g, '&lt;')}</code>`
            : part
        : escText(part),
    )
    .join('');

/** `{@link X}`, `{@link X | text}`, `{@link X text}` → a link to X's heading on this page (else code). */
const links = (doc, names) =>
  doc.replace(/\{@link(?:code|plain)?\s+([\w.$]+)(?:\s*\|\s*|\s+)?([^}]*)\}/g, (_, target, text) => {
    const head = target.split('.')[0];
    const label = `\`${text.trim() || target}\``;
    return names.has(head) ? `[${label}](#${head.toLowerCase()})` : label;
  });

const pkgsDir = join(root, 'packages');

/** The published packages and their named entry points (a subpath pattern is documented in the README). */
const packages = readdirSync(pkgsDir)
  .sort()
  .map((dir) => ({ dir, file: join(pkgsDir, dir, 'package.json') }))
  .filter(({ file }) => existsSync(file))
  .map(({ dir, file }) => ({ dir, meta: JSON.parse(readFileSync(file, 'utf8')) }))
  // the private reference solutions are not for students
  .filter(({ meta }) => !meta.private)
  .map(({ dir, meta }) => ({
    dir,
    meta,
    entries: Object.entries(meta.exports ?? {})
      .filter(([k, v]) => typeof v === 'object' && v['@gradkit/source'] && !k.includes('*'))
      .map(([k, v]) => ({
        sub: k === '.' ? meta.name : `${meta.name}/${k.slice(2)}`,
        file: resolve(join(pkgsDir, dir), v['@gradkit/source']),
      })),
  }));

// One program over every entry: the checker resolves `export *` and re-export chains.
const program = ts.createProgram(
  packages.flatMap((p) => p.entries.map((e) => e.file)),
  {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowJs: false,
    noEmit: true,
    skipLibCheck: true,
    customConditions: ['@gradkit/source'],
  },
);
const checker = program.getTypeChecker();

/** The statement that declares `decl` (a variable's whole `const` statement). */
function statementOf(decl) {
  if (ts.isVariableDeclaration(decl)) return decl.parent.parent;
  return decl;
}

const isInternal = (node) => ts.getJSDocTags(node).some((t) => t.tagName.text === 'internal');

/** The documented items an entry point exports: `{ name, kind, file, sig, doc, key }`. */
function exportsOf(entryFile) {
  const sf = program.getSourceFile(entryFile);
  const moduleSymbol = sf && checker.getSymbolAtLocation(sf);
  if (!moduleSymbol) throw new Error(`api: cannot read the exports of ${entryFile}`);
  const items = [];
  for (const sym of checker.getExportsOfModule(moduleSymbol)) {
    const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
    const decls = (target.declarations ?? []).filter((d) => !ts.isModuleDeclaration(d));
    // an overloaded function: the implementation's doc, else the first overload's
    const decl =
      decls.find((d) => ts.isFunctionDeclaration(d) && d.body) ??
      decls.find((d) => kindOf(statementOf(d))) ??
      null;
    if (!decl) continue;
    const st = statementOf(decl);
    const kind = kindOf(st);
    if (!kind || isInternal(st)) continue;
    const dsf = decl.getSourceFile();
    const name = sym.getName();
    const declared = nameOf(st, dsf);
    items.push({
      name,
      kind,
      key: `${dsf.fileName}:${st.pos}`,
      file: relative(root, dsf.fileName),
      sig: signature(st, dsf),
      doc: jsdocOf(st),
      alias: declared && declared !== name && !declared.split(', ').includes(name) ? declared : null,
    });
  }
  return items.sort((a, b) => a.name.localeCompare(b.name));
}

/** `| area | exports |` rows of a README's API overview: area title and the backticked names. */
function overviewAreas(readme) {
  if (!existsSync(readme)) return [];
  const lines = readFileSync(readme, 'utf8').split('\n');
  const at = lines.findIndex((l) => /^\|\s*area\s*\|\s*exports\s*\|/.test(l));
  if (at < 0) return [];
  const areas = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    const title = cells[0].replace(/`/g, '');
    const names = new Set(
      [
        ...cells
          .slice(1)
          .join('|')
          .matchAll(/`([^`]+)`/g),
      ]
        .map((m) => /^[A-Za-z_$][\w$]*/.exec(m[1].replace(/^\./, ''))?.[0])
        .filter(Boolean),
    );
    areas.push({ title, names });
  }
  return areas;
}

const slug = (s) =>
  s
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const writeAtomic = (out, text) => {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(`${out}.tmp`, text);
  renameSync(`${out}.tmp`, out);
};

/** One item's section; `where(name)` is the link to another item's page ('' on this page) or null. */
const itemSection = (it, where) => {
  const doc = it.doc
    ? esc(
        it.doc.replace(/\{@link(?:code|plain)?\s+([\w.$]+)(?:\s*\|\s*|\s+)?([^}]*)\}/g, (_, target, text) => {
          const head = target.split('.')[0];
          const label = `\`${text.trim() || target}\``;
          const page = where(head);
          return page === null ? label : `[${label}](${page}#${head.toLowerCase()})`;
        }),
      )
    : '_No doc comment._';
  const aka = it.alias ? ` (the same as \`${it.alias}\`)` : '';
  return `### ${it.name}\n\n<Badge type="info" text="${it.kind}" /> <small>${it.file}</small>${aka}\n\n\`\`\`ts\n${it.sig}\n\`\`\`\n\n${doc}\n`;
};

const header = (meta, count, dir) =>
  `# ${meta.name}\n\n${meta.description ?? ''}\n\n\`\`\`sh\nnpm install ${meta.name}\n\`\`\`\n\n${count} exported names, generated from the doc comments in \`packages/${dir}/src\` by \`apps/docs/scripts/api.mjs\`.`;

const index = [];
const sidebar = [];
for (const { dir, meta, entries } of packages) {
  // each declaration is documented once, under the first entry that exports it (the root first)
  const seen = new Set();
  const groups = entries
    .map(({ sub, file }) => ({
      sub,
      items: exportsOf(file).filter((it) => {
        const fresh = !seen.has(it.key) || it.alias !== null;
        seen.add(it.key);
        return fresh;
      }),
    }))
    .filter((g) => g.items.length);
  const count = groups.reduce((n, g) => n + g.items.length, 0);
  const areas = overviewAreas(join(pkgsDir, dir, 'README.md'));
  if (!areas.length) {
    const names = new Set(groups.flatMap((g) => g.items.map((it) => it.name)));
    const where = (n) => (names.has(n) ? '' : null);
    const body = groups
      .map((g) => `## \`${g.sub}\`\n\n${g.items.map((it) => itemSection(it, where)).join('\n')}`)
      .join('\n\n');
    writeAtomic(
      join(outDir, `${dir}.md`),
      `---\noutline: [2, 3]\n---\n\n${header(meta, count, dir)}\n\n${body}\n`,
    );
    sidebar.push({ pkg: meta.name, link: `/api/${dir}`, topics: [] });
  } else {
    // topic pages: the root entry's names by the README's areas; a name no area mentions (mostly
    // types) goes with the area of the other names declared in its file; each subpath is a topic
    const pages = new Map(); // slug -> { title, items }
    const fileArea = new Map();
    const dirArea = new Map();
    const areaOf = (it) => areas.find((a) => a.names.has(it.name));
    const all = groups.flatMap((g) => g.items.map((it) => ({ ...it, sub: g.sub })));
    for (const it of all) {
      const a = areaOf(it);
      if (!a) continue;
      if (!fileArea.has(it.file)) fileArea.set(it.file, a);
      if (!dirArea.has(dirname(it.file))) dirArea.set(dirname(it.file), a);
    }
    const add = (title, it) => {
      const key = slug(title);
      if (!pages.has(key)) pages.set(key, { title: title.replace(/\s*\(\{.*\}\)$/, ''), items: [] });
      pages.get(key).items.push(it);
    };
    for (const area of areas) add(area.title, null);
    for (const it of all) {
      // a subpath's names go to the area that names the subpath, if one does
      const bySub =
        it.sub !== meta.name
          ? areas.find((a) => a.title.includes(it.sub) && !a.title.includes(`${it.sub}/`))
          : null;
      const a = bySub ?? areaOf(it) ?? fileArea.get(it.file) ?? dirArea.get(dirname(it.file));
      add(a ? a.title : it.sub === meta.name ? 'other types' : `${it.sub} (other names)`, it);
    }
    for (const p of pages.values()) p.items = p.items.filter(Boolean);
    const live = [...pages].filter(([, p]) => p.items.length);
    const pageOf = new Map();
    for (const [key, p] of live) for (const it of p.items) if (!pageOf.has(it.name)) pageOf.set(it.name, key);
    for (const [key, p] of live) {
      const where = (n) => (!pageOf.has(n) ? null : pageOf.get(n) === key ? '' : `./${pageOf.get(n)}`);
      const body = p.items.map((it) => itemSection(it, where)).join('\n');
      const subs = [...new Set(p.items.map((it) => it.sub))];
      const from = `\`\`\`ts\n${subs
        .map((sub) => {
          const names = p.items.filter(
            (it) => it.sub === sub && it.kind !== 'type' && it.kind !== 'interface',
          );
          const shown = (names.length ? names : p.items.filter((it) => it.sub === sub)).slice(0, 3);
          const type = names.length ? '' : 'type ';
          return `import ${type}{ ${shown.map((it) => it.name).join(', ')} } from '${sub}';`;
        })
        .join('\n')}\n\`\`\``;
      writeAtomic(
        join(outDir, dir, `${key}.md`),
        `---\noutline: [2, 3]\n---\n\n# ${meta.name}: ${p.title}\n\n${p.items.length} names from ${subs.map((x) => `\`${x}\``).join(' and ')} ([all areas of ${meta.name}](../${dir})).\n\n${from}\n\n${body}\n`,
      );
    }
    const table = live
      .map(
        ([key, p]) =>
          `| [${p.title}](./${dir}/${key}) | ${p.items.length} | ${p.items
            .filter((it) => it.kind !== 'type' && it.kind !== 'interface')
            .map((it) => `\`${it.name}\``)
            .join(', ')
            .replace(/\|/g, '\\|')} |`,
      )
      .join('\n');
    writeAtomic(
      join(outDir, `${dir}.md`),
      `${header(meta, count, dir)}\n\n| area | names | functions, classes and constants |\n| --- | --- | --- |\n${table}\n`,
    );
    sidebar.push({
      pkg: meta.name,
      link: `/api/${dir}`,
      topics: live.map(([key, p]) => ({ text: p.title, link: `/api/${dir}/${key}` })),
    });
  }
  index.push(`| [${meta.name}](./${dir}) | ${count} | ${(meta.description ?? '').replace(/\|/g, '\\|')} |`);
}
writeAtomic(
  join(outDir, 'index.md'),
  `# API reference\n\nGenerated at build time from the packages' doc comments.\n\n| Package | Exports | What it is for |\n| --- | --- | --- |\n${index.join('\n')}\n`,
);
// the site's sidebar reads this (config.mts)
writeAtomic(join(outDir, 'sidebar.json'), `${JSON.stringify(sidebar, null, 2)}\n`);
console.log(`api: ${index.length} packages -> ${relative(root, outDir)}`);
