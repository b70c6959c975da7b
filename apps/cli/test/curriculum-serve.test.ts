/**
 * `gradkit curriculum serve`'s grading for the course site's exercise editor, over HTTP (no site
 * build: a folder with a curriculum.json and one page): the pages it serves carry the grading
 * settings (`<meta name="gradkit-grading">`, which shows the editor's "Submit to your
 * instructor"; the file on disk has none), `GET api/grading` answers them, and with `records` a
 * submission must name its student and each graded one is appended to the records file as one
 * JSON line.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CurriculumServer, MAX_STUDENT, serveCurriculum } from '../src/curriculum/serve.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const honest = readFileSync(
  join(root, 'packages', 'solutions', 'lessons', '5-1-least-squares-loss.ts'),
  'utf8',
);
const PAGE =
  '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>5.1</title></head><body>lesson</body></html>\n';
const dir = mkdtempSync(join(tmpdir(), 'gradkit-serve-'));
const site = join(dir, 'site');
const records = join(dir, 'records.jsonl');

async function post(url: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(new URL('api/grade', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** The settings in a served page's meta tag. */
function metaSettings(html: string): unknown {
  const m = /<meta name="gradkit-grading" content="([^"]*)">/.exec(html);
  return m
    ? JSON.parse(
        m[1]!
          .replace(/&quot;/g, '"')
          .replace(/&lt;/g, '<')
          .replace(/&amp;/g, '&'),
      )
    : null;
}

beforeAll(() => {
  mkdirSync(join(site, 'lessons'), { recursive: true });
  writeFileSync(
    join(site, 'curriculum.json'),
    JSON.stringify({ title: 'Served', lessons: ['5-1-least-squares-loss', 'shallow'] }),
  );
  writeFileSync(join(site, 'lessons', '5-1-least-squares-loss.html'), PAGE);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('curriculum serve with records', () => {
  let server: CurriculumServer;
  beforeAll(async () => {
    server = await serveCurriculum(site, { port: 0, records });
  });
  afterAll(() => server.close());

  it('marks the pages it serves with the grading settings, and answers them at api/grading', async () => {
    const settings = { grading: true, records: true, lessons: ['5-1-least-squares-loss', 'shallow'] };
    const page = await fetch(new URL('lessons/5-1-least-squares-loss.html', server.url));
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(metaSettings(html)).toEqual(settings);
    // the tag right after <head>, the page otherwise as on disk (which has no tag)
    expect(html.replace(/<meta name="gradkit-grading"[^>]*>/, '')).toBe(PAGE);
    expect(
      metaSettings(readFileSync(join(site, 'lessons', '5-1-least-squares-loss.html'), 'utf8')),
    ).toBeNull();
    expect(await (await fetch(new URL('api/grading', server.url))).json()).toEqual(settings);
    expect((await fetch(new URL('api/grading', server.url), { method: 'POST' })).status).toBe(405);
  });

  it('refuses a submission without a student, grades and records one with', async () => {
    for (const student of [undefined, '', '   ', 'x'.repeat(MAX_STUDENT + 1), 'a\u0007b', 42]) {
      const r = await post(server.url, { lesson: 'loss-i', source: honest, student });
      expect(r.status, String(student)).toBe(400);
      expect(r.json.error.message).toMatch(
        /^"student" must be your name or student id \(1 to 100 characters/,
      );
    }
    expect(readFileSync(records, 'utf8')).toBe('');

    const good = await post(server.url, { lesson: 'loss-i', source: honest, student: '  Ada Lovelace ' });
    expect(good.status).toBe(200);
    expect(good.json.score).toBe(100);
    expect(good.json.recorded.student).toBe('Ada Lovelace');
    // σ where σ² belongs: the density, and the likelihood and NLL built on it, fail
    const wrong = honest.replace(/sigma \*\* 2|sigma \* sigma/g, 'sigma');
    expect(wrong).not.toBe(honest);
    const bad = await post(server.url, { lesson: '5-1-least-squares-loss', source: wrong, student: 'Alan' });
    expect(bad.status).toBe(200);
    expect(bad.json.score).toBeLessThan(100);
    // a lesson outside the served curriculum is not graded (nor recorded)
    const outside = await post(server.url, { lesson: 'coursework-i', source: honest, student: 'Alan' });
    expect(outside.status).toBe(400);
    expect(outside.json.error.message).toMatch(/^"lesson" must be one of /);

    const lines = readFileSync(records, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.student, l.lesson, l.score, l.passed, l.total])).toEqual([
      ['Ada Lovelace', '5-1-least-squares-loss', 100, 4, 4],
      ['Alan', '5-1-least-squares-loss', bad.json.score, bad.json.passed, 4],
    ]);
    expect(lines[0].exercises).toEqual(good.json.exercises.map((e: any) => ({ id: e.id, status: e.status })));
    expect(lines[1].source).toBe(wrong);
    expect(Date.parse(lines[0].time)).toBeGreaterThan(Date.now() - 600_000);
    expect(lines[0].time).toBe(good.json.recorded.time);
  });
});

describe('curriculum serve without records', () => {
  it('grades a submission without a student, records nothing, and says so in the settings', async () => {
    const server = await serveCurriculum(site, { port: 0 });
    try {
      const html = await (await fetch(new URL('lessons/5-1-least-squares-loss.html', server.url))).text();
      expect(metaSettings(html)).toEqual({
        grading: true,
        records: false,
        lessons: ['5-1-least-squares-loss', 'shallow'],
      });
      const r = await post(server.url, { lesson: 'loss-i', source: honest });
      expect(r.status).toBe(200);
      expect(r.json.score).toBe(100);
      expect(r.json.recorded).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('refuses a records file it cannot write, naming --records', async () => {
    await expect(
      serveCurriculum(site, { port: 0, records: join(dir, 'no-such-folder', 'r.jsonl') }),
    ).rejects.toThrow(
      /^--records expects a file in an existing folder .*, received ".*no-such-folder\/r\.jsonl"$/,
    );
    await expect(serveCurriculum(site, { port: 0, records: site })).rejects.toThrow(
      /^--records expects a file/,
    );
  });
});
