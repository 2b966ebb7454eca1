// Mantine's CSS for the expiry filter and the certificate table.
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/NumberInput.layer.css';
import '@mantine/core/styles/Table.layer.css';
import { Anchor, Button, Code, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { buildUrl } from '../../api/client';
import { useModuleCertificates, useReissueCertificate, useRevokeCertificate } from '../../api/hooks';
import type { Certificate } from '../../api/types';
import { CertificateStatusBadge } from '../../components/CertificateStatusBadge';
import { ErrorAlert, Loading } from '../../components/State';
import { formatDate } from '../../lib/format';

/** One certificate with its revoke (asking for the reason) and reissue actions. */
function CertificateRow({ certificate }: { certificate: Certificate }) {
  const { t, i18n } = useTranslation();
  const revoke = useRevokeCertificate();
  const reissue = useReissueCertificate();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  return (
    <Table.Tr>
      <Table.Th scope="row">
        <Anchor component={Link} to={`/verify/${certificate.serial}`}>
          <Code>{certificate.serial}</Code>
        </Anchor>
      </Table.Th>
      <Table.Td>{certificate.holderName}</Table.Td>
      <Table.Td>
        <CertificateStatusBadge certificate={certificate} />
      </Table.Td>
      <Table.Td>{formatDate(certificate.issuedAt, i18n.language)}</Table.Td>
      <Table.Td>
        {certificate.validUntil ? formatDate(certificate.validUntil, i18n.language) : t('staff.neverExpires')}
      </Table.Td>
      <Table.Td>
        {certificate.status === 'issued' && (
          <Stack gap="xs">
            {confirming ? (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  if (reason.trim()) revoke.mutate({ id: certificate.id, reason: reason.trim() });
                }}
              >
                <Group align="flex-end" gap="xs">
                  <TextInput
                    size="xs"
                    label={t('staff.revokeReason', { serial: certificate.serial })}
                    required
                    value={reason}
                    onChange={(event) => setReason(event.currentTarget.value)}
                  />
                  <Button size="xs" color="red.9" type="submit" loading={revoke.isPending} disabled={!reason.trim()}>
                    {t('staff.confirmRevoke')}
                  </Button>
                  <Button size="xs" variant="subtle" onClick={() => setConfirming(false)}>
                    {t('common.cancel')}
                  </Button>
                </Group>
              </form>
            ) : (
              <Group gap="xs">
                <Button size="xs" variant="outline" color="red.9" onClick={() => setConfirming(true)}>
                  {t('staff.revoke')}
                </Button>
                <Button
                  size="xs"
                  variant="outline"
                  loading={reissue.isPending}
                  onClick={() => reissue.mutate(certificate.id)}
                  aria-label={t('staff.reissueFor', { serial: certificate.serial })}
                >
                  {t('staff.reissue')}
                </Button>
              </Group>
            )}
            <ErrorAlert error={revoke.error ?? reissue.error} />
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The module's certificates: the ZIP of the issued ones, those expiring soon, each one's actions. */
export function CertificatesSection({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [expiringWithinDays, setExpiringWithinDays] = useState<number | undefined>();
  const [debouncedDays] = useDebouncedValue(expiringWithinDays, 300);
  const certificates = useModuleCertificates(slug, debouncedDays);
  return (
    <Stack>
      <Title order={2}>{t('staff.certificates')}</Title>
      <Button
        component="a"
        href={buildUrl(`/api/modules/${encodeURIComponent(slug)}/certificates.zip`, { status: 'issued' })}
        download={`${slug}-certificates-issued.zip`}
        variant="outline"
        w="fit-content"
      >
        {t('staff.downloadZip')}
      </Button>
      <NumberInput
        maw={320}
        label={t('staff.expiringWithinDays')}
        description={t('staff.expiringWithinDaysHelp')}
        min={0}
        max={3660}
        value={expiringWithinDays ?? ''}
        onChange={(value) => setExpiringWithinDays(typeof value === 'number' ? value : undefined)}
      />
      <ErrorAlert error={certificates.error} />
      {certificates.isPending ? (
        <Loading />
      ) : certificates.data?.items.length ? (
        <Table.ScrollContainer minWidth={700}>
          <Table withTableBorder striped>
            <Table.Caption>{t('staff.certificatesCaption', { count: certificates.data.items.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('certificates.serial')}</Table.Th>
                <Table.Th scope="col">{t('certificates.holder')}</Table.Th>
                <Table.Th scope="col">{t('staff.status')}</Table.Th>
                <Table.Th scope="col">{t('certificates.issued')}</Table.Th>
                <Table.Th scope="col">{t('certificates.validUntil')}</Table.Th>
                <Table.Th scope="col">{t('staff.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {certificates.data.items.map((certificate) => (
                <CertificateRow key={certificate.id} certificate={certificate} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text>
          {debouncedDays === undefined
            ? t('staff.noCertificates')
            : t('staff.noCertificatesExpiring', { count: debouncedDays })}
        </Text>
      )}
    </Stack>
  );
}
