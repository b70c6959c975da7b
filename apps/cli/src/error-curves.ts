/**
 * The coursework's figure as a self-contained SVG: training error (red) and validation error
 * (blue) per epoch, y from 0 to 100 %, x from 0 to the number of epochs, the original 37.45 %
 * result as a dotted black line, title "Validation Result xx.xx" (CM20315 Coursework II/III).
 */

export interface ErrorCurves {
  trainError: readonly number[];
  valError: readonly number[];
  /** Horizontal reference line (the coursework baseline 37.45 %); omit for none. */
  baseline?: number;
  title?: string;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Render the error curves as an SVG document (640×480, axes, ticks, legend). */
export function errorCurvesSvg(c: ErrorCurves): string {
  const W = 640;
  const H = 480;
  const m = { left: 60, right: 20, top: 40, bottom: 50 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const n = Math.max(c.trainError.length, c.valError.length, 1);
  const sx = (e: number) => m.left + (e / n) * pw;
  const sy = (v: number) => m.top + (1 - Math.min(100, Math.max(0, v)) / 100) * ph;
  const f = (v: number) => v.toFixed(2);
  const line = (ys: readonly number[], color: string, extra = '') => {
    const pts = ys
      .map((v, i) => (Number.isFinite(v) ? `${f(sx(i))},${f(sy(v))}` : null))
      .filter((p) => p !== null);
    return pts.length
      ? `<polyline fill="none" stroke="${color}" stroke-width="1.5" ${extra}points="${pts.join(' ')}"/>`
      : '';
  };
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12" role="img" aria-label="${esc(c.title ?? 'error curves')}">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="black"/>`,
  ];
  for (let v = 0; v <= 100; v += 20)
    parts.push(
      `<line x1="${m.left - 4}" x2="${m.left}" y1="${f(sy(v))}" y2="${f(sy(v))}" stroke="black"/>`,
      `<text x="${m.left - 8}" y="${f(sy(v) + 4)}" text-anchor="end">${v}</text>`,
    );
  const step = n <= 10 ? 1 : n <= 20 ? 2 : n <= 50 ? 10 : Math.ceil(n / 50) * 10;
  for (let e = 0; e <= n; e += step)
    parts.push(
      `<line x1="${f(sx(e))}" x2="${f(sx(e))}" y1="${m.top + ph}" y2="${m.top + ph + 4}" stroke="black"/>`,
      `<text x="${f(sx(e))}" y="${m.top + ph + 18}" text-anchor="middle">${e}</text>`,
    );
  parts.push(
    `<text x="${m.left + pw / 2}" y="${H - 12}" text-anchor="middle">Epoch</text>`,
    `<text transform="translate(16 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">Error</text>`,
  );
  if (c.title)
    parts.push(
      `<text x="${m.left + pw / 2}" y="${m.top - 14}" text-anchor="middle" font-size="14">${esc(c.title)}</text>`,
    );
  parts.push(line(c.trainError, 'red'), line(c.valError, 'blue'));
  if (c.baseline !== undefined)
    parts.push(
      `<line x1="${m.left}" x2="${m.left + pw}" y1="${f(sy(c.baseline))}" y2="${f(sy(c.baseline))}" stroke="black" stroke-dasharray="2 3"/>`,
    );
  const lx = m.left + pw - 120;
  const ly = m.top + 12;
  parts.push(
    `<rect x="${lx - 8}" y="${ly - 10}" width="120" height="${c.baseline !== undefined ? 58 : 40}" fill="white" stroke="#ccc"/>`,
    `<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="red" stroke-width="1.5"/><text x="${lx + 30}" y="${ly + 4}">train</text>`,
    `<line x1="${lx}" x2="${lx + 24}" y1="${ly + 18}" y2="${ly + 18}" stroke="blue" stroke-width="1.5"/><text x="${lx + 30}" y="${ly + 22}">validation</text>`,
  );
  if (c.baseline !== undefined)
    parts.push(
      `<line x1="${lx}" x2="${lx + 24}" y1="${ly + 36}" y2="${ly + 36}" stroke="black" stroke-dasharray="2 3"/><text x="${lx + 30}" y="${ly + 40}">${c.baseline}%</text>`,
    );
  parts.push('</svg>');
  return `${parts.filter(Boolean).join('\n')}\n`;
}
