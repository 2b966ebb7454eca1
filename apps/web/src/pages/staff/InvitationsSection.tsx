import { Alert, Button, List, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useInvitations, useInvite } from '../../api/hooks';
import type { InvitationOutcome, ModuleDetail } from '../../api/types';
import { EmailsField } from '../../components/EmailsField';
import { ErrorAlert } from '../../components/State';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../i18n/languages';
import { formatDate, parseAddressList } from '../../lib/format';

const GROUPS = ['enrolled', 'invited', 'alreadyEnrolled', 'invalid'] as const satisfies (keyof InvitationOutcome)[];

/** Invite a pasted list (one a line, a CSV column, an address book export) to the module; see who came. */
export function InvitationsSection({ slug, module }: { slug: string; module: ModuleDetail | undefined }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [track, setTrack] = useState('');
  const [language, setLanguage] = useState<Language>(isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE);
  const [invalid, setInvalid] = useState<string | null>(null);
  const invite = useInvite(slug);
  const invitations = useInvitations(slug);
  if (!module) return null;
  const tracks = module.tracks ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { emails, invalid: mistyped } = parseAddressList(text);
    if (!emails.length) return setInvalid('emails');
    if (tracks.length && !track) return setInvalid('track');
    setInvalid(null);
    // The mistyped ones go too, so the results name every address that was pasted.
    invite.mutate({ emails: [...emails, ...mistyped], locale: language, ...(track ? { track } : {}) });
  };
  const items = invitations.data?.items ?? [];
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-labelledby="invitations-title">
        <Stack>
          <Title order={2} size="h3" id="invitations-title">
            {t('invitations.title')}
          </Title>
          <Text>{t('invitations.intro')}</Text>
          <EmailsField label={t('invitations.emails')} value={text} onChange={setText} missing={invalid === 'emails'} />
          {tracks.length > 0 && (
            <NativeSelect
              label={t('invitations.track')}
              required
              value={track}
              onChange={(event) => setTrack(event.currentTarget.value)}
              error={invalid === 'track' ? t('invitations.chooseTrack') : undefined}
              data={[
                { value: '', label: '—' },
                ...tracks.map((option) => ({ value: option.key, label: option.title })),
              ]}
            />
          )}
          <NativeSelect
            label={t('invitations.language')}
            value={language}
            onChange={(event) => setLanguage(event.currentTarget.value as Language)}
            data={LANGUAGES.map((option) => ({ value: option, label: LANGUAGE_NAMES[option] }))}
          />
          <ErrorAlert error={invite.error} />
          {invite.data && (
            <Alert color="teal" role="status" title={t('invitations.done')}>
              {GROUPS.filter((group) => invite.data[group].length > 0).map((group) => (
                <div key={group}>
                  <Text size="sm" fw={700} id={`invitations-${group}`}>
                    {t(`invitations.${group}`, { count: invite.data[group].length })}
                  </Text>
                  <List size="sm" aria-labelledby={`invitations-${group}`}>
                    {invite.data[group].map((email) => (
                      <List.Item key={email}>{email}</List.Item>
                    ))}
                  </List>
                </div>
              ))}
            </Alert>
          )}
          <Button type="submit" loading={invite.isPending} w="fit-content">
            {t('invitations.send')}
          </Button>
          {items.length > 0 && (
            <Table.ScrollContainer minWidth={480}>
              <Table>
                <Table.Caption>{t('invitations.sent')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('auth.email')}</Table.Th>
                    <Table.Th scope="col">{t('invitations.status')}</Table.Th>
                    <Table.Th scope="col">{t('invitations.invitedAt')}</Table.Th>
                    <Table.Th scope="col">{t('invitations.enrolledAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={item.email}>
                      <Table.Td>{item.email}</Table.Td>
                      <Table.Td>{t(`invitations.state.${item.status}`)}</Table.Td>
                      <Table.Td>{formatDate(item.invitedAt, i18n.language)}</Table.Td>
                      <Table.Td>{formatDate(item.enrolledAt, i18n.language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
