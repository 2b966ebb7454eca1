// Mantine's CSS for the components this page adds to the always-loaded ones (styles/mantine.css).
import '@mantine/core/styles/ScrollArea.layer.css';
import '@mantine/core/styles/Overlay.layer.css';
import '@mantine/core/styles/Popover.layer.css';
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/Combobox.layer.css';
import '@mantine/core/styles/Table.layer.css';
import { Anchor, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { request } from '../../api/client';
import { useMe } from '../../api/session';
import type { Role, User } from '../../api/types';
import { Pager } from '../../components/Pager';
import { ErrorAlert, Loading } from '../../components/State';
import { VerifiedBadge } from '../../components/VerifiedBadge';
import { usePageTitle } from '../../lib/usePageTitle';

const PAGE_SIZE = 25;
const ROLES: Role[] = ['member', 'staff', 'admin'];

function RoleCell({ user, editable }: { user: User; editable: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: (role: Role) => request('patch', '/api/users/{id}', { params: { id: user.id }, body: { role } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['users'] }),
  });
  if (!editable) return <>{t(`users.role.${user.role}`)}</>;
  return (
    <Stack gap={4}>
      <Select
        size="xs"
        label={t('users.roleOf', { name: user.name })}
        value={user.role}
        allowDeselect={false}
        disabled={change.isPending}
        onChange={(value) => value && value !== user.role && change.mutate(value as Role)}
        data={ROLES.map((role) => ({ value: role, label: t(`users.role.${role}`) }))}
      />
      <ErrorAlert error={change.error} />
    </Stack>
  );
}

/** Staff find people; admins also change their role (staff see the staff pages, admins also this). */
export function StaffUsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.title'));
  const { data: me } = useMe();
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [page, setPage] = useState(1);
  const [search] = useDebouncedValue(query.trim(), 300);
  const users = useQuery({
    queryKey: ['users', search, role, page],
    queryFn: () =>
      request('get', '/api/users', { query: { query: search, role: role ?? undefined, page, pageSize: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
  const pages = Math.max(1, Math.ceil((users.data?.total ?? 0) / PAGE_SIZE));
  return (
    <Stack>
      <Anchor component={Link} to="/staff">
        {t('staff.backToDashboard')}
      </Anchor>
      <Title order={1}>{t('users.title')}</Title>
      <Group align="flex-end" role="search" aria-label={t('users.title')}>
        <TextInput
          label={t('users.search')}
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            setPage(1);
          }}
        />
        <Select
          label={t('users.roleFilter')}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          placeholder={t('staff.any')}
          value={role}
          onChange={(value) => {
            setRole(value as Role | null);
            setPage(1);
          }}
          data={ROLES.map((value) => ({ value, label: t(`users.role.${value}`) }))}
        />
      </Group>
      <ErrorAlert error={users.error} />
      {users.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped withTableBorder>
            <Table.Caption>{t('users.count', { count: users.data?.total ?? 0 })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('staff.name')}</Table.Th>
                <Table.Th scope="col">{t('auth.email')}</Table.Th>
                <Table.Th scope="col">{t('users.roleColumn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data?.items.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Th scope="row">{user.name}</Table.Th>
                  <Table.Td>
                    <Group gap="xs">
                      {user.email}
                      <VerifiedBadge verified={user.emailVerified} />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <RoleCell user={user} editable={me?.role === 'admin' && me.id !== user.id} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {me?.role !== 'admin' && <Text c="dimmed">{t('users.adminsOnly')}</Text>}
      <Pager pages={pages} page={page} onChange={setPage} />
    </Stack>
  );
}
