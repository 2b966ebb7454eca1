import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EventItem } from '../../api/types';
import { formatDate } from '../../lib/format';
import { buildIcs, downloadFile } from '../../lib/ics';

/** A live session: when and where, the join link and a calendar file. */
export function EventView({ item, done }: { item: EventItem; done: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack>
      <Text>
        <strong>{t('event.when')}:</strong> {formatDate(item.startsAt, i18n.language, true)}
        {item.endsAt ? ` – ${formatDate(item.endsAt, i18n.language, true)}` : ''}
      </Text>
      {item.location && (
        <Text>
          <strong>{t('event.where')}:</strong> {item.location}
        </Text>
      )}
      <Group>
        {item.joinUrl && (
          <Button component="a" href={item.joinUrl} target="_blank" rel="noopener noreferrer">
            {t('event.join')}
          </Button>
        )}
        <Button
          variant="outline"
          onClick={() =>
            downloadFile(
              `${item.key}.ics`,
              buildIcs({
                uid: item.id,
                title: item.title,
                startsAt: item.startsAt,
                endsAt: item.endsAt,
                location: item.location,
                url: item.joinUrl,
              }),
              'text/calendar',
            )
          }
        >
          {t('event.addToCalendar')}
        </Button>
      </Group>
      <Text c="dimmed">{done ? t('event.attended') : t('event.attendanceNote')}</Text>
    </Stack>
  );
}
