import { Module } from '@nestjs/common';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { QueueModule } from '@greenlight/queue';
import { CourseModule } from '../course.module';

/** The course service with what it needs around it, as its integration tests boot it. */
@Module({ imports: [CoreModule, QueueModule, AuthModule, CourseModule] })
export class CourseTestModule {}

let counter = 0;

/** A small bilingual module with one of each item kind; a fresh slug each time so tests stay independent. */
export function moduleDocument(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    slug: `banking-${counter}`,
    title: { en: 'Banking for Producers', fr: 'Les banques et les producteurs' },
    summary: { en: 'Interim financing.', fr: 'Le financement provisoire.' },
    certificate: { enabled: true, cpdHours: 4.5 },
    tracks: [
      { key: 'emerging', title: { en: 'Emerging', fr: 'Émergents' } },
      { key: 'established', title: { en: 'Established', fr: 'Établis' } },
    ],
    units: [
      {
        key: 'u1',
        title: { en: 'Banks', fr: 'Les banques' },
        items: [
          { key: 'read', kind: 'lesson', title: 'Read', body: { en: 'Hello', fr: 'Bonjour' }, estimatedMinutes: 15 },
          {
            key: 'check',
            kind: 'quiz',
            title: 'Check',
            passMark: 70,
            maxAttempts: 3,
            questions: [
              {
                key: 'q1',
                type: 'single',
                prompt: { en: 'Which?', fr: 'Laquelle?' },
                options: [
                  { key: 'a', text: 'Right', correct: true, feedback: 'Yes' },
                  { key: 'b', text: 'Wrong' },
                ],
              },
              { key: 'q2', type: 'numeric', prompt: 'How much?', answer: 7.1, tolerance: 0.1 },
            ],
            gift: '::g1:: Name it. {=interim financing =gap financing}',
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
        items: [{ key: 'r', kind: 'lesson', title: 'R', body: 'B' }],
      },
    ],
    ...overrides,
  };
}
