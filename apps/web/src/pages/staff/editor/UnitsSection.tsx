import { Badge, Button, Checkbox, Code, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId, useEditor } from './context';
import { EventEditor } from './EventEditor';
import { GroupProblems, TextPair } from './fields';
import { LessonEditor } from './LessonEditor';
import {
  blankItem,
  blankUnit,
  itemCount,
  move,
  textParts,
  type ItemInput,
  type ModuleInput,
  type UnitInput,
} from './model';
import { QuizEditor } from './QuizEditor';
import { entryIds, SortableList, type MoveControls } from './SortableList';

function ItemCard({
  unitIndex,
  index,
  item,
  controls,
}: {
  unitIndex: number;
  index: number;
  item: ItemInput;
  controls: MoveControls;
}) {
  const { t } = useTranslation();
  const { edit, readOnly } = useEditor();
  const path = ['units', unitIndex, 'items', index];
  const title = textParts(item.title).en || t('editor.untitled');
  const headingId = `${fieldId(path)}-title`;
  return (
    <Paper withBorder p="md" mb="sm" component="section" aria-labelledby={headingId}>
      <Stack>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <Badge color="gray.8">{t(`kind.${item.kind}`)}</Badge>
              <Text size="xs">
                {t('editor.key')}: <Code>{item.key}</Code>
              </Text>
            </Group>
            <Title order={4} id={headingId}>
              {title}
            </Title>
          </Stack>
          <Group gap={4} wrap="nowrap">
            {controls.handle}
            {!readOnly && (
              <Button
                size="xs"
                variant="subtle"
                c="red.9"
                onClick={() => edit<ItemInput[]>(['units', unitIndex, 'items'], (list) => void list.splice(index, 1))}
                aria-label={t('editor.removeItemNamed', { name: title })}
              >
                {t('editor.remove')}
              </Button>
            )}
          </Group>
        </Group>
        <TextPair path={[...path, 'title']} label={t('editor.title')} />
        {item.kind === 'lesson' && <LessonEditor path={path} />}
        {item.kind === 'quiz' && <QuizEditor path={path} />}
        {item.kind === 'event' && <EventEditor path={path} />}
        <GroupProblems path={path} />
      </Stack>
    </Paper>
  );
}

function UnitCard({ index, unit, controls }: { index: number; unit: UnitInput; controls: MoveControls }) {
  const { t } = useTranslation();
  const { document, edit, readOnly } = useEditor();
  const [confirming, setConfirming] = useState(false);
  const path = ['units', index];
  const items = unit.items ?? [];
  const ids = entryIds(items);
  const name = t('editor.unitNamed', { n: index + 1, title: textParts(unit.title).en || t('editor.untitled') });
  const headingId = `${fieldId(path)}-title`;
  const tracks = document.tracks ?? [];
  const remove = () => edit<UnitInput[]>(['units'], (list) => void list.splice(index, 1));
  const add = (kind: ItemInput['kind']) =>
    edit<UnitInput>(path, (node) => {
      node.items = [...(node.items ?? []), blankItem(kind, node.items ?? [])];
    });
  return (
    <Paper withBorder p="lg" mb="md" component="section" aria-labelledby={headingId} shadow="xs">
      <Stack>
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={2}>
            <Title order={3} id={headingId}>
              {name}
            </Title>
            <Text size="xs">
              {t('editor.key')}: <Code>{unit.key}</Code>
            </Text>
          </Stack>
          <Group gap={4} wrap="nowrap">
            {controls.handle}
            {!readOnly && (
              <Button
                size="xs"
                variant="subtle"
                c="red.9"
                onClick={() => (itemCount(unit) ? setConfirming(true) : remove())}
                aria-label={t('editor.removeUnitNamed', { name })}
              >
                {t('editor.removeUnit')}
              </Button>
            )}
          </Group>
        </Group>
        <TextPair path={[...path, 'title']} label={t('editor.title')} />
        {tracks.length > 0 && (
          <Checkbox.Group
            label={t('editor.unitTracks')}
            description={t('editor.unitTracksHelp')}
            value={unit.tracks ?? []}
            onChange={(value) =>
              edit<UnitInput>(path, (node) => {
                node.tracks = value;
              })
            }
          >
            <Group mt="xs">
              {tracks.map((track, i) => (
                <Checkbox
                  key={track.key}
                  value={track.key}
                  label={textParts(track.title).en || t('editor.trackN', { n: i + 1 })}
                  disabled={readOnly}
                />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        <GroupProblems path={[...path, 'tracks']} />
        <GroupProblems path={[...path, 'items']} />
        <SortableList
          entries={items.map((item, i) => ({
            id: ids[i],
            name: textParts(item.title).en || t('editor.itemN', { n: i + 1 }),
          }))}
          onMove={(from, to) => edit<ItemInput[]>([...path, 'items'], (list) => move(list, from, to))}
        >
          {(itemIndex, itemControls) => (
            <ItemCard unitIndex={index} index={itemIndex} item={items[itemIndex]} controls={itemControls} />
          )}
        </SortableList>
        {!readOnly && (
          <Group gap="xs" role="group" aria-label={t('editor.addToUnit', { name })}>
            <Button variant="default" size="sm" onClick={() => add('lesson')}>
              {t('editor.addLesson')}
            </Button>
            <Button variant="default" size="sm" onClick={() => add('quiz')}>
              {t('editor.addQuiz')}
            </Button>
            <Button variant="default" size="sm" onClick={() => add('event')}>
              {t('editor.addEvent')}
            </Button>
          </Group>
        )}
      </Stack>
      <Modal
        closeButtonProps={{ 'aria-label': t('editor.close') }}
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('editor.removeUnitTitle', { name })}
      >
        <Stack>
          <Text>{t('editor.removeUnitText', { count: items.length })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red.9"
              onClick={() => {
                setConfirming(false);
                remove();
              }}
            >
              {t('editor.removeUnitConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

export function UnitsSection() {
  const { t } = useTranslation();
  const { document, edit, readOnly } = useEditor();
  const units = document.units ?? [];
  const ids = entryIds(units);
  return (
    <Stack component="section" aria-labelledby="units-title">
      <Title order={2} id="units-title">
        {t('editor.units')}
      </Title>
      <GroupProblems path={['units']} />
      <SortableList
        entries={units.map((unit, i) => ({
          id: ids[i],
          name: t('editor.unitNamed', { n: i + 1, title: textParts(unit.title).en || t('editor.untitled') }),
        }))}
        onMove={(from, to) => edit<UnitInput[]>(['units'], (list) => move(list, from, to))}
      >
        {(index, controls) => <UnitCard index={index} unit={units[index]} controls={controls} />}
      </SortableList>
      {!readOnly && (
        <Button
          w="fit-content"
          onClick={() =>
            edit<ModuleInput>([], (doc) => {
              doc.units = [...(doc.units ?? []), blankUnit(doc.units ?? [])];
            })
          }
        >
          {t('editor.addUnit')}
        </Button>
      )}
    </Stack>
  );
}
