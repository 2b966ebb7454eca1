// Mantine's CSS for the components these pages add to the always-loaded ones (styles/mantine.css).
import '@mantine/core/styles/ActionIcon.layer.css';
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/PasswordInput.layer.css';
import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { useConfirmEmail, useRequestPasswordReset, useResetPassword } from '../api/session';
import { ErrorAlert, Loading } from '../components/State';
import { usePageTitle } from '../lib/usePageTitle';

/** Asks for the link by email, or (opened from that link) sets the new password. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.resetTitle'));
  const [params] = useSearchParams();
  const token = params.get('token');
  return (
    <Stack maw={480} mx="auto">
      <Title order={1}>{t('account.resetTitle')}</Title>
      <Paper withBorder p="lg">
        {token ? <NewPasswordForm token={token} /> : <RequestLinkForm />}
      </Paper>
    </Stack>
  );
}

function RequestLinkForm() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate({ email: email.trim() });
  };
  if (request.isSuccess) return <Alert color="green">{t('account.linkSent')}</Alert>;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{t('account.resetIntro')}</Text>
        <ErrorAlert error={request.error} title={t('account.failed')} />
        <TextInput
          label={t('auth.email')}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
        />
        <Button type="submit" loading={request.isPending} w="fit-content">
          {t('account.sendLink')}
        </Button>
      </Stack>
    </form>
  );
}

function NewPasswordForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const tooShort = password.length > 0 && password.length < 10;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length >= 10) reset.mutate({ token, password });
  };
  if (reset.isSuccess) return <Navigate to="/" replace />;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={reset.error} title={t('account.failed')} />
        <PasswordInput
          label={t('account.newPassword')}
          description={t('auth.passwordHelp')}
          autoComplete="new-password"
          required
          value={password}
          error={tooShort ? t('auth.passwordTooShort') : undefined}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <Button type="submit" loading={reset.isPending} w="fit-content">
          {t('account.savePassword')}
        </Button>
      </Stack>
    </form>
  );
}

/** Where the verification email's link lands: confirms the address once, on arrival. */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.verifyTitle'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useConfirmEmail();
  const { mutate } = confirm;
  useEffect(() => mutate({ token }), [mutate, token]);
  return (
    <Stack maw={480} mx="auto">
      <Title order={1}>{t('account.verifyTitle')}</Title>
      {confirm.isPending && <Loading />}
      {confirm.isSuccess && <Alert color="green">{t('account.verified')}</Alert>}
      <ErrorAlert error={confirm.error} title={t('account.failed')} />
      <Anchor component={Link} to="/">
        {t('account.toCatalog')}
      </Anchor>
    </Stack>
  );
}
