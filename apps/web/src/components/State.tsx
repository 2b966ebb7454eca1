import { Alert, Button, Center, Loader, Stack, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { ApiError } from '../api/client';
import { isStaff, useMe } from '../api/session';

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      {/* The spinner is a span, which may not carry a label (axe: aria-prohibited-attr); the status says it in text. */}
      <Loader aria-hidden />
      <VisuallyHidden>{t('common.loading')}</VisuallyHidden>
    </Center>
  );
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const messages = error instanceof ApiError ? error.messages : [String((error as Error)?.message ?? error)];
  const status = error instanceof ApiError ? error.status : 0;
  return (
    <Alert
      color="red"
      variant="light"
      title={title ?? t(status === 404 ? 'common.notFound' : 'common.error')}
      role="alert"
    >
      {messages.length > 1 ? (
        <ul>
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : (
        messages[0]
      )}
    </Alert>
  );
}

/** Pages for signed-in people send others to the sign-in page and back afterwards. */
export function RequireAuth({ children, staff = false }: { children: ReactNode; staff?: boolean }) {
  const { data: me, isPending } = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  if (isPending) return <Loading />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (staff && !isStaff(me))
    return (
      <Stack>
        <Alert color="red" role="alert" title={t('common.forbidden')}>
          {t('common.forbiddenText')}
        </Alert>
        <Button component={Link} to="/" w="fit-content">
          {t('nav.catalog')}
        </Button>
      </Stack>
    );
  return <>{children}</>;
}
