import { localize, type Locale, type LocalizedText } from '@greenlight/common';
import type { DocumentQuestion } from '../module-document.schema';
import { GIFT_BLANK } from './gift-parser';

export interface GiftExport {
  gift: string;
  /** What GIFT cannot say, so an import of the text would differ (each names its question). */
  warnings: string[];
}

/** GIFT's special characters, escaped so they read back as text (a newline is written `\n`). */
function escape(text: string): string {
  return text.replace(/[\\:#=~{}]/g, (char) => `\\${char}`).replace(/\r?\n/g, '\\n');
}

const FORMAT_PREFIX = { plain: '[plain]', markdown: '[markdown]', html: '[html]', moodle: '[moodle]' } as const;

/** `%50%` (a weight written without float noise). */
const weightOf = (weight: number) => `%${Number(weight.toFixed(6))}%`;

/**
 * A quiz's questions as Moodle GIFT, in one language. Importing the text gives the same questions and
 * the same grading; what GIFT cannot express (question-level right/wrong feedback on anything but
 * true/false) is left out with a warning.
 */
export function questionsToGift(questions: DocumentQuestion[], locale: Locale = 'en'): GiftExport {
  const warnings: string[] = [];
  const text = (value: LocalizedText) => escape(localize(value, locale));
  const feedback = (value: LocalizedText | undefined) => (value === undefined ? '' : ` # ${text(value)}`);
  const blocks = questions.map((question) => {
    const title = `::${escape(question.key)}::`;
    const prompt = localize(question.prompt, locale);
    const format = FORMAT_PREFIX[question.format ?? 'plain'];
    if (question.type === 'description') return `${title}${format}${escape(prompt)}`;
    const general = question.generalFeedback === undefined ? '' : `\t####${text(question.generalFeedback)}\n`;
    if (question.type !== 'truefalse' && (question.feedback?.correct || question.feedback?.incorrect)) {
      warnings.push(`question "${question.key}": GIFT has no right/wrong feedback for this kind of question; it is left out`);
    }
    const lines: string[] = [];
    switch (question.type) {
      case 'single':
        if (question.options.every((o) => o.correct || o.weight === 100)) {
          warnings.push(`question "${question.key}": GIFT reads a choice with no wrong option as a short answer`);
        }
        for (const option of question.options) {
          const full = option.correct || option.weight === 100;
          const marker = full ? '=' : option.weight ? `~${weightOf(option.weight)}` : '~';
          lines.push(`\t${marker}${text(option.text)}${feedback(option.feedback)}`);
        }
        break;
      case 'multiple': {
        // Share-of-correct scoring is the same as each right option worth 100/n and each wrong one −100/n.
        const weighted = question.options.some((o) => o.weight !== undefined);
        const right = question.options.filter((o) => o.correct).length || 1;
        for (const option of question.options) {
          const weight = weighted ? (option.weight ?? 0) : (option.correct ? 100 : -100) / right;
          lines.push(`\t~${weightOf(weight)}${text(option.text)}${feedback(option.feedback)}`);
        }
        break;
      }
      case 'truefalse': {
        const wrong = question.feedback?.incorrect;
        const right = question.feedback?.correct;
        const tail = wrong || right ? `#${wrong ? text(wrong) : ''}${right ? `#${text(right)}` : ''}` : '';
        return block(title, format, prompt, `${question.answer ? 'TRUE' : 'FALSE'}${tail}${general.trim()}`);
      }
      case 'short':
        for (const entry of question.accept) {
          const accepted = typeof entry === 'object' && 'text' in entry ? entry : { text: entry };
          const weight = accepted.weight === undefined || accepted.weight === 100 ? '' : weightOf(accepted.weight);
          lines.push(`\t=${weight}${text(accepted.text)}${feedback(accepted.feedback)}`);
        }
        break;
      case 'numeric': {
        const number = (n: number) => String(n);
        for (const answer of question.answers ?? []) {
          const weight = answer.weight === undefined || answer.weight === 100 ? '' : weightOf(answer.weight);
          const value =
            answer.value !== undefined ? `${number(answer.value)}:${number(answer.tolerance ?? 0)}` : `${answer.min}..${answer.max}`;
          lines.push(`\t=${weight}${value}${feedback(answer.feedback)}`);
        }
        if (question.answer !== null) lines.push(`\t=${number(question.answer)}:${number(question.tolerance)}`);
        for (const range of question.ranges ?? []) lines.push(`\t=${number(range.min)}..${number(range.max)}`);
        if (question.otherwiseFeedback !== undefined) lines.push(`\t~#${text(question.otherwiseFeedback)}`);
        return block(title, format, prompt, `#\n${lines.join('\n')}\n${general}`);
      }
      case 'matching':
        for (const pair of question.pairs) lines.push(`\t=${text(pair.left)} -> ${text(pair.right)}`);
        for (const extra of question.distractors ?? []) lines.push(`\t= -> ${text(extra)}`);
        break;
    }
    return block(title, format, prompt, `\n${lines.join('\n')}\n${general}`);
  });
  return { gift: `${blocks.join('\n\n')}\n`, warnings };
}

/** The answer block goes where a missing word's blank is, else after the prompt. */
function block(title: string, format: string, prompt: string, answers: string): string {
  const blank = prompt.indexOf(GIFT_BLANK);
  if (blank === -1) return `${title}${format}${escape(prompt)} {${answers}}`;
  const before = escape(prompt.slice(0, blank));
  const after = escape(prompt.slice(blank + GIFT_BLANK.length));
  return `${title}${format}${before}{${answers}}${after}`;
}
