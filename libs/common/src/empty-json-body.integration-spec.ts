import { Module } from '@nestjs/common';
import { AuthModule } from '@greenlight/auth';
import { CourseModule } from '@greenlight/course';
import { QueueModule } from '@greenlight/queue';
import { makeStaff, startTestApp, TestApp } from '@greenlight/testing';
import { CoreModule } from './core.module';

@Module({ imports: [CoreModule, QueueModule, AuthModule, CourseModule] })
class EmptyBodyTestModule {}

describe('a POST that takes no body', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(() => EmptyBodyTestModule);
  });
  afterAll(() => t.close());

  async function draft(slug: string, token: string) {
    const document = {
      slug,
      title: 'Empty bodies',
      summary: 'A module published by clients that send no body.',
      units: [{ key: 'u1', title: 'One', items: [{ key: 'read', kind: 'lesson', title: 'Read', body: 'Hello' }] }],
    };
    const created = await t.request('POST', '/api/modules', { token, body: document });
    expect(created.body).toMatchObject({ slug });
  }

  it.each([
    ['no body and no content type', {}],
    ['an empty body sent as application/json', { rawBody: '', headers: { 'content-type': 'application/json' } }],
    ['only spaces sent as application/json', { rawBody: '  \n', headers: { 'content-type': 'application/json' } }],
    ['{}', { body: {} }],
  ])('publishes with %s', async (_, options) => {
    const staff = await makeStaff(t);
    const slug = `empty-body-${Math.random().toString(36).slice(2, 8)}`;
    await draft(slug, staff.token);
    const res = await t.request('POST', `/api/modules/${slug}/publish`, { token: staff.token, ...options });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1 });
  });

  it('still refuses malformed JSON with 400', async () => {
    const staff = await makeStaff(t);
    const res = await t.request('POST', '/api/modules/anything/publish', {
      token: staff.token,
      rawBody: '{"oops"',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('answers logout sent as application/json with an empty body like logout with none', async () => {
    const plain = await t.request('POST', '/api/auth/logout');
    const emptyJson = await t.request('POST', '/api/auth/logout', {
      rawBody: '',
      headers: { 'content-type': 'application/json' },
    });
    expect(plain.status).toBeLessThan(300);
    expect(emptyJson.status).toBe(plain.status);
  });
});
