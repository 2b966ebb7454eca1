import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Whether the member has completed an item, as a badge. */
export function DoneBadge({ done }: { done: boolean }) {
  const { t } = useTranslation();
  return done ? (
    <Badge color="teal.9" variant="filled">
      {t('learn.completed')}
    </Badge>
  ) : (
    <Badge color="gray.8" variant="outline">
      {t('learn.notCompleted')}
    </Badge>
  );
}
