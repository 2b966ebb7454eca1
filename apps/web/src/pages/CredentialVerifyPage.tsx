import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/ThemeIcon.layer.css';
import { Alert, Anchor, Button, FileInput, List, Stack, Text, Textarea, ThemeIcon, Title } from '@mantine/core';
import { type DragEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useVerifyCredential } from '../api/hooks';
import type { CredentialVerification } from '../api/types';
import { ErrorAlert } from '../components/State';
import { standingOf } from '../lib/certificate-standing';
import { usePageTitle } from '../lib/usePageTitle';

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

/** What to send for the text someone pasted: the JSON itself, `{jwt}` for a VC-JWT, or null when it is neither. */
export function credentialBody(text: string): Record<string, unknown> | null {
  const trimmed = text.trim();
  if (JWT.test(trimmed)) return { jwt: trimmed };
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (typeof parsed === 'string' && JWT.test(parsed.trim())) return { jwt: parsed.trim() };
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function Result({ result }: { result: CredentialVerification }) {
  const { t } = useTranslation();
  const certificate = result.certificate;
  return (
    <Stack>
      <Alert
        color={result.verified ? 'teal' : 'red'}
        variant="filled"
        title={t(result.verified ? 'verifyCredential.verifiedTitle' : 'verifyCredential.failedTitle')}
        role="status"
      >
        {t(result.verified ? 'verifyCredential.verified' : 'verifyCredential.failed')}
      </Alert>
      <Title order={2} size="h3">
        {t('verifyCredential.checks')}
      </Title>
      <List spacing="sm" listStyleType="none" p={0} aria-label={t('verifyCredential.checks')}>
        {result.checks.map((check) => (
          <List.Item
            key={check.id}
            icon={
              <ThemeIcon color={check.ok ? 'teal.9' : 'red.9'} radius="xl" size="sm" aria-hidden>
                {check.ok ? '✓' : '✗'}
              </ThemeIcon>
            }
          >
            <strong>
              {t(`verifyCredential.${check.id}`)} (
              {t(check.ok ? 'verifyCredential.passed' : 'verifyCredential.notPassed')}):
            </strong>{' '}
            {check.message}
          </List.Item>
        ))}
      </List>
      {certificate && (
        <Stack gap={4}>
          <Title order={2} size="h3">
            {t('verifyCredential.ours')}
          </Title>
          <Text>
            {certificate.holderName}, {certificate.module.title}
          </Text>
          <Text>
            {t('verifyCredential.certificateStatus', {
              status: t(`certStatus.${standingOf(certificate)}`),
            })}
          </Text>
          <Anchor component={Link} to={`/verify/${encodeURIComponent(certificate.serial)}`}>
            {t('verifyCredential.openCertificate', { serial: certificate.serial })}
          </Anchor>
        </Stack>
      )}
    </Stack>
  );
}

/** Public: anyone pastes or drops a credential and sees every check, in their language. */
export function CredentialVerifyPage() {
  const { t } = useTranslation();
  usePageTitle(t('verifyCredential.title'));
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const verify = useVerifyCredential();

  const read = async (file: File | null) => {
    if (!file) return;
    try {
      setText(await file.text());
      setProblem(null);
    } catch {
      setProblem(t('verifyCredential.unreadableFile'));
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    void read(event.dataTransfer.files[0] ?? null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setProblem(t('verifyCredential.empty'));
    const body = credentialBody(text);
    if (!body) return setProblem(t('verifyCredential.notJson'));
    setProblem(null);
    verify.mutate(body);
  };

  return (
    <Stack maw={760}>
      <Title order={1}>{t('verifyCredential.title')}</Title>
      <Text>{t('verifyCredential.intro')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Textarea
            label={t('verifyCredential.input')}
            description={t('verifyCredential.dropHere')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            onDrop={onDrop}
            onDragOver={(event) => event.preventDefault()}
            autosize
            minRows={6}
            maxRows={16}
            spellCheck={false}
            styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }}
            error={problem}
          />
          <FileInput
            label={t('verifyCredential.file')}
            placeholder={t('verifyCredential.filePlaceholder')}
            accept=".json,.jwt,.txt,application/json"
            onChange={(file) => void read(file)}
          />
          <Button type="submit" loading={verify.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('verifyCredential.check')}
          </Button>
        </Stack>
      </form>
      {verify.error && <ErrorAlert error={verify.error} />}
      {verify.data && !verify.isPending && <Result result={verify.data} />}
    </Stack>
  );
}
