import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Whether a member proved their address: staff see it wherever they see the address (attendance credits only proven ones). */
export function VerifiedBadge({ verified }: { verified: boolean | undefined }) {
  const { t } = useTranslation();
  if (verified === undefined) return null;
  return (
    // The border carries the colour; the text stays dark, since Mantine's green and orange on white fall short of 4.5:1.
    <Badge variant="outline" color={verified ? 'green.9' : 'orange.9'} c="dark.8" size="sm">
      {verified ? t('users.emailVerified') : t('users.emailUnverified')}
    </Badge>
  );
}
