import { Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '../../../components/State';
import { formatDate } from '../../../lib/format';
import { fetchVersionDocument, useVersions } from './api';
import type { ModuleInput } from './model';

/**
 * The published versions (who, when). Any of them opens read-only, or becomes the starting point of a
 * new draft (a rollback is publishing that draft).
 */
export function VersionsPanel({
  slug,
  onStartFrom,
  renderReadOnly,
}: {
  slug: string;
  onStartFrom: (document: ModuleInput, version: number) => void;
  renderReadOnly: (document: ModuleInput) => React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const versions = useVersions(slug);
  const [viewing, setViewing] = useState<{ version: number; document: ModuleInput } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = async (version: number, then: (document: ModuleInput) => void) => {
    setError(null);
    try {
      then(await fetchVersionDocument(slug, version));
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Stack component="section" aria-labelledby="versions-title">
      <Title order={2} id="versions-title">
        {t('editor.versions')}
      </Title>
      {versions.isPending && <Loading />}
      <ErrorAlert error={versions.error ?? error} />
      {versions.data && versions.data.length === 0 && <Text>{t('editor.noVersions')}</Text>}
      {versions.data && versions.data.length > 0 && (
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('editor.version')}</Table.Th>
              <Table.Th scope="col">{t('editor.publishedAt')}</Table.Th>
              <Table.Th scope="col">{t('editor.publishedBy')}</Table.Th>
              <Table.Th scope="col">{t('staff.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...versions.data]
              .sort((a, b) => b.version - a.version)
              .map((version) => (
                <Table.Tr key={version.version}>
                  <Table.Th scope="row">{t('editor.versionN', { version: version.version })}</Table.Th>
                  <Table.Td>{formatDate(version.publishedAt, i18n.language, true)}</Table.Td>
                  <Table.Td>{version.publishedBy?.name ?? '—'}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() =>
                          void load(version.version, (document) => setViewing({ version: version.version, document }))
                        }
                      >
                        {t('editor.viewVersion', { version: version.version })}
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => void load(version.version, (document) => onStartFrom(document, version.version))}
                      >
                        {t('editor.startFrom', { version: version.version })}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('editor.close') }}
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        title={viewing ? t('editor.versionReadOnly', { version: viewing.version }) : ''}
        size="90%"
      >
        {viewing && (
          <Stack>
            <Group justify="flex-end">
              <Button
                variant="default"
                onClick={() => {
                  onStartFrom(viewing.document, viewing.version);
                  setViewing(null);
                }}
              >
                {t('editor.startFrom', { version: viewing.version })}
              </Button>
            </Group>
            {renderReadOnly(viewing.document)}
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
