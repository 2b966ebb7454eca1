import { Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeField, PlainField, TextPair, TimeZoneSelect } from './fields';
import { PROGRAM_TIME_ZONE, type Path } from './model';

/** A live session: when (in the program's time zone unless another is chosen), and where or how to join. */
export function EventEditor({ path }: { path: Path }) {
  const { t } = useTranslation();
  const [zone, setZone] = useState(PROGRAM_TIME_ZONE);
  return (
    <Stack>
      <Group align="flex-start">
        <DateTimeField path={[...path, 'startsAt']} label={t('editor.startsAt')} timeZone={zone} required />
        <DateTimeField path={[...path, 'endsAt']} label={t('editor.endsAt')} timeZone={zone} required />
        <TimeZoneSelect value={zone} onChange={setZone} />
      </Group>
      <TextPair path={[...path, 'location']} label={t('editor.location')} required={false} empty={null} />
      <PlainField
        path={[...path, 'joinUrl']}
        label={t('editor.joinUrl')}
        description={t('editor.locationHelp')}
        type="url"
      />
    </Stack>
  );
}
