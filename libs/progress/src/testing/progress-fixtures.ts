import { Module } from '@nestjs/common';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { CourseModule } from '@greenlight/course';
import { QueueModule } from '@greenlight/queue';
import type { TestApp, TestUser } from '@greenlight/testing';
import { ProgressModule } from '../progress.module';

/** The course and progress services together, as the platform mounts them. */
@Module({ imports: [CoreModule, QueueModule, AuthModule, CourseModule, ProgressModule] })
export class ProgressTestModule {}

let counter = 0;

/**
 * A module with two tracks: unit u1 for everyone (a lesson, a quiz, a live session), u2 only for
 * the established track (one lesson). A fresh slug each time keeps tests independent.
 */
export function moduleDocument(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    slug: `progress-${counter}-${Date.now().toString(36)}`,
    title: { en: 'Banking for Producers', fr: 'Les banques et les producteurs' },
    summary: 'Interim financing.',
    certificate: { enabled: true, cpdHours: 4.5 },
    tracks: [
      { key: 'emerging', title: 'Emerging' },
      { key: 'established', title: 'Established' },
    ],
    units: [
      {
        key: 'u1',
        title: { en: 'Banks', fr: 'Les banques' },
        items: [
          { key: 'read', kind: 'lesson', title: 'Read', body: 'Hello' },
          {
            key: 'check',
            kind: 'quiz',
            title: 'Check',
            passMark: 70,
            maxAttempts: 2,
            questions: [
              {
                key: 'q1',
                type: 'single',
                prompt: 'Which?',
                options: [
                  { key: 'a', text: 'Right', correct: true, feedback: 'Yes' },
                  { key: 'b', text: 'Wrong', feedback: 'No' },
                ],
              },
              { key: 'q2', type: 'truefalse', prompt: 'True?', answer: true },
              { key: 'q3', type: 'short', prompt: 'Name it', accept: ['interim financing'] },
            ],
          },
          {
            key: 'webinar',
            kind: 'event',
            title: 'Webinar',
            startsAt: '2026-03-04T18:00:00-05:00',
            endsAt: '2026-03-04T19:00:00-05:00',
            joinUrl: 'https://example.org/webinar',
          },
        ],
      },
      {
        key: 'u2',
        title: 'Deals',
        tracks: ['established'],
        items: [{ key: 'deal', kind: 'lesson', title: 'Deal', body: 'B' }],
      },
    ],
    ...overrides,
  };
}

/** A module with no tracks and one lesson, for completion races. */
export function oneLessonModule(overrides: Record<string, unknown> = {}) {
  return moduleDocument({
    tracks: [],
    units: [{ key: 'u1', title: 'Only', items: [{ key: 'read', kind: 'lesson', title: 'Read', body: 'Hi' }] }],
    ...overrides,
  });
}

export async function publish(t: TestApp, staff: TestUser, document: { slug: string }) {
  const created = await t.request('POST', '/api/modules', { token: staff.token, body: document });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${created.text}`);
  const published = await t.request('POST', `/api/modules/${document.slug}/publish`, { token: staff.token });
  if (published.status !== 201) throw new Error(`publish failed: ${published.status} ${published.text}`);
  const read = await t.request('GET', `/api/modules/${document.slug}?include=answers`, { token: staff.token });
  return read.body as ModuleRead;
}

export interface ModuleRead {
  id: string;
  slug: string;
  version: number;
  units: {
    id: string;
    key: string;
    items: {
      id: string;
      key: string;
      kind: string;
      questions?: { id: string; key: string; options?: { id: string; key: string; text?: string }[] }[];
    }[];
  }[];
}

/** An item of a module read with `?include=answers`, by unit and item key. */
export function itemOf(module: ModuleRead, unitKey: string, itemKey: string) {
  const item = module.units.find((u) => u.key === unitKey)?.items.find((i) => i.key === itemKey);
  if (!item) throw new Error(`no item ${unitKey}/${itemKey}`);
  return item;
}

/** Right answers to the fixture quiz (`u1/check`), keyed by question id. */
export function rightAnswers(module: ModuleRead) {
  const quiz = itemOf(module, 'u1', 'check');
  const [q1, q2, q3] = quiz.questions!;
  return { [q1.id]: q1.options!.find((o) => o.key === 'a')!.id, [q2.id]: true, [q3.id]: '  Interim  Financing ' };
}

export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
