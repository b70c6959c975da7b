// Lesson text on the course site (scripts/course.ts's vueSafe): braces in an exercise's prompt or
// hint reach the page as written, rendered by the site's own Markdown renderer (VitePress's, in a
// child process: VitePress does not load inside vitest's module runner). Before, a hint ending in
// "{ const f = … }" was read by markdown-it-attrs as attributes (`<p const="" f="">`) and failed
// the build.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TEXTS = [
  'Loop from T down to 1: { const f = predict(z); z = f + noise; }',
  'Write `for (;;) { step(); }`, with $z_{t-1}$ and {{ x }}.',
];

const docs = fileURLToPath(new URL('..', import.meta.url));
const script = `
  const { siteMarkdown, vueSafe } = await import('./scripts/course.ts');
  const md = await siteMarkdown();
  const texts = ${JSON.stringify(TEXTS)};
  const out = [];
  for (const t of texts) out.push(md.renderAsync ? await md.renderAsync(vueSafe(t), {}) : md.render(vueSafe(t), {}));
  console.log(JSON.stringify(out));
`;

describe('lesson text in the site', () => {
  const html: string[] = JSON.parse(
    execFileSync(
      process.execPath,
      ['--conditions=@gradkit/source', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: docs, encoding: 'utf8' },
    )
      .trim()
      .split('\n')
      .at(-1)!,
  );
  const text = (h: string) => h.replace(/&#123;|&#x7B;/gi, '{').replace(/&#125;|&#x7D;/gi, '}');

  it('keeps braces in running text as text, not attributes', () => {
    expect(html[0]).not.toMatch(/<p [^>]*const/);
    expect(text(html[0]!)).toContain('{ const f = predict(z); z = f + noise; }');
  });

  it('leaves inline code and math alone, and breaks up {{ everywhere', () => {
    expect(html[1]).toContain('<code>for (;;) { step(); }</code>');
    expect(html[1]).toContain('mjx-container');
    expect(html[1]).not.toContain('{{');
  });
});
