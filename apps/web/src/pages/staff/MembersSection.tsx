// Mantine's CSS for the filters, the member table and its reminder checkboxes.
import '@mantine/core/styles/ScrollArea.layer.css';
import '@mantine/core/styles/Overlay.layer.css';
import '@mantine/core/styles/Popover.layer.css';
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/Combobox.layer.css';
import '@mantine/core/styles/CheckboxCard.layer.css';
import '@mantine/core/styles/CheckboxIndicator.layer.css';
import '@mantine/core/styles/Checkbox.layer.css';
import '@mantine/core/styles/NumberInput.layer.css';
import '@mantine/core/styles/Table.layer.css';
import { Button, Checkbox, Group, NumberInput, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { buildUrl } from '../../api/client';
import { useModuleMembers } from '../../api/hooks';
import type { MemberRow, ModuleDetail } from '../../api/types';
import { Pager } from '../../components/Pager';
import { ErrorAlert, Loading } from '../../components/State';
import { formatDate } from '../../lib/format';
import { ReminderForm } from './ReminderForm';

const PAGE_SIZE_FALLBACK = 50;

const MEMBER_STATUSES: MemberRow['status'][] = ['in_progress', 'completed'];

/** The module's members, filtered and searched on the server, a page at a time; the CSV; a reminder to them. */
export function MembersSection({ slug, module }: { slug: string; module: ModuleDetail | undefined }) {
  const { t, i18n } = useTranslation();
  // The filters live in the address, so a coordinator who opens a member and comes back finds the same list.
  const [params, setParams] = useSearchParams();
  // An address can say anything: only a status the API knows filters the list.
  const status = MEMBER_STATUSES.find((known) => known === params.get('status')) ?? null;
  const track = params.get('track');
  const inactiveParam = Number.parseInt(params.get('inactive') ?? '', 10);
  const inactiveDays = Number.isFinite(inactiveParam) ? inactiveParam : undefined;
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '', 10) || 1);
  const [search, setSearch] = useState(() => params.get('q') ?? '');
  /** Sets (or, with null, drops) filters; any new filter starts again from the first page. */
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  const setPage = (value: number) => update({ page: value > 1 ? String(value) : null });
  // Members ticked for a reminder, kept across pages and filters until sent or cleared: id → name.
  const [selected, setSelected] = useState<ReadonlyMap<string, string>>(new Map());
  const toggle = (id: string, name: string, on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      if (on) next.set(id, name);
      else next.delete(id);
      return next;
    });
  // Searched on the server (across every page), once typing pauses.
  const [query] = useDebouncedValue(search.trim() || undefined, 300);
  const filter = { status: status ?? undefined, track: track ?? undefined, inactiveDays };
  const members = useModuleMembers(slug, { ...filter, query, page });
  const data = members.data;
  const pageSize = data?.pageSize ?? PAGE_SIZE_FALLBACK;
  const pages = Math.max(1, Math.ceil((data?.total ?? 0) / pageSize));
  const rows = data?.items ?? [];
  const csvUrl = buildUrl(`/api/reports/modules/${encodeURIComponent(slug)}/members`, {
    format: 'csv',
    status: status ?? undefined,
    track: track ?? undefined,
    query,
    inactiveDays,
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('staff.members')}</Title>
        <Button component="a" href={csvUrl} download={`${slug}-members.csv`} variant="outline">
          {t('staff.exportCsv')}
        </Button>
      </Group>
      <Group align="flex-end" role="search" aria-label={t('staff.memberFilters')}>
        <TextInput
          label={t('staff.search')}
          description={t('staff.searchHelp')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            update({ q: event.currentTarget.value.trim() || null });
          }}
        />
        <Select
          label={t('staff.status')}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          value={status}
          onChange={(value) => update({ status: value })}
          data={[
            { value: 'in_progress', label: t('status.in_progress') },
            { value: 'completed', label: t('status.completed') },
          ]}
          placeholder={t('staff.any')}
        />
        {module && module.tracks.length > 0 && (
          <Select
            label={t('staff.track')}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            value={track}
            onChange={(value) => update({ track: value })}
            data={module.tracks.map((option) => ({ value: option.key, label: option.title }))}
            placeholder={t('staff.any')}
          />
        )}
        <NumberInput
          label={t('program.inactiveDays')}
          min={0}
          max={3650}
          value={inactiveDays ?? ''}
          onChange={(value) => update({ inactive: typeof value === 'number' ? String(value) : null })}
        />
      </Group>
      <ErrorAlert error={members.error} />
      {members.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped withTableBorder aria-busy={members.isFetching}>
            <Table.Caption>{t('staff.membersCaption', { count: data?.total ?? 0 })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('program.select')}</Table.Th>
                <Table.Th scope="col">{t('staff.name')}</Table.Th>
                <Table.Th scope="col">{t('auth.email')}</Table.Th>
                <Table.Th scope="col">{t('staff.track')}</Table.Th>
                <Table.Th scope="col">{t('staff.status')}</Table.Th>
                <Table.Th scope="col">{t('staff.progress')}</Table.Th>
                <Table.Th scope="col">{t('staff.enrolledAt')}</Table.Th>
                <Table.Th scope="col">{t('staff.completedAt')}</Table.Th>
                <Table.Th scope="col">{t('certificates.serial')}</Table.Th>
                <Table.Th scope="col">{t('program.lastActivity')}</Table.Th>
                <Table.Th scope="col">{t('program.currentItem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.email}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('program.selectMember', { name: row.name })}
                      checked={selected.has(row.memberId)}
                      onChange={(event) => toggle(row.memberId, row.name, event.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Th scope="row">
                    {row.memberId ? <Link to={`/staff/members/${row.memberId}`}>{row.name}</Link> : row.name}
                  </Table.Th>
                  <Table.Td>{row.email}</Table.Td>
                  <Table.Td>{module?.tracks.find((tr) => tr.key === row.track)?.title ?? row.track ?? ''}</Table.Td>
                  <Table.Td>{t(`status.${row.status}`, { defaultValue: row.status })}</Table.Td>
                  <Table.Td>{Math.round(row.percent)} %</Table.Td>
                  <Table.Td>{formatDate(row.enrolledAt, i18n.language)}</Table.Td>
                  <Table.Td>{formatDate(row.completedAt, i18n.language)}</Table.Td>
                  <Table.Td>{row.certificateSerial ?? ''}</Table.Td>
                  <Table.Td>{formatDate(row.lastActivityAt ?? null, i18n.language)}</Table.Td>
                  <Table.Td>{row.currentItem?.title ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager pages={pages} page={page} onChange={setPage} />
      <ReminderForm
        slug={slug}
        filter={filter}
        selected={[...selected].map(([id, name]) => ({ id, name }))}
        onClearSelection={() => setSelected(new Map())}
      />
    </Stack>
  );
}
