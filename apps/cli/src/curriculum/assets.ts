/**
 * The static assets of a curriculum site: one stylesheet and one small script that sends a
 * lesson's solution to the grader (`POST api/grade` on `gradkit curriculum serve`) and renders the
 * report. Without a grader behind the site (plain static hosting) the script says how to grade
 * locally instead.
 */

export const STYLE_CSS = `:root { --fg: #1f2328; --muted: #59636e; --accent: #8c3b0c; --bg: #fffdf8; --line: #e3ddd2; --pass: #1a7f37; --fail: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header.site { border-bottom: 1px solid var(--line); padding: 0.8rem 1.5rem; display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }
header.site a.home { font-weight: 700; color: var(--accent); text-decoration: none; }
header.site nav a { margin-right: 0.8rem; color: var(--muted); }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.8rem; line-height: 1.25; }
code, pre, textarea { font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
pre { background: #f6f2ea; border: 1px solid var(--line); padding: 0.8rem; overflow-x: auto; border-radius: 6px; }
.meta { color: var(--muted); font-size: 0.9rem; }
ol.lessons li { margin: 0.5rem 0; }
section.exercise { border-top: 1px solid var(--line); margin-top: 1.5rem; }
form.submit textarea { width: 100%; min-height: 18rem; border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem; background: #fff; }
form.submit .actions { display: flex; gap: 0.8rem; align-items: center; margin: 0.5rem 0; flex-wrap: wrap; }
button { background: var(--accent); color: #fff; border: 0; border-radius: 6px; padding: 0.45rem 1.1rem; font-size: 1rem; cursor: pointer; }
button[disabled] { opacity: 0.6; cursor: wait; }
.report { margin-top: 0.8rem; }
.report .summary { font-weight: 700; }
.report li.pass .status { color: var(--pass); }
.report li.bad .status { color: var(--fail); }
.report .status { font-weight: 700; font-family: ui-monospace, monospace; margin-right: 0.4rem; }
.report .failure, .report .hint, .report .message { color: var(--muted); font-size: 0.92rem; white-space: pre-wrap; }
.notice { background: #fff4e5; border: 1px solid #f0c98a; padding: 0.6rem 0.8rem; border-radius: 6px; }
`;

export const GRADE_JS = `// Sends the lesson's solution to the grader behind this site (gradkit curriculum serve) and shows the report.
const STATUS = { pass: 'PASS', fail: 'FAIL', error: 'ERROR', type: 'TYPE', missing: 'MISSING', timeout: 'TIMEOUT', memory: 'MEMORY', todo: 'TODO' };
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
function show(v) {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 120 ? s.slice(0, 117) + '...' : s;
}
function render(out, report) {
  out.replaceChildren();
  out.append(el('p', 'summary', report.passed + '/' + report.total + ' exercises pass (' + report.score + '%)'));
  const list = el('ul', 'exercises');
  for (const e of report.exercises) {
    const li = el('li', e.status === 'pass' ? 'pass' : 'bad');
    li.dataset.exercise = e.id;
    li.dataset.status = e.status;
    li.append(el('span', 'status', STATUS[e.status] || e.status), el('span', 'title', e.id + ': ' + e.title + (e.total ? ' (' + e.passed + '/' + e.total + ' cases)' : '')));
    if (e.message) li.append(el('div', 'message', e.message));
    for (const f of e.failures || []) li.append(el('div', 'failure', 'case "' + f.case + '": ' + f.message + (f.message.includes('expected') ? '' : ' (expected ' + show(f.expected) + ')')));
    if (e.hint && e.status !== 'pass') li.append(el('div', 'hint', 'hint: ' + e.hint));
    list.append(li);
  }
  out.append(list);
  if (report.output) out.append(el('pre', 'output', report.output));
}
for (const form of document.querySelectorAll('form.submit')) {
  const out = form.querySelector('.report');
  const button = form.querySelector('button');
  const upload = form.querySelector('input[type=file]');
  upload?.addEventListener('change', async () => {
    if (upload.files && upload.files[0]) form.querySelector('textarea').value = await upload.files[0].text();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    out.replaceChildren(el('p', 'grading', 'grading…'));
    try {
      const res = await fetch(form.getAttribute('action'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lesson: form.dataset.lesson, source: form.querySelector('textarea').value }),
      });
      const body = await res.json().catch(() => null);
      if (!res.ok || !body || body.error) throw new Error(body && body.error ? body.error.message : 'HTTP ' + res.status);
      render(out, body);
    } catch (error) {
      out.replaceChildren(el('p', 'notice', 'No grader answered (' + error.message + '). Serve this site with "pnpm gradkit curriculum serve <dir>", or grade locally: pnpm gradkit grade --lesson ' + form.dataset.lesson + ' starter/' + form.dataset.lesson + '.ts'));
    } finally {
      button.disabled = false;
    }
  });
}
`;
