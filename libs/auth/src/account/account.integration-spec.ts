import { Module } from '@nestjs/common';
import { CoreModule } from '@greenlight/common';
import { MessagesModule, MessagesWorkerModule } from '@greenlight/messages';
import { QueueModule } from '@greenlight/queue';
import { MailCatcher, makeMember, startTestApp, TestApp } from '@greenlight/testing';
import { AuthModule } from '../auth.module';

jest.setTimeout(60_000);

/** Auth with the real mail path: the message log, the notifications queue, the worker, SMTP. */
@Module({ imports: [CoreModule, QueueModule, AuthModule, MessagesModule, MessagesWorkerModule] })
class AccountTestModule {}

/** The token of the link in a mail, as a person clicking it would bring it to the page. */
function linkIn(text: string, page: string): { url: URL; token: string } {
  const match = text.match(/https?:\/\/\S+/g)?.find((href) => new URL(href).pathname === page);
  if (!match) throw new Error(`no ${page} link in:\n${text}`);
  const url = new URL(match);
  return { url, token: url.searchParams.get('token')! };
}

describe('password reset and email verification by email', () => {
  let t: TestApp;
  let catcher: MailCatcher;

  beforeAll(async () => {
    catcher = await MailCatcher.start();
    t = await startTestApp(() => AccountTestModule, {
      env: { SMTP_URL: catcher.url, MESSAGES_POLL_MS: '200', PUBLIC_URL: 'https://learn.example.org' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await catcher?.close();
  });

  const mailTo = (email: string, subject: RegExp) =>
    catcher.next((mail) => mail.envelopeTo.includes(email.toLowerCase()) && subject.test(mail.subject ?? ''));

  it('mails a verification link at registration; following it once verifies the address', async () => {
    const member = await makeMember(t, { locale: 'fr' });
    expect(member.user).toMatchObject({ emailVerified: false });
    const mail = await mailTo(member.user.email, /Confirmez votre adresse/);
    const { url, token } = linkIn(mail.text!, '/verify-email');
    expect(url.origin).toBe('https://learn.example.org');

    const confirmed = await t.request('POST', '/api/auth/email-verification/confirm', { body: { token } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id: member.user.id, emailVerified: true });
    expect((await t.request('GET', '/api/auth/me', { token: member.token })).body.emailVerified).toBe(true);
    const again = await t.request('POST', '/api/auth/email-verification/confirm', { body: { token } });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('INVALID_TOKEN');
  });

  it('resets a forgotten password through the mailed link, once, and ends the old sessions', async () => {
    const member = await makeMember(t);
    const requested = await t.request('POST', '/api/auth/password-reset', { body: { email: member.user.email } });
    expect(requested.status).toBe(202);
    const mail = await mailTo(member.user.email, /Reset your/);
    const { token } = linkIn(mail.text!, '/reset-password');

    const reset = await t.request('POST', '/api/auth/password-reset/confirm', {
      body: { token, password: 'a fresh new passphrase' },
    });
    expect(reset.status).toBe(200);
    expect(reset.headers.get('set-cookie')).toMatch(/gl_session=/);
    expect(reset.body.user).toMatchObject({ id: member.user.id, emailVerified: true });
    expect((await t.request('GET', '/api/auth/me', { token: reset.body.accessToken })).status).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { token: member.token })).status).toBe(401);

    const reused = await t.request('POST', '/api/auth/password-reset/confirm', {
      body: { token, password: 'yet another passphrase' },
    });
    expect(reused.status).toBe(400);
    const login = (password: string) =>
      t.request('POST', '/api/auth/login', { body: { email: member.user.email, password } });
    expect((await login(member.password)).status).toBe(401);
    expect((await login('a fresh new passphrase')).status).toBe(200);
  });

  it('answers 202 for an unknown address too, and mails nothing', async () => {
    const res = await t.request('POST', '/api/auth/password-reset', { body: { email: 'nobody-here@example.org' } });
    expect(res.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(catcher.to('nobody-here@example.org')).toHaveLength(0);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM messages.messages WHERE to_address = $1`, [
      'nobody-here@example.org',
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a link after its hour, a weak password, and a token stored only as its hash', async () => {
    const member = await makeMember(t);
    await t.request('POST', '/api/auth/password-reset', { body: { email: member.user.email } });
    const { token } = linkIn((await mailTo(member.user.email, /Reset your/)).text!, '/reset-password');
    const { rows } = await t.db.pool.query(
      `SELECT encode(token_hash, 'hex') AS hash FROM auth.account_tokens WHERE user_id = $1 AND purpose = 'password_reset'`,
      [member.user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].hash).not.toContain(Buffer.from(token, 'base64url').toString('hex'));

    const weak = await t.request('POST', '/api/auth/password-reset/confirm', { body: { token, password: 'short' } });
    expect(weak.status).toBe(400);
    await t.db.pool.query(
      `UPDATE auth.account_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1`,
      [member.user.id],
    );
    const expired = await t.request('POST', '/api/auth/password-reset/confirm', {
      body: { token, password: 'long enough passphrase' },
    });
    expect(expired.status).toBe(400);
    expect(expired.body.code).toBe('INVALID_TOKEN');
  });
});
