// Mantine's CSS for the components this page adds to the always-loaded ones (styles/mantine.css).
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/Table.layer.css';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  FileInput,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useModules, usePublishModule, useUploadModule } from '../../api/hooks';
import { ErrorAlert, Loading } from '../../components/State';
import { inspectDocument, splitProblem } from '../../lib/document';
import { usePageTitle } from '../../lib/usePageTitle';

function Problems({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.status !== 400) return <ErrorAlert error={error} />;
  return (
    <Alert color="red" role="alert" title={t('content.invalid', { count: error.messages.length })}>
      <List spacing={4}>
        {error.messages.map((message, index) => {
          const problem = splitProblem(message);
          return (
            <List.Item key={index}>
              {problem.path && <Code>{problem.path}</Code>} {problem.message}
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}

function UploadForm() {
  const { t } = useTranslation();
  const upload = useUploadModule();
  const modules = useModules(true);
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    upload.reset();
    if (!file) return setLocalError(t('content.chooseFile'));
    const text = await file.text();
    const info = inspectDocument(file.name, text);
    if (info.parseError) return setLocalError(t('content.notJson', { error: info.parseError }));
    setLocalError(null);
    const exists = Boolean(info.slug && modules.data?.some((m) => m.slug === info.slug));
    upload.mutate({ text, yaml: info.yaml, slug: info.slug ?? '', replace: exists });
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
          onChange={setFile}
          clearable
          clearButtonProps={{ 'aria-label': t('content.clearFile') }}
          error={localError}
          required
        />
        {upload.error ? <Problems error={upload.error} /> : null}
        {upload.data && (
          <Alert color="teal" role="status" title={t('content.saved', { title: upload.data.title })}>
            {t('content.savedHelp')}
          </Alert>
        )}
        <Button type="submit" loading={upload.isPending} w="fit-content">
          {t('content.send')}
        </Button>
      </Stack>
    </form>
  );
}

export function StaffContentPage() {
  const { t } = useTranslation();
  usePageTitle(t('content.title'));
  const modules = useModules(true);
  const publish = usePublishModule();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/staff">
        {t('staff.backToDashboard')}
      </Anchor>
      <Title order={1}>{t('content.title')}</Title>
      <Paper withBorder p="lg">
        <UploadForm />
      </Paper>
      <Title order={2}>{t('content.modules')}</Title>
      {modules.isPending && <Loading />}
      <ErrorAlert error={modules.error ?? publish.error} />
      {publish.data && (
        <Alert color="teal" role="status">
          {publish.data.changed === false
            ? t('content.unchanged', { version: publish.data.version })
            : t('content.published', { version: publish.data.version })}
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
                      <Badge variant="outline" color="orange.9">
                        {t('content.changes')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{module.version ?? '—'}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    onClick={() => publish.mutate(module.slug)}
                    loading={publish.isPending && publish.variables === module.slug}
                    aria-label={t('content.publishModule', { title: module.title })}
                  >
                    {t('content.publish')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
