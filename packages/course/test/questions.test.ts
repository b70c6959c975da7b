// Every lesson page ends its teaching with 2–3 concept-check questions ("Check your
// understanding", apps/docs/scripts/course.ts): each lesson folder's questions.json, loaded into
// the registry by its index.ts and checked by defineLesson (checkConceptQuestions).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHOICES_PER_QUESTION,
  ConceptQuestionError,
  checkConceptQuestions,
  QUESTIONS_PER_LESSON,
} from '../src/lesson.js';
import { lessonDir } from '../src/node.js';
import { lessons } from '../src/registry.js';

const good = {
  question: 'What is $1 + 1$?',
  choices: ['1', '2', '3'],
  answer: 1,
  explanation: 'One and one make two.',
};

/** The error `checkConceptQuestions('demo-lesson', value)` throws. */
function errorOf(value: unknown): ConceptQuestionError {
  try {
    checkConceptQuestions('demo-lesson', value);
  } catch (e) {
    if (e instanceof ConceptQuestionError) return e;
    throw e;
  }
  throw new Error(`checkConceptQuestions accepted ${JSON.stringify(value)}`);
}

/** `$` signs that delimit math (not `\$`), which must pair up or the page shows a stray `$`. */
const dollars = (md: string) => (md.replace(/\\\$/g, '').match(/\$/g) ?? []).length;

describe('concept-check questions', () => {
  it('every lesson has 2–3 valid questions (its questions.json, loaded into the registry)', () => {
    const missing: string[] = [];
    for (const l of lessons) {
      const file = join(lessonDir(l), 'questions.json');
      if (!existsSync(file)) {
        missing.push(`${l.id} (no questions.json)`);
        continue;
      }
      // the registry holds exactly the file's questions, checked
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      if (l.questions.length === 0) {
        missing.push(`${l.id} (questions.json not imported by its index.ts)`);
        continue;
      }
      expect(l.questions, l.id).toEqual(checkConceptQuestions(l.id, parsed));
      expect(l.questions.length, l.id).toBeGreaterThanOrEqual(QUESTIONS_PER_LESSON.min);
      expect(l.questions.length, l.id).toBeLessThanOrEqual(QUESTIONS_PER_LESSON.max);
      for (const [i, q] of l.questions.entries()) {
        expect(q.choices.length, `${l.id} questions[${i}]`).toBeGreaterThanOrEqual(CHOICES_PER_QUESTION.min);
        expect(q.choices.length, `${l.id} questions[${i}]`).toBeLessThanOrEqual(CHOICES_PER_QUESTION.max);
        for (const [field, md] of [
          ['question', q.question],
          ['explanation', q.explanation],
          ...q.choices.map((c, j) => [`choices[${j}]`, c]),
        ] as const)
          expect(dollars(md) % 2, `${l.id} questions[${i}].${field}: unpaired $ in ${md}`).toBe(0);
      }
    }
    expect(missing, 'lessons without concept-check questions').toEqual([]);
  });

  it('the right answers are spread over the positions, not always the same choice', () => {
    const answers = lessons.flatMap((l) => l.questions.map((q) => q.answer));
    expect(answers.length).toBeGreaterThan(0);
    const counts = new Map<number, number>();
    for (const a of answers) counts.set(a, (counts.get(a) ?? 0) + 1);
    // no position holds half of all right answers, and at least three positions are used
    expect(Math.max(...counts.values())).toBeLessThan(answers.length / 2);
    expect(counts.size).toBeGreaterThanOrEqual(3);
    // within a lesson of three questions, not all three answers in the same place
    for (const l of lessons)
      if (l.questions.length === 3)
        expect(new Set(l.questions.map((q) => q.answer)).size, `${l.id}: answer positions`).toBeGreaterThan(
          1,
        );
  });

  it('accepts a well-formed list and keeps only the four fields', () => {
    expect(checkConceptQuestions('demo-lesson', [good, { ...good, answer: 2 }])).toEqual([
      good,
      { ...good, answer: 2 },
    ]);
  });

  it('rejects malformed questions with an error naming the lesson and the field', () => {
    const cases: [unknown, string, RegExp][] = [
      [{}, 'questions', /must be an array of 2–3 questions, received \{\}/],
      [[good], 'questions', /must hold 2–3 questions, received 1/],
      [[good, good, good, good], 'questions', /received 4/],
      [[good, 'why?'], 'questions[1]', /must be an object/],
      [[good, { ...good, question: ' ' }], 'questions[1].question', /non-empty Markdown, received " "/],
      [[good, { ...good, choices: ['a', 'b'] }], 'questions[1].choices', /3–5 choices, received \["a","b"\]/],
      [[good, { ...good, choices: ['a', 'b', 'c', 'd', 'e', 'f'] }], 'questions[1].choices', /3–5 choices/],
      [[good, { ...good, choices: ['a', 'b', 'a'] }], 'questions[1].choices[2]', /repeats choices\[0\]/],
      [[good, { ...good, choices: ['a', 2, 'c'] }], 'questions[1].choices[1]', /received 2/],
      [[good, { ...good, answer: 3 }], 'questions[1].answer', /integer 0–2\), received 3/],
      [[good, { ...good, answer: 1.5 }], 'questions[1].answer', /received 1.5/],
      [[good, { ...good, answer: '1' }], 'questions[1].answer', /received "1"/],
      [[{ ...good, explanation: '' }, good], 'questions[0].explanation', /non-empty Markdown, received ""/],
      [[good, { ...good, hint: 'x' }], 'questions[1].hint', /is not a field of a question/],
    ];
    for (const [value, field, message] of cases) {
      const e = errorOf(value);
      expect(e.lesson).toBe('demo-lesson');
      expect(e.field).toBe(field);
      expect(e.message).toMatch(/^defineLesson\("demo-lesson"\): /);
      expect(e.message).toContain(field);
      expect(e.message).toMatch(message);
    }
  });
});
