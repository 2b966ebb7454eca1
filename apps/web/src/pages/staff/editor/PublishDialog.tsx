import { Alert, Badge, Button, Code, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '../../../components/State';
import { useChanges, usePublish } from './api';

/**
 * What publishing will do, before it is done: the changes against the last published version (those
 * that change how quizzes are graded first), the version number it becomes, and that members already
 * enrolled stay on theirs.
 */
export function PublishDialog({
  slug,
  title,
  opened,
  onClose,
  onPublished,
}: {
  slug: string;
  title: string;
  opened: boolean;
  onClose: () => void;
  onPublished?: (version: number) => void;
}) {
  const { t } = useTranslation();
  const changes = useChanges(slug, opened);
  const publish = usePublish(slug);
  const list = [...(changes.data?.changes ?? [])].sort((a, b) => Number(b.affectsGrading) - Number(a.affectsGrading));
  const current = changes.data?.publishedVersion ?? null;
  const next = (current ?? 0) + 1;
  const grading = list.filter((change) => change.affectsGrading).length;
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('editor.close') }}
      opened={opened}
      onClose={onClose}
      title={t('editor.publishTitle', { title })}
      size="lg"
    >
      {changes.isPending ? (
        <Loading />
      ) : (
        <Stack>
          <ErrorAlert error={changes.error ?? publish.error} />
          {publish.data ? null : list.length === 0 ? (
            // Once published, the refetched list is empty: the dialog then says only what was done.
            <Text>{t('editor.nothingToPublish')}</Text>
          ) : (
            <>
              <Text>
                {current === null
                  ? t('editor.firstPublish', { version: next })
                  : t('editor.changesSince', { count: list.length, version: current })}
              </Text>
              {grading > 0 && (
                <Alert color="orange" title={t('editor.gradingChanges', { count: grading })}>
                  {t('editor.gradingChangesHelp')}
                </Alert>
              )}
              <List spacing={6} aria-label={t('editor.changeList')}>
                {list.map((change) => (
                  <List.Item key={`${change.kind}-${change.path}`}>
                    <Group gap={6} wrap="wrap">
                      <Badge
                        color={change.kind === 'added' ? 'teal.9' : change.kind === 'removed' ? 'red.9' : 'blue.9'}
                      >
                        {t(`editor.change.${change.kind}`)}
                      </Badge>
                      <Text span>{change.title}</Text>
                      <Code>{change.path}</Code>
                      {change.affectsGrading && (
                        <Badge color="red.9" variant="outline">
                          {t('editor.affectsGrading')}
                        </Badge>
                      )}
                    </Group>
                  </List.Item>
                ))}
              </List>
              <Text>{current === null ? t('editor.becomesFirst') : t('editor.membersStay', { version: next })}</Text>
            </>
          )}
          {publish.data && (
            <Alert color="teal" role="status">
              {t('content.published', { version: publish.data.version })}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {publish.data ? t('editor.close') : t('common.cancel')}
            </Button>
            {list.length > 0 && !publish.data && (
              <Button
                loading={publish.isPending}
                onClick={() => publish.mutate(undefined, { onSuccess: (result) => onPublished?.(result.version) })}
              >
                {t('editor.publishVersion', { version: next })}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
