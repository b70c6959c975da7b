#!/usr/bin/env node
// Generates the API reference (api/<package>.md) from the packages' doc comments with the
// TypeScript compiler API: every exported function, class, interface, type and constant of each
// package's src/ (the entry points' `export *` graph), its signature and its JSDoc.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const outDir = resolve(here, '../api');
// a generated folder: pages of packages that are gone (or private now) must not linger
for (const f of existsSync(outDir) ? readdirSync(outDir) : []) if (f.endsWith('.md')) rmSync(join(outDir, f));
mkdirSync(outDir, { recursive: true });

/** Files reachable from an entry through `export ... from './x.js'`. */
function reachable(entry) {
  const seen = new Set();
  const stack = [entry];
  while (stack.length) {
    const f = stack.pop();
    if (seen.has(f) || !existsSync(f)) continue;
    seen.add(f);
    const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const st of sf.statements) {
      if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
        const spec = st.moduleSpecifier.text;
        if (spec.startsWith('.')) stack.push(resolve(dirname(f), spec.replace(/\.js$/, '.ts')));
      }
    }
  }
  return [...seen];
}

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
const index = [];
for (const pkg of readdirSync(pkgsDir).sort()) {
  const pj = join(pkgsDir, pkg, 'package.json');
  if (!existsSync(pj)) continue;
  const meta = JSON.parse(readFileSync(pj, 'utf8'));
  // the published packages only (the private reference solutions are not for students), and their
  // named entries (a subpath pattern such as @gradkit/course/lessons/* is documented in its README)
  if (meta.private) continue;
  const entries = Object.entries(meta.exports ?? {})
    .filter(([k, v]) => typeof v === 'object' && v['@gradkit/source'] && !k.includes('*'))
    .map(([k, v]) => ({
      sub: k === '.' ? meta.name : `${meta.name}/${k.slice(2)}`,
      file: resolve(join(pkgsDir, pkg), v['@gradkit/source']),
    }));
  const done = new Set();
  const sections = [];
  let count = 0;
  for (const { sub, file } of entries) {
    const files = reachable(file)
      .filter((f) => !done.has(f))
      .sort();
    files.forEach((f) => done.add(f));
    const items = [];
    for (const f of files) {
      const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
      for (const st of sf.statements) {
        const kind = kindOf(st);
        if (!kind) continue;
        if (!(ts.getCombinedModifierFlags(st) & ts.ModifierFlags.Export)) continue;
        const name = nameOf(st, sf);
        if (!name) continue;
        items.push({
          name,
          kind,
          file: relative(root, f),
          sig: signature(st, sf),
          doc: jsdocOf(ts.isVariableStatement(st) ? st : st),
        });
      }
    }
    count += items.length;
    if (!items.length) continue;
    const names = new Set(items.map((it) => it.name));
    const body = items
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(
        (it) =>
          `### ${it.name}\n\n<Badge type="info" text="${it.kind}" /> <small>${it.file}</small>\n\n\`\`\`ts\n${it.sig}\n\`\`\`\n\n${it.doc ? esc(links(it.doc, names)) : '_No doc comment._'}\n`,
      )
      .join('\n');
    sections.push(`## \`${sub}\`\n\n${body}`);
  }
  const md = `---\noutline: [2, 3]\n---\n\n# ${meta.name}\n\n${meta.description ?? ''}\n\n\`\`\`sh\nnpm install ${meta.name}\n\`\`\`\n\n${count} exported symbols, generated from the doc comments in \`packages/${pkg}/src\` by \`apps/docs/scripts/api.mjs\`.\n\n${sections.join('\n\n')}\n`;
  const out = join(outDir, `${pkg}.md`);
  writeFileSync(`${out}.tmp`, md);
  renameSync(`${out}.tmp`, out);
  index.push(`| [${meta.name}](./${pkg}) | ${count} | ${(meta.description ?? '').replace(/\|/g, '\\|')} |`);
}
writeFileSync(
  join(outDir, 'index.md'),
  `# API reference\n\nGenerated at build time from the packages' doc comments.\n\n| Package | Exports | What it is for |\n| --- | --- | --- |\n${index.join('\n')}\n`,
);
console.log(`api: ${index.length} packages -> ${relative(root, outDir)}`);
