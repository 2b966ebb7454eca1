import { Badge, Button, Group, Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Item } from '../../api/types';
import { DoneBadge } from './DoneBadge';
import { EventView } from './EventView';
import { LessonView } from './LessonView';
import { QuizContainer } from './QuizContainer';

/** The selected item, by kind, with the link to the next one. */
export function ItemView({
  item,
  enrolmentId,
  done,
  next,
}: {
  item: Item;
  enrolmentId: string;
  done: boolean;
  next: Item | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Group justify="space-between">
          <Title order={2}>{item.title}</Title>
          <Group gap="xs">
            <Badge color="gray.8">{t(`kind.${item.kind}`)}</Badge>
            <DoneBadge done={done} />
          </Group>
        </Group>
        {item.kind === 'lesson' && <LessonView item={item} enrolmentId={enrolmentId} done={done} />}
        {item.kind === 'quiz' && <QuizContainer key={item.id} item={item} enrolmentId={enrolmentId} done={done} />}
        {item.kind === 'event' && <EventView item={item} done={done} />}
        {next && (
          <Group justify="flex-end">
            <Button component={Link} to={`?item=${next.id}`} variant={done ? 'filled' : 'subtle'}>
              {t('learn.next', { title: next.title })}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
