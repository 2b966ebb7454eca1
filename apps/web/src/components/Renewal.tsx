import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useEnrol } from '../api/hooks';
import type { Enrolment } from '../api/types';
import { formatDate } from '../lib/format';
import { ErrorAlert } from './State';

/**
 * "Renew" for an enrolment whose certificate is due (the server decides: `renewable`): enrols again on
 * the module's current version, same track, and opens the renewal.
 */
export function RenewButton({ enrolment }: { enrolment: Enrolment }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const enrol = useEnrol(enrolment.module.slug);
  if (!enrolment.renewable) return null;
  return (
    <Stack gap="xs">
      <Text size="sm">{t('renewal.open')}</Text>
      <ErrorAlert error={enrol.error} />
      <Button
        w="fit-content"
        loading={enrol.isPending}
        aria-label={t('renewal.renewLabel', { title: enrolment.module.title })}
        onClick={() => enrol.mutate(enrolment.track, { onSuccess: (renewal) => navigate(`/learn/${renewal.id}`) })}
      >
        {t('renewal.renew')}
      </Button>
    </Stack>
  );
}

/** The module's deadline, for a member still in progress (after it, nobody new may enrol). */
export function Deadline({ enrolment }: { enrolment: Enrolment }) {
  const { t, i18n } = useTranslation();
  const closesAt = enrolment.module.closesAt;
  if (enrolment.status !== 'in_progress' || !closesAt) return null;
  return (
    <Text size="sm" fw={700}>
      {t('renewal.deadline', { date: formatDate(closesAt, i18n.language, true) })}
    </Text>
  );
}

/** Says, on the learning view, that this enrolment renews a certificate. */
export function RenewalNotice({ enrolment }: { enrolment: Enrolment }) {
  const { t } = useTranslation();
  if (!enrolment.renewalOf) return null;
  return (
    <Alert color="blue" title={t('renewal.badge')}>
      {t('renewal.learning')}
    </Alert>
  );
}
