// Mantine's CSS for the components this page adds to the always-loaded ones (styles/mantine.css).
import '@mantine/core/styles/ScrollArea.layer.css';
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/Table.layer.css';
import {
  Anchor,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  List,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCredential, useModuleVersion, useMyCertificates, useMyEnrolments } from '../api/hooks';
import type { Certificate } from '../api/types';
import { CertificateStatusBadge } from '../components/CertificateStatusBadge';
import { RenewButton } from '../components/Renewal';
import { ErrorAlert, Loading } from '../components/State';
import { formatDate, formatNumber, linkedInAddUrl } from '../lib/format';
import { downloadFile } from '../lib/ics';
import { completedItemIds, unitsForTrack } from '../lib/progress';
import { usePageTitle } from '../lib/usePageTitle';

function absolute(url: string): string {
  return new URL(url, window.location.origin).toString();
}

function Transcript({ certificate }: { certificate: Certificate }) {
  const { t, i18n } = useTranslation();
  const enrolment = useCertifiedEnrolment(certificate);
  const module = useModuleVersion(certificate.module.slug, certificate.module.version);
  if (module.isPending) return <Loading />;
  if (!module.data) return <ErrorAlert error={module.error} />;
  const done = completedItemIds(enrolment);
  const units = unitsForTrack(module.data, certificate.track);
  return (
    <Table striped withTableBorder>
      <Table.Caption>
        {t('certificates.transcriptCaption', {
          title: certificate.module.title,
          date: formatDate(certificate.completedAt, i18n.language),
        })}
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('certificates.unit')}</Table.Th>
          <Table.Th scope="col">{t('certificates.item')}</Table.Th>
          <Table.Th scope="col">{t('certificates.kind')}</Table.Th>
          <Table.Th scope="col">{t('certificates.result')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {units.flatMap((unit) =>
          unit.items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>{unit.title}</Table.Td>
              <Table.Td>{item.title}</Table.Td>
              <Table.Td>{t(`kind.${item.kind}`)}</Table.Td>
              <Table.Td>{done.has(item.id) || !enrolment ? t('learn.completed') : t('learn.notCompleted')}</Table.Td>
            </Table.Tr>
          )),
        )}
      </Table.Tbody>
    </Table>
  );
}

