/**
 * `defineLesson`: the one call in a lesson folder's `index.ts`. It checks the lesson's metadata
 * (ids, exercises, aliases, concept-check questions) when the registry loads, so a malformed lesson fails every test at
 * once, and fills the defaults.
 */
import { GradkitError } from '@gradkit/core';
import type { ConceptQuestion, Exercise, Lesson } from './types.js';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** What a lesson folder's `index.ts` passes to {@link defineLesson}. */
export type LessonDefinition = Omit<Lesson, 'aliases' | 'figures' | 'exercises' | 'questions'> &
  Partial<Pick<Lesson, 'aliases' | 'figures' | 'exercises' | 'questions'>>;

/** A lesson's `questions.json` that does not hold 2–3 well-formed {@link ConceptQuestion}s. */
export class ConceptQuestionError extends GradkitError {
  /** The lesson whose questions are malformed. */
  readonly lesson: string;
  /** The offending field, e.g. `questions[1].answer`. */
  readonly field: string;
  constructor(lesson: string, field: string, message: string) {
    super(`defineLesson(${JSON.stringify(lesson)})`, `${field} ${message}`);
    this.lesson = lesson;
    this.field = field;
  }
}

/** Fewest and most concept-check questions a lesson has. */
export const QUESTIONS_PER_LESSON = { min: 2, max: 3 } as const;
/** Fewest and most choices a concept-check question offers. */
export const CHOICES_PER_QUESTION = { min: 3, max: 5 } as const;

/** A received value for an error message: JSON, cut at 60 characters. */
function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * Check a lesson's concept-check questions (its `questions.json`, parsed): 2–3 questions, each
 * with non-empty Markdown `question` and `explanation`, 3–5 distinct non-empty `choices` and an
 * integer `answer` indexing them. Throws {@link ConceptQuestionError} naming the lesson and the
 * field; returns copies holding only the four fields.
 */
export function checkConceptQuestions(lesson: string, questions: unknown): ConceptQuestion[] {
  const fail = (field: string, message: string): never => {
    throw new ConceptQuestionError(lesson, field, message);
  };
  const { min, max } = QUESTIONS_PER_LESSON;
  if (!Array.isArray(questions))
    fail('questions', `must be an array of ${min}–${max} questions, received ${show(questions)}`);
  const list = questions as unknown[];
  if (list.length < min || list.length > max)
    fail('questions', `must hold ${min}–${max} questions, received ${list.length}`);
  return list.map((item, i) => {
    const at = `questions[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      fail(at, `must be an object {question, choices, answer, explanation}, received ${show(item)}`);
    const q = item as Record<string, unknown>;
    const extra = Object.keys(q).filter((k) => !['question', 'choices', 'answer', 'explanation'].includes(k));
    if (extra.length)
      fail(
        `${at}.${extra[0]}`,
        'is not a field of a question; expected question, choices, answer, explanation',
      );
    if (!isText(q.question))
      fail(`${at}.question`, `must be non-empty Markdown, received ${show(q.question)}`);
    const { min: cmin, max: cmax } = CHOICES_PER_QUESTION;
    if (!Array.isArray(q.choices) || q.choices.length < cmin || q.choices.length > cmax)
      fail(`${at}.choices`, `must be an array of ${cmin}–${cmax} choices, received ${show(q.choices)}`);
    const choices = q.choices as unknown[];
    choices.forEach((c, j) => {
      if (!isText(c)) fail(`${at}.choices[${j}]`, `must be non-empty Markdown, received ${show(c)}`);
      const first = choices.findIndex((d) => typeof d === 'string' && d.trim() === (c as string).trim());
      if (first !== j)
        fail(`${at}.choices[${j}]`, `repeats choices[${first}] (${show(c)}); choices must be distinct`);
    });
    if (
      typeof q.answer !== 'number' ||
      !Number.isInteger(q.answer) ||
      q.answer < 0 ||
      q.answer >= choices.length
    )
      fail(
        `${at}.answer`,
        `must be the 0-based index of the right choice (an integer 0–${choices.length - 1}), received ${show(q.answer)}`,
      );
    if (!isText(q.explanation))
      fail(`${at}.explanation`, `must be non-empty Markdown, received ${show(q.explanation)}`);
    return {
      question: q.question as string,
      choices: [...(choices as string[])],
      answer: q.answer as number,
      explanation: q.explanation as string,
    };
  });
}

/** Check and complete a lesson's definition. Throws a `TypeError` naming the field. */
export function defineLesson(definition: LessonDefinition): Lesson {
  const where = `defineLesson(${JSON.stringify(definition.id)})`;
  if (typeof definition.id !== 'string' || !ID.test(definition.id))
    throw new TypeError(
      `${where}: id must be lower-case kebab case ([a-z0-9-]+), received ${JSON.stringify(definition.id)}`,
    );
  const lesson: Lesson = { aliases: [], figures: [], exercises: [], ...definition, questions: [] };
  // a lesson folder without questions.json yet has none (the course's tests require 2–3)
  if (definition.questions !== undefined)
    lesson.questions = checkConceptQuestions(definition.id, definition.questions);
  for (const alias of lesson.aliases)
    if (!ID.test(alias) || alias === lesson.id)
      throw new TypeError(
        `${where}: aliases must be other kebab-case ids, received ${JSON.stringify(alias)}`,
      );
  if (!lesson.title.trim()) throw new TypeError(`${where}: title must not be empty`);
  if (!lesson.packages.length || !lesson.packages.every((p) => /^@gradkit\/[a-z-]+$/.test(p)))
    throw new TypeError(
      `${where}: packages must list @gradkit packages, received ${JSON.stringify(lesson.packages)}`,
    );
  const seen = new Set<string>();
  for (const ex of lesson.exercises as Exercise[]) {
    if (!ID.test(ex.id))
      throw new TypeError(`${where}: exercise id ${JSON.stringify(ex.id)} is not kebab case`);
    if (seen.has(ex.id)) throw new TypeError(`${where}: exercise id ${JSON.stringify(ex.id)} repeats`);
    seen.add(ex.id);
    if (!/^[A-Za-z_$][\w$]*$/.test(ex.check.export))
      throw new TypeError(
        `${where}: exercise ${ex.id}: export must be an identifier, received ${JSON.stringify(ex.check.export)}`,
      );
  }
  return lesson;
}
