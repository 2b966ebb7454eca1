// Mantine's CSS for the components this page adds to the always-loaded ones (styles/mantine.css).
import '@mantine/core/styles/ActionIcon.layer.css';
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/Divider.layer.css';
import '@mantine/core/styles/PasswordInput.layer.css';
import '@mantine/core/styles/Tabs.layer.css';
import {
  Alert,
  Anchor,
  Button,
  Divider,
  Paper,
  PasswordInput,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { useMe, useSignIn, useSignInOptions, useSignUp } from '../api/session';
import type { SignInOptions } from '../api/types';
import { ErrorAlert, Loading } from '../components/State';
import type { Language } from '../i18n';
import { usePageTitle } from '../lib/usePageTitle';

/** Only same-site paths are followed after signing in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

function SignInForm() {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password });
  };
  return (
    <form onSubmit={submit} aria-labelledby="sign-in-heading" noValidate>
      <Stack>
        <Title order={2} size="h3" id="sign-in-heading">
          {t('auth.signInTitle')}
        </Title>
        <ErrorAlert error={signIn.error} title={t('auth.signInFailed')} />
        <TextInput
          label={t('auth.email')}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
        />
        <PasswordInput
          label={t('auth.password')}
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <Button type="submit" loading={signIn.isPending} w="fit-content">
          {t('auth.signIn')}
        </Button>
        <Anchor component={Link} to="/reset-password">
          {t('account.forgot')}
        </Anchor>
      </Stack>
    </form>
  );
}

function SignUpForm() {
  const { t, i18n } = useTranslation();
  const signUp = useSignUp();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const tooShort = password.length > 0 && password.length < 10;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length < 10) return;
    signUp.mutate({ name: name.trim(), email: email.trim(), password, locale: i18n.language as Language });
  };
  return (
    <form onSubmit={submit} aria-labelledby="sign-up-heading" noValidate>
      <Stack>
        <Title order={2} size="h3" id="sign-up-heading">
          {t('auth.signUpTitle')}
        </Title>
        <ErrorAlert error={signUp.error} title={t('auth.signUpFailed')} />
        <TextInput
          label={t('auth.name')}
          description={t('auth.nameHelp')}
          autoComplete="name"
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <TextInput
          label={t('auth.email')}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
        />
        <PasswordInput
          label={t('auth.password')}
          description={t('auth.passwordHelp')}
          autoComplete="new-password"
          required
          value={password}
          error={tooShort ? t('auth.passwordTooShort') : undefined}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <Button type="submit" loading={signUp.isPending} w="fit-content">
          {t('auth.signUp')}
        </Button>
      </Stack>
    </form>
  );
}

const SSO_REASONS = [
  'cancelled',
  'expired',
  'failed',
  'unavailable',
  'no_email',
  'unverified_email',
  'linked_elsewhere',
] as const;

/** "Sign in with <provider>": a full navigation to the provider, which comes back to `next`. */
function SingleSignOn({ oidc, next }: { oidc: NonNullable<SignInOptions['oidc']>; next: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const reason = SSO_REASONS.find((known) => known === params.get('sso'));
  return (
    <Stack>
      {reason && (
        <Alert color="red" variant="light" title={t('auth.ssoFailed')} role="alert">
          {t(`auth.sso.${reason}`)}
        </Alert>
      )}
      <Button size="md" onClick={() => window.location.assign(`${oidc.loginUrl}?${new URLSearchParams({ next })}`)}>
        {t('auth.signInWith', { provider: oidc.label })}
      </Button>
    </Stack>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.title'));
  const [params] = useSearchParams();
  const { data: me } = useMe();
  const options = useSignInOptions();
  const [tab, setTab] = useState<string | null>(params.get('mode') === 'signup' ? 'signup' : 'signin');
  const next = safeNext(params.get('next'));
  if (me) return <Navigate to={next} replace />;
  // Until the settings are known, neither a password form that may be turned off nor a missing button.
  if (!options.data) return options.error ? <ErrorAlert error={options.error} /> : <Loading />;
  const { oidc, localLogin } = options.data;
  return (
    <Stack maw={480} mx="auto">
      <Title order={1}>{localLogin ? t('auth.title') : t('auth.signInTitle')}</Title>
      <Text>{t('auth.intro')}</Text>
      {oidc && <SingleSignOn oidc={oidc} next={next} />}
      {oidc && localLogin && <Divider label={t('auth.or')} labelPosition="center" />}
      {localLogin && <PasswordForms tab={tab} setTab={setTab} />}
    </Stack>
  );
}

function PasswordForms({ tab, setTab }: { tab: string | null; setTab: (tab: string | null) => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg">
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="signin">{t('auth.signIn')}</Tabs.Tab>
          <Tabs.Tab value="signup">{t('auth.signUp')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="signin">
          <SignInForm />
        </Tabs.Panel>
        <Tabs.Panel value="signup">
          <SignUpForm />
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}