function Credential({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  const credential = useCredential(certificate.id, true);
  if (credential.isPending) return <Loading />;
  if (credential.error) return <ErrorAlert error={credential.error} />;
  const data = credential.data;
  // Certificates issued before credentials were signed have neither.
  const jwt = data?.jwt ?? '';
  const json = data?.credential ? JSON.stringify(data.credential, null, 2) : null;
  return (
    <Stack gap="xs">
      <Text>{t('certificates.credentialHelp')}</Text>
      <Group>
        <Button
          variant="outline"
          onClick={() => downloadFile(`${certificate.serial}.jwt`, jwt, 'application/vc+jwt')}
          disabled={!jwt}
        >
          {t('certificates.downloadCredential')}
        </Button>
        {json && (
          <Button
            variant="outline"
            onClick={() => downloadFile(`${certificate.serial}.json`, json, 'application/json')}
          >
            {t('certificates.downloadWallet')}
          </Button>
        )}
        <CopyButton value={jwt}>
          {({ copied, copy }) => (
            <Button variant="subtle" onClick={copy} disabled={!jwt}>
              {copied ? t('common.copied') : t('certificates.copyCredential')}
            </Button>
          )}
        </CopyButton>
      </Group>
      {json && (
        <Code block aria-label={t('certificates.credential')} tabIndex={0} style={{ maxHeight: 300, overflow: 'auto' }}>
          {json}
        </Code>
      )}
    </Stack>
  );
}

/** The enrolment a certificate certifies (by id; by module for a server that does not say which). */
function useCertifiedEnrolment(certificate: Certificate) {
  return useMyEnrolments().data?.find((e) =>
    certificate.enrolmentId ? e.id === certificate.enrolmentId : e.module.slug === certificate.module.slug,
  );
}

function CertificateCard({ certificate }: { certificate: Certificate }) {
  const { t, i18n } = useTranslation();
  const enrolment = useCertifiedEnrolment(certificate);
  const [show, setShow] = useState<'none' | 'transcript' | 'credential'>('none');
  const verifyUrl = absolute(certificate.verifyUrl || `/verify/${certificate.serial}`);
  const headingId = `certificate-${certificate.id}`;
  return (
    <Card withBorder component="article" aria-labelledby={headingId} padding="lg">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id={headingId}>
            {certificate.module.title}
          </Title>
          <CertificateStatusBadge certificate={certificate} />
        </Group>
        <List spacing={2} listStyleType="none" p={0}>
          <List.Item>
            <strong>{t('certificates.holder')}:</strong> {certificate.holderName}
          </List.Item>
          <List.Item>
            <strong>{t('certificates.serial')}:</strong> <Code>{certificate.serial}</Code>
          </List.Item>
          <List.Item>
            <strong>{t('certificates.cpdHours')}:</strong> {formatNumber(certificate.cpdHours, i18n.language)}
          </List.Item>
          <List.Item>
            <strong>{t('certificates.completed')}:</strong> {formatDate(certificate.completedAt, i18n.language)}
          </List.Item>
          <List.Item>
            <strong>{t('certificates.issued')}:</strong> {formatDate(certificate.issuedAt, i18n.language)}
          </List.Item>
        </List>
        <TextInput
          label={t('certificates.verifyLink')}
          readOnly
          value={verifyUrl}
          onFocus={(event) => event.currentTarget.select()}
        />
        <Group gap="sm">
          <Button component="a" href={`/api/certificates/${certificate.id}/pdf`} download>
            {t('certificates.downloadPdf')}
          </Button>
          <CopyButton value={verifyUrl}>
            {({ copied, copy }) => (
              <Button variant="outline" onClick={copy}>
                {copied ? t('common.copied') : t('certificates.copyVerify')}
              </Button>
            )}
          </CopyButton>
          <Button
            variant="outline"
            component="a"
            target="_blank"
            rel="noopener noreferrer"
            href={linkedInAddUrl({
              name: certificate.module.title,
              organization: 'Greenlight',
              issuedAt: certificate.issuedAt,
              certUrl: verifyUrl,
              certId: certificate.serial,
            })}
          >
            {t('certificates.linkedin')}
          </Button>
          <Anchor component={Link} to={`/verify/${certificate.serial}`}>
            {t('certificates.openVerify')}
          </Anchor>
        </Group>
        <Group gap="sm">
          <Button
            variant="subtle"
            aria-expanded={show === 'transcript'}
            onClick={() => setShow(show === 'transcript' ? 'none' : 'transcript')}
          >
            {t('certificates.transcript')}
          </Button>
          <Button
            variant="subtle"
            aria-expanded={show === 'credential'}
            onClick={() => setShow(show === 'credential' ? 'none' : 'credential')}
          >
            {t('certificates.credential')}
          </Button>
        </Group>
        {certificate.status === 'issued' && enrolment && <RenewButton enrolment={enrolment} />}
        {show === 'transcript' && <Transcript certificate={certificate} />}
        {show === 'credential' && <Credential certificate={certificate} />}
      </Stack>
    </Card>
  );
}

export function CertificatesPage() {
  const { t } = useTranslation();
  usePageTitle(t('certificates.title'));
  const certificates = useMyCertificates();
  return (
    <Stack>
      <Title order={1}>{t('certificates.title')}</Title>
      {certificates.data && certificates.data.length > 0 && (
        <Group gap="sm">
          <Button component="a" variant="outline" href="/api/me/transcript?format=pdf" download>
            {t('certificates.fullTranscriptPdf')}
          </Button>
          <Button component="a" variant="outline" href="/api/me/transcript?format=csv" download>
            {t('certificates.fullTranscriptCsv')}
          </Button>
        </Group>
      )}
      {certificates.isPending && <Loading />}
      <ErrorAlert error={certificates.error} />
      {certificates.data?.length === 0 && <Text>{t('certificates.empty')}</Text>}
      {certificates.data?.map((certificate) => (
        <CertificateCard key={certificate.id} certificate={certificate} />
      ))}
    </Stack>
  );
}
