import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../lib/usePageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('common.notFound'));
  return (
    <Stack>
      <Title order={1}>{t('common.notFound')}</Title>
      <Text>{t('common.notFoundText')}</Text>
      <Anchor component={Link} to="/">
        {t('nav.catalog')}
      </Anchor>
    </Stack>
  );
}
