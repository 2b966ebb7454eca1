// Mantine's CSS for the components this page adds to the always-loaded ones (styles/mantine.css).
import '@mantine/core/styles/ScrollArea.layer.css';
import '@mantine/core/styles/Overlay.layer.css';
import '@mantine/core/styles/Popover.layer.css';
import '@mantine/core/styles/ActionIcon.layer.css';
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/Combobox.layer.css';
import '@mantine/core/styles/PasswordInput.layer.css';
import { Alert, Button, Paper, PasswordInput, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangeLanguage, useMe, useUpdateMe } from '../api/session';
import { ErrorAlert, Loading } from '../components/State';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/languages';
import { usePageTitle } from '../lib/usePageTitle';

function DetailsForm({ name: initialName, locale }: { name: string; locale: Language }) {
  const { t } = useTranslation();
  const update = useUpdateMe();
  const changeLanguage = useChangeLanguage();
  const [name, setName] = useState(initialName);
  const [language, setLanguage] = useState<Language>(locale);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ name: name.trim(), locale: language }, { onSuccess: () => void changeLanguage(language) });
  };
  return (
    <form onSubmit={submit} aria-labelledby="details-heading">
      <Stack>
        <Title order={2} size="h3" id="details-heading">
          {t('profile.details')}
        </Title>
        <TextInput
          label={t('profile.name')}
          description={t('profile.nameHelp')}
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Select
          label={t('profile.language')}
          value={language}
          allowDeselect={false}
          onChange={(value) => value && setLanguage(value as Language)}
          data={LANGUAGES.map((option) => ({ value: option, label: LANGUAGE_NAMES[option] }))}
        />
        <ErrorAlert error={update.error} />
        {update.isSuccess && (
          <Alert color="teal" role="status">
            {t('profile.saved')}
          </Alert>
        )}
        <Button type="submit" loading={update.isPending} w="fit-content">
          {t('profile.save')}
        </Button>
      </Stack>
    </form>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const update = useUpdateMe();
  const [currentPassword, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length < 10) return;
    update.mutate(
      { currentPassword, password },
      {
        onSuccess: () => {
          setCurrent('');
          setPassword('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-labelledby="password-heading" noValidate>
      <Stack>
        <Title order={2} size="h3" id="password-heading">
          {t('profile.password')}
        </Title>
        <PasswordInput
          label={t('profile.currentPassword')}
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(event) => setCurrent(event.currentTarget.value)}
        />
        <PasswordInput
          label={t('profile.newPassword')}
          description={t('auth.passwordHelp')}
          autoComplete="new-password"
          required
          value={password}
          error={password.length > 0 && password.length < 10 ? t('auth.passwordTooShort') : undefined}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <ErrorAlert error={update.error} />
        {update.isSuccess && (
          <Alert color="teal" role="status">
            {t('profile.passwordChanged')}
          </Alert>
        )}
        <Button type="submit" loading={update.isPending} w="fit-content">
          {t('profile.changePassword')}
        </Button>
      </Stack>
    </form>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('profile.title'));
  const { data: me } = useMe();
  if (!me) return <Loading />;
  return (
    <Stack maw={560}>
      <Title order={1}>{t('profile.title')}</Title>
      <Paper withBorder p="lg">
        <DetailsForm name={me.name} locale={me.locale} />
      </Paper>
      <Paper withBorder p="lg">
        <PasswordForm />
      </Paper>
    </Stack>
  );
}
