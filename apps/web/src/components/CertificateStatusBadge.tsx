import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { standingColor, standingOf } from '../lib/certificate-standing';

/** Valid, expired, revoked or replaced, as the server says (lib/certificate-standing). */
export function CertificateStatusBadge({ certificate }: { certificate: { status: string; expired?: boolean } }) {
  const { t } = useTranslation();
  const standing = standingOf(certificate);
  return <Badge color={standingColor(standing)}>{t(`certStatus.${standing}`)}</Badge>;
}
