import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from './context';

interface Entry {
  id: string;
  /** How the entry is named to a screen reader while it is moved. */
  name: string;
}

/** The controls of one entry: a drag handle (pointer or Space + arrows) and move up / down buttons. */
export interface MoveControls {
  handle: ReactNode;
}

function SortableEntry({
  entry,
  index,
  count,
  onMove,
  children,
}: {
  entry: Entry;
  index: number;
  count: number;
  onMove: (from: number, to: number) => void;
  children: (controls: MoveControls) => ReactNode;
}) {
  const { t } = useTranslation();
  const { readOnly } = useEditor();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: entry.id,
    disabled: readOnly,
  });
  const handle = readOnly ? null : (
    <Group gap={4} wrap="nowrap">
      <ActionIcon
        ref={setActivatorNodeRef}
        variant="default"
        aria-label={t('editor.dragHandle', { name: entry.name })}
        {...attributes}
        {...listeners}
        style={{ cursor: 'grab', touchAction: 'none' }}
      >
        <span aria-hidden="true">⠿</span>
      </ActionIcon>
      <ActionIcon
        variant="default"
        aria-label={t('editor.moveUp', { name: entry.name })}
        disabled={index === 0}
        onClick={() => onMove(index, index - 1)}
      >
        <span aria-hidden="true">↑</span>
      </ActionIcon>
      <ActionIcon
        variant="default"
        aria-label={t('editor.moveDown', { name: entry.name })}
        disabled={index === count - 1}
        onClick={() => onMove(index, index + 1)}
      >
        <span aria-hidden="true">↓</span>
      </ActionIcon>
    </Group>
  );
  return (
    <div
      ref={setNodeRef}
      style={{
        transform: CSS.Translate.toString(transform),
        transition,
        position: 'relative',
        zIndex: isDragging ? 2 : undefined,
        opacity: isDragging ? 0.85 : undefined,
      }}
    >
      {children({ handle })}
    </div>
  );
}

/**
 * A list that can be reordered by dragging with a pointer, with the keyboard (focus the handle,
 * Space to pick up, arrows to move, Space to drop, Escape to cancel; each step is announced), or with
 * the move up / down buttons.
 */
export function SortableList({
  entries,
  onMove,
  children,
}: {
  entries: Entry[];
  onMove: (from: number, to: number) => void;
  children: (index: number, controls: MoveControls) => ReactNode;
}) {
  const { t } = useTranslation();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const nameOf = (id: unknown) => entries.find((e) => e.id === id)?.name ?? '';
  const positionOf = (id: unknown) => entries.findIndex((e) => e.id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('editor.dnd.picked', { name: nameOf(active.id), position: positionOf(active.id) }),
    onDragOver: ({ active, over }) =>
      over ? t('editor.dnd.over', { name: nameOf(active.id), position: positionOf(over.id) }) : undefined,
    onDragEnd: ({ active, over }) =>
      over ? t('editor.dnd.dropped', { name: nameOf(active.id), position: positionOf(over.id) }) : undefined,
    onDragCancel: ({ active }) => t('editor.dnd.cancelled', { name: nameOf(active.id) }),
  };
  const end = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onMove(positionOf(active.id) - 1, positionOf(over.id) - 1);
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={end}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('editor.dnd.instructions') } }}
    >
      <SortableContext items={entries.map((e) => e.id)} strategy={verticalListSortingStrategy}>
        {entries.map((entry, index) => (
          <SortableEntry key={entry.id} entry={entry} index={index} count={entries.length} onMove={onMove}>
            {(controls) => children(index, controls)}
          </SortableEntry>
        ))}
      </SortableContext>
    </DndContext>
  );
}

/** Ids for dnd-kit: the authored keys (stable, unique), made unique by position if an author repeated one. */
export function entryIds(list: readonly { key?: unknown }[]): string[] {
  const seen = new Set<string>();
  return list.map((entry, index) => {
    const key = typeof entry?.key === 'string' && entry.key ? entry.key : `#${index}`;
    const id = seen.has(key) ? `${key}#${index}` : key;
    seen.add(id);
    return id;
  });
}
