import { Button, Code, Group, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId, useEditor, useProblems } from './context';
import { DateTimeField, NumberField, TextPair, TimeZoneSelect } from './fields';
import { freshKey, PROGRAM_TIME_ZONE, slugify, textParts, type ModuleInput } from './model';

/** The slug follows the English title until the author types one, and is fixed once published. */
export function SlugField({ followTitle, onTyped }: { followTitle: boolean; onTyped: () => void }) {
  const { t } = useTranslation();
  const { document, edit, readOnly, published, touch } = useEditor();
  const problems = useProblems(['slug']);
  const locked = readOnly || published;
  return (
    <TextInput
      id={fieldId(['slug'])}
      label={t('editor.slug')}
      description={locked ? t('editor.slugFixed') : followTitle ? t('editor.slugFollows') : t('editor.slugHelp')}
      value={document.slug ?? ''}
      onChange={(event) => {
        onTyped();
        touch(['slug']);
        const value = event.currentTarget.value;
        edit<ModuleInput>([], (doc) => {
          doc.slug = value;
        });
      }}
      error={problems.join(' · ') || undefined}
      readOnly={locked}
      required
      w={{ base: '100%', sm: 420 }}
    />
  );
}

function Tracks() {
  const { t } = useTranslation();
  const { document, edit, readOnly } = useEditor();
  const tracks = document.tracks ?? [];
  const remove = (index: number) =>
    edit<ModuleInput>([], (doc) => {
      const [removed] = doc.tracks!.splice(index, 1);
      // A unit limited to a track that no longer exists would be refused: it loses that track.
      for (const unit of doc.units ?? []) unit.tracks = (unit.tracks ?? []).filter((key) => key !== removed.key);
    });
  return (
    <Stack gap="sm" component="section" aria-labelledby="tracks-title">
      <Title order={3} id="tracks-title">
        {t('editor.tracks')}
      </Title>
      <Text size="sm">{t('editor.tracksHelp')}</Text>
      {tracks.map((track, index) => {
        const name = textParts(track.title).en || t('editor.trackN', { n: index + 1 });
        return (
          <Paper withBorder p="sm" key={track.key} component="fieldset" aria-label={t('editor.trackNamed', { name })}>
            <Group justify="space-between" mb="xs">
              <Text size="sm">
                {t('editor.key')}: <Code>{track.key}</Code>
              </Text>
              {!readOnly && (
                <Button size="xs" variant="subtle" c="red.9" onClick={() => remove(index)}>
                  {t('editor.removeTrack', { name })}
                </Button>
              )}
            </Group>
            <TextPair path={['tracks', index, 'title']} label={t('editor.title')} />
          </Paper>
        );
      })}
      {!readOnly && (
        <Button
          variant="default"
          w="fit-content"
          onClick={() =>
            edit<ModuleInput>([], (doc) => {
              doc.tracks = [...(doc.tracks ?? []), { key: freshKey('track-', doc.tracks), title: { en: '' } }];
            })
          }
        >
          {t('editor.addTrack')}
        </Button>
      )}
    </Stack>
  );
}

/** The module itself: titles, summary, slug, certificate, dates and tracks. */
export function ModuleSection() {
  const { t } = useTranslation();
  const { document, edit, readOnly, isNew, published } = useEditor();
  // A new module's slug follows its English title until the author writes one.
  const [slugTyped, setSlugTyped] = useState(!isNew || Boolean(document.slug));
  const [zone, setZone] = useState(PROGRAM_TIME_ZONE);
  const certificate = document.certificate ?? { enabled: false, cpdHours: 0 };
  const onTitle = (en: string) => {
    if (!slugTyped && isNew && !published) {
      edit<ModuleInput>([], (doc) => {
        doc.slug = slugify(en);
      });
    }
  };
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="module-title">
      <Stack>
        <Title order={2} id="module-title">
          {t('editor.moduleSection')}
        </Title>
        <TextPair path={['title']} label={t('editor.title')} onEnglish={onTitle} />
        <SlugField followTitle={!slugTyped} onTyped={() => setSlugTyped(true)} />
        <TextPair path={['summary']} label={t('editor.summary')} multiline />
        <Group align="flex-end">
          <Switch
            label={t('editor.certificate')}
            checked={certificate.enabled}
            disabled={readOnly}
            onChange={(event) => {
              const enabled = event.currentTarget.checked;
              edit<ModuleInput>([], (doc) => {
                doc.certificate = { ...(doc.certificate ?? { cpdHours: 0 }), enabled };
              });
            }}
          />
          <NumberField path={['certificate', 'cpdHours']} label={t('editor.cpdHours')} min={0} max={1000} step={0.5} />
          <NumberField
            path={['certificate', 'validForMonths']}
            label={t('editor.validForMonths')}
            description={t('editor.validForMonthsHelp')}
            min={1}
            max={120}
            step={1}
            allowDecimal={false}
          />
        </Group>
        <Switch
          label={t('editor.ignoreAccents')}
          checked={document.grading?.ignoreAccents === true}
          disabled={readOnly}
          onChange={(event) => {
            const ignoreAccents = event.currentTarget.checked;
            edit<ModuleInput>([], (doc) => {
              doc.grading = { ...doc.grading, ignoreAccents };
            });
          }}
        />
        <Group align="flex-end">
          <DateTimeField path={['opensAt']} label={t('editor.opensAt')} timeZone={zone} />
          <DateTimeField path={['closesAt']} label={t('editor.closesAt')} timeZone={zone} />
          <TimeZoneSelect value={zone} onChange={setZone} />
        </Group>
        <Tracks />
      </Stack>
    </Paper>
  );
}
