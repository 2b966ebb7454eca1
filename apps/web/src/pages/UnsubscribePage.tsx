import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useUnsubscribe, useUnsubscribeStatus } from '../api/hooks';
import { ErrorAlert, Loading } from '../components/State';
import { formatDate } from '../lib/format';
import { usePageTitle } from '../lib/usePageTitle';

/**
 * Where every reminder's footer leads, signed in or not. Opening the page changes nothing: mail
 * scanners open links too, so stopping reminders takes the button.
 */
export function UnsubscribePage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('unsubscribe.title'));
  const { token = '' } = useParams();
  const status = useUnsubscribeStatus(token);
  const unsubscribe = useUnsubscribe(token);
  return (
    <Stack maw={560} mx="auto">
      <Title order={1}>{t('unsubscribe.title')}</Title>
      {status.isPending && <Loading />}
      {status.error && (
        <Alert color="red" variant="light" role="alert" title={t('unsubscribe.invalid')}>
          {t('unsubscribe.invalidText')}
        </Alert>
      )}
      {status.data?.unsubscribed ? (
        <Alert color="green" variant="light" role="status" title={t('unsubscribe.done')}>
          {t('unsubscribe.since', { date: formatDate(status.data.unsubscribedAt, i18n.language) })}{' '}
          {t('unsubscribe.otherMail')}
        </Alert>
      ) : (
        status.data && (
          <>
            <Text>{t('unsubscribe.intro')}</Text>
            <Text>{t('unsubscribe.otherMail')}</Text>
            <Button
              onClick={() => unsubscribe.mutate()}
              loading={unsubscribe.isPending}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('unsubscribe.stop')}
            </Button>
            <ErrorAlert error={unsubscribe.error} />
          </>
        )
      )}
      <Anchor component={Link} to="/">
        {t('account.toCatalog')}
      </Anchor>
    </Stack>
  );
}
