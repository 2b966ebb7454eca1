// Mantine's CSS for the components this page adds to the always-loaded ones (styles/mantine.css).
import '@mantine/core/styles/ScrollArea.layer.css';
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/Combobox.layer.css';
import '@mantine/core/styles/CheckboxCard.layer.css';
import '@mantine/core/styles/CheckboxIndicator.layer.css';
import '@mantine/core/styles/Modal.layer.css';
import '@mantine/core/styles/RadioCard.layer.css';
import '@mantine/core/styles/RadioIndicator.layer.css';
import '@mantine/core/styles/Table.layer.css';
import { Alert, Anchor, Badge, Button, Code, FileInput, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useModules } from '../../api/hooks';
import type { ModuleSummary } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/State';
import { usePageTitle } from '../../lib/usePageTitle';
import type { EditorHandOver } from './editor/EditorPage';
import { PublishDialog } from './editor/PublishDialog';
import { parseDocumentFile } from './editor/yaml';

/** An uploaded document opens in the editor, where its problems show at their fields, and is saved from there. */
function UploadForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const modules = useModules(true);
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setLocalError(t('content.chooseFile'));
    let document: unknown;
    try {
      document = await parseDocumentFile(file.name, await file.text());
    } catch (error) {
      return setLocalError(t('content.notJson', { error: (error as Error).message }));
    }
    if (!document || typeof document !== 'object' || Array.isArray(document)) {
      return setLocalError(t('content.notDocument'));
    }
    const slug = (document as { slug?: unknown }).slug;
    const exists = typeof slug === 'string' && modules.data?.some((m) => m.slug === slug);
    const state = { editor: { document, origin: 'upload' } as EditorHandOver };
    navigate(exists ? `/staff/modules/${encodeURIComponent(slug as string)}/edit` : '/staff/modules/new', { state });
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="upload-title">
      <Stack>
        <Title order={2} size="h3" id="upload-title">
          {t('content.upload')}
        </Title>
        <Text>{t('content.uploadHelp')}</Text>
        <FileInput
          label={t('content.file')}
          placeholder={t('content.choose')}
          accept=".json,.yaml,.yml,application/json,application/yaml"
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            setLocalError(null);
          }}
          clearable
          clearButtonProps={{ 'aria-label': t('content.clearFile') }}
          error={localError}
          required
        />
        <Button type="submit" w="fit-content">
          {t('content.send')}
        </Button>
      </Stack>
    </form>
  );
}

function FrenchBadge({ missing }: { missing: number | undefined }) {
  const { t } = useTranslation();
  if (missing === undefined) return null;
  return (
    <Badge variant="outline" color={missing ? 'red.9' : 'teal.9'}>
      {missing ? t('editor.frenchMissing', { count: missing }) : t('editor.frenchComplete')}
    </Badge>
  );
}

export function StaffContentPage() {
  const { t } = useTranslation();
  usePageTitle(t('content.title'));
  const modules = useModules(true);
  const [publishing, setPublishing] = useState<ModuleSummary | null>(null);
  const [published, setPublished] = useState<number | null>(null);
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/staff">
        {t('staff.backToDashboard')}
      </Anchor>
      <Group justify="space-between">
        <Title order={1}>{t('content.title')}</Title>
        <Button component={Link} to="/staff/modules/new">
          {t('content.newModule')}
        </Button>
      </Group>
      <Paper withBorder p="lg">
        <UploadForm />
      </Paper>
      <Title order={2}>{t('content.modules')}</Title>
      {modules.isPending && <Loading />}
      <ErrorAlert error={modules.error} />
      {published !== null && (
        <Alert color="teal" role="status">
          {t('content.published', { version: published })}
        </Alert>
      )}
      {modules.data && (
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('staff.module')}</Table.Th>
              <Table.Th scope="col">{t('staff.status')}</Table.Th>
              <Table.Th scope="col">{t('content.version')}</Table.Th>
              <Table.Th scope="col">{t('staff.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {modules.data.map((module) => (
              <Table.Tr key={module.id}>
                <Table.Th scope="row">
                  {module.title} <Code>{module.slug}</Code>
                </Table.Th>
                <Table.Td>
                  <Group gap={4}>
                    <Badge color={module.status === 'draft' ? 'gray.8' : 'teal.9'}>
                      {t(`content.status.${module.status ?? 'published'}`)}
                    </Badge>
                    {module.hasUnpublishedChanges && (
                      <Badge variant="outline" color="red.9">
                        {t('content.changes')}
                      </Badge>
                    )}
                    <FrenchBadge missing={module.frenchMissing} />
                  </Group>
                </Table.Td>
                <Table.Td>{module.version ?? '—'}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Button
                      size="xs"
                      variant="default"
                      component={Link}
                      to={`/staff/modules/${encodeURIComponent(module.slug)}/edit`}
                      aria-label={t('content.editModule', { title: module.title })}
                    >
                      {t('content.edit')}
                    </Button>
                    {module.hasUnpublishedChanges && (
                      <Button
                        size="xs"
                        onClick={() => {
                          setPublished(null);
                          setPublishing(module);
                        }}
                        aria-label={t('content.publishModule', { title: module.title })}
                      >
                        {t('content.publish')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {publishing && (
        <PublishDialog
          slug={publishing.slug}
          title={publishing.title}
          opened
          onClose={() => setPublishing(null)}
          onPublished={(version) => {
            setPublished(version);
            setPublishing(null);
          }}
        />
      )}
    </Stack>
  );
}
