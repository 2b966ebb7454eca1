// Mantine's CSS for the links to each item.
import '@mantine/core/styles/NavLink.layer.css';
import { NavLink as MantineNavLink, Paper, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Unit } from '../../api/types';
import { unitProgress } from '../../lib/progress';

/** The units of the member's track, each with its progress and a link to every item. */
export function UnitsNav({
  units,
  done,
  selectedId,
}: {
  units: Unit[];
  done: Set<string>;
  selectedId: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('learn.unitsNav')}>
      <Stack gap="sm">
        {units.map((unit) => {
          const progress = unitProgress(unit, done);
          return (
            <Paper withBorder p="xs" key={unit.id}>
              <Text fw={700} component="p">
                {unit.title}
              </Text>
              <Progress
                value={progress.percent}
                size="sm"
                my={4}
                aria-label={`${t('module.unitProgress', { title: unit.title })}: ${t('module.itemsDone', { done: progress.completed, total: progress.total })}`}
              />
              {unit.items.map((item) => (
                <MantineNavLink
                  key={item.id}
                  component={Link}
                  to={`?item=${item.id}`}
                  active={item.id === selectedId}
                  aria-current={item.id === selectedId ? 'page' : undefined}
                  label={item.title}
                  description={`${t(`kind.${item.kind}`)} · ${done.has(item.id) ? t('learn.completed') : t('learn.notCompleted')}`}
                />
              ))}
            </Paper>
          );
        })}
      </Stack>
    </nav>
  );
}
