import { Anchor, Box, Button, Container, Group, SegmentedControl, Text, VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router-dom';
import { isStaff, useChangeLanguage, useMe, useSignOut } from '../api/session';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/languages';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const change = useChangeLanguage();
  return (
    <div role="group" aria-labelledby="language-switch-label">
      <VisuallyHidden id="language-switch-label">{t('nav.language')}</VisuallyHidden>
      <SegmentedControl
        size="xs"
        value={i18n.language}
        onChange={(value) => void change(value as Language)}
        data={LANGUAGES.map((language) => ({
          value: language,
          label: <span lang={language}>{LANGUAGE_NAMES[language]}</span>,
        }))}
        aria-label={t('nav.language')}
      />
    </div>
  );
}

const navStyle = ({ isActive }: { isActive: boolean }) => ({
  fontWeight: isActive ? 700 : 500,
  textDecoration: isActive ? 'underline' : 'none',
});

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLDivElement>(null);
  const shownPath = useRef(location.pathname);

  // After a client-side navigation, move focus to the content so screen readers start there.
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    main.current?.focus();
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Box component="header" p="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-4)' }}>
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Anchor component={Link} to="/" fw={800} fz="lg" c="teal.9" underline="never">
            Greenlight
          </Anchor>
          <nav aria-label={t('nav.main')}>
            <Group gap="md" wrap="wrap">
              <Anchor component={NavLink} to="/" end style={navStyle} c="dark.8">
                {t('nav.catalog')}
              </Anchor>
              {me && (
                <>
                  <Anchor component={NavLink} to="/learning" style={navStyle} c="dark.8">
                    {t('nav.learning')}
                  </Anchor>
                  <Anchor component={NavLink} to="/certificates" style={navStyle} c="dark.8">
                    {t('nav.certificates')}
                  </Anchor>
                  <Anchor component={NavLink} to="/profile" style={navStyle} c="dark.8">
                    {t('nav.profile')}
                  </Anchor>
                </>
              )}
              {isStaff(me) && (
                <Anchor component={NavLink} to="/staff" style={navStyle} c="dark.8">
                  {t('nav.staff')}
                </Anchor>
              )}
            </Group>
          </nav>
          <Group gap="sm">
            <LanguageSwitch />
            {me ? (
              <>
                <Text size="sm" c="dimmed">
                  {t('nav.signedInAs', { name: me.name })}
                </Text>
                <Button
                  size="xs"
                  variant="outline"
                  loading={signOut.isPending}
                  onClick={() =>
                    signOut.mutate(undefined, {
                      onSettled: (providerPage) =>
                        providerPage ? window.location.assign(providerPage) : navigate('/'),
                    })
                  }
                >
                  {t('nav.signOut')}
                </Button>
              </>
            ) : (
              <Button size="xs" component={Link} to={`/login?next=${encodeURIComponent(location.pathname)}`}>
                {t('nav.signIn')}
              </Button>
            )}
          </Group>
        </Group>
      </Box>
      <Box component="main" py="md">
        <Container size="lg" id="main" tabIndex={-1} ref={main} style={{ outline: 'none' }}>
          {children}
        </Container>
      </Box>
    </>
  );
}
