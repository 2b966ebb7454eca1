import { Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LessonContent } from '../../learn/LessonView';
import { useEditor, valueAt } from './context';
import { NumberField, PlainField, TextPair } from './fields';
import { textParts, type Path } from './model';
import type { Language } from '../../../i18n/languages';

/** The lesson as members will read it: the learning view's own component, renderer and sanitising. */
export function MarkdownPreview({ source, language }: { source: string; language: Language }) {
  const body = useDeferredValue(source);
  return (
    <div lang={language}>
      <LessonContent
        item={{
          id: 'preview',
          key: 'preview',
          kind: 'lesson',
          title: '',
          body,
          videoUrl: null,
          estimatedMinutes: null,
        }}
      />
    </div>
  );
}

export function LessonEditor({ path }: { path: Path }) {
  const { t } = useTranslation();
  const { document } = useEditor();
  const [language, setLanguage] = useState<Language>('en');
  const previewId = useId();
  const body = textParts(valueAt(document, [...path, 'body']));
  const shown = language === 'fr' && body.fr ? body.fr : body.en;
  return (
    <Stack>
      <TextPair path={[...path, 'body']} label={t('editor.lessonText')} multiline />
      <Text size="sm" c="dimmed">
        {t('editor.markdownHelp')}
      </Text>
      <Paper withBorder p="md" component="section" aria-labelledby={previewId} bg="gray.0">
        <Group justify="space-between" mb="sm">
          <Text fw={700} id={previewId} component="p">
            {t('editor.livePreview')}
          </Text>
          <SegmentedControl
            size="xs"
            value={language}
            onChange={(value) => setLanguage(value as Language)}
            data={[
              { value: 'en', label: t('editor.english') },
              { value: 'fr', label: t('editor.french') },
            ]}
            aria-label={t('editor.previewLanguage')}
          />
        </Group>
        {language === 'fr' && !body.fr && body.en && (
          <Text size="sm" c="red.9" mb="xs">
            {t('editor.previewFallback')}
          </Text>
        )}
        <MarkdownPreview source={shown} language={language === 'fr' && body.fr ? 'fr' : 'en'} />
      </Paper>
      <Group align="flex-start">
        <PlainField path={[...path, 'videoUrl']} label={t('editor.videoUrl')} type="url" />
        <NumberField
          path={[...path, 'estimatedMinutes']}
          label={t('editor.minutes')}
          min={1}
          max={1000}
          allowDecimal={false}
        />
      </Group>
    </Stack>
  );
}
