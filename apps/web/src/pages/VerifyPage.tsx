import { Alert, Code, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useVerification } from '../api/hooks';
import type { Verification } from '../api/types';
import { ErrorAlert, Loading } from '../components/State';
import { isValidNow, standingOf } from '../lib/certificate-standing';
import { formatDate } from '../lib/format';
import { usePageTitle } from '../lib/usePageTitle';

/** The verdict's text key (`verify.<key>` and `verify.<key>Title`): the page and its link preview say the same. */
export function verdictKey(data: Verification): string {
  return isValidNow(data) ? 'valid' : standingOf(data);
}

/** Public: where a certificate's QR code lands. */
export function VerifyPage() {
  const { serial } = useParams();
  const { t, i18n } = useTranslation();
  usePageTitle(t('verify.title'));
  const verification = useVerification(serial);

  let body;
  if (verification.isPending) body = <Loading />;
  else if (verification.error instanceof ApiError && verification.error.status === 404)
    body = (
      <Alert color="red" title={t('verify.unknownTitle')} role="alert">
        {t('verify.unknown', { serial })}
      </Alert>
    );
  else if (verification.error) body = <ErrorAlert error={verification.error} />;
  else {
    const data = verification.data!;
    const color = isValidNow(data) ? 'teal' : 'red';
    const verdict = verdictKey(data);
    body = (
      <Stack>
        <Alert color={color} variant="filled" title={t(`verify.${verdict}Title`)} role="status">
          {t(`verify.${verdict}`)}
        </Alert>
        <List spacing="xs" listStyleType="none" p={0}>
          <List.Item>
            <strong>{t('certificates.holder')}:</strong> {data.holderName}
          </List.Item>
          <List.Item>
            <strong>{t('verify.module')}:</strong> {data.module.title}
          </List.Item>
          <List.Item>
            <strong>{t('certificates.completed')}:</strong> {formatDate(data.completedAt, i18n.language)}
          </List.Item>
          <List.Item>
            <strong>{t('certificates.issued')}:</strong> {formatDate(data.issuedAt, i18n.language)}
          </List.Item>
          {data.validUntil && (
            <List.Item>
              <strong>{t(data.expired ? 'certificates.expiredOn' : 'certificates.validUntil')}:</strong>{' '}
              {formatDate(data.validUntil, i18n.language)}
            </List.Item>
          )}
          <List.Item>
            <strong>{t('verify.issuer')}:</strong> {data.issuer.name}
          </List.Item>
          <List.Item>
            <strong>{t('certificates.serial')}:</strong> <Code>{data.serial}</Code>
          </List.Item>
          <List.Item>
            <strong>{t('verify.fingerprint')}:</strong> <Code style={{ wordBreak: 'break-all' }}>{data.pdfSha256}</Code>
          </List.Item>
        </List>
        <Text size="sm" c="dimmed">
          {t('verify.fingerprintHelp')}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack maw={720}>
      <Title order={1}>{t('verify.title')}</Title>
      {body}
    </Stack>
  );
}
