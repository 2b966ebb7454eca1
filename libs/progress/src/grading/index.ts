/**
 * The pure grading function on its own, for the course service's draft preview: importing it through
 * `@greenlight/progress/grading` keeps the course lib from loading the progress lib's modules, which
 * themselves import the course lib.
 */
export { gradeAttempt } from './grading';
export type { Answer, GradedAttempt, QuestionResult } from './grading';
export { ATTEMPT_ANSWERS_DESCRIPTION, attemptAnswers } from './answers.schema';
