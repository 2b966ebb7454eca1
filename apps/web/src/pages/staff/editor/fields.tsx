import { Checkbox, NativeSelect, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId, useEditor, useProblems, valueAt } from './context';
import { isoToZoned, pathKey, PROGRAM_TIME_ZONE, textParts, withLanguage, zonedToIso, type Path } from './model';
import type { Language } from '../../../i18n/languages';

const joined = (messages: string[]) => (messages.length ? messages.join(' · ') : undefined);

/** Problems of a list or a group of fields (such as a question's options), shown where the list is. */
export function GroupProblems({ path }: { path: Path }) {
  const problems = useProblems(path);
  if (!problems.length) return null;
  return (
    <Text c="red.8" size="sm" id={fieldId(path)} tabIndex={-1}>
      {problems.join(' · ')}
    </Text>
  );
}

/**
 * A text in English and French side by side. A missing French text is flagged on its field (it never
 * blocks a save). `empty` says what an optional text becomes once both languages are cleared.
 */
export function TextPair({
  path,
  label,
  multiline = false,
  required = true,
  empty,
  onEnglish,
}: {
  path: Path;
  label: string;
  multiline?: boolean;
  required?: boolean;
  empty?: null | 'omit';
  /** Called with the English text as it is typed. */
  onEnglish?: (text: string) => void;
}) {
  const { t } = useTranslation();
  const { document, edit, check, readOnly, touch } = useEditor();
  const value = valueAt(document, path);
  const parts = textParts(value);
  const enProblems = [...useProblems([...path, 'en']), ...useProblems(path)];
  const frProblems = useProblems([...path, 'fr']);
  const frenchMissing = check.frenchMissing.has(pathKey(path)) && Boolean(parts.en.trim());
  const same = (value as { same?: unknown } | null)?.same === true;
  const parent = path.slice(0, -1);
  const field = path[path.length - 1];
  const set = (language: Language, text: string) => {
    touch([...path, language]);
    edit<Record<string | number, unknown>>(parent, (node) => {
      const next = withLanguage(node[field], language, text);
      const cleared = typeof next === 'object' && !next.en && !next.fr;
      if (cleared && empty === 'omit') delete node[field];
      else if (cleared && empty === null) node[field] = null;
      else node[field] = next;
    });
  };
  const Input = multiline ? Textarea : TextInput;
  const extra = multiline ? { autosize: true, minRows: 3, maxRows: 16 } : {};
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Input
        id={fieldId([...path, 'en'])}
        label={t('editor.inEnglish', { label })}
        value={parts.en}
        onChange={(event) => {
          const text = event.currentTarget.value;
          set('en', text);
          onEnglish?.(text);
        }}
        error={joined(enProblems)}
        required={required}
        readOnly={readOnly}
        lang="en"
        {...extra}
      />
      <Stack gap={4}>
        <Input
          id={fieldId([...path, 'fr'])}
          label={t('editor.inFrench', { label })}
          value={parts.fr}
          onChange={(event) => set('fr', event.currentTarget.value)}
          error={joined(frProblems)}
          description={frenchMissing ? t('editor.frenchMissingHere') : undefined}
          classNames={frenchMissing ? { description: 'french-missing' } : undefined}
          readOnly={readOnly || same}
          lang="fr"
          {...extra}
        />
        {(frenchMissing || same) && !readOnly && (
          <Checkbox
            size="xs"
            label={t('editor.sameInFrench')}
            checked={same}
            onChange={(event) => {
              const checked = event.currentTarget.checked;
              edit<Record<string | number, unknown>>(parent, (node) => {
                // A proper noun or a work's title is deliberately the same: marked, it is not counted as missing.
                const { en } = textParts(node[field]);
                node[field] = checked ? { en, same: true } : { en };
              });
            }}
          />
        )}
      </Stack>
    </SimpleGrid>
  );
}

/** A number field; cleared, it holds `null` (or loses the field with `empty: 'omit'`). */
export function NumberField({
  path,
  label,
  description,
  min,
  max,
  step,
  suffix,
  allowDecimal = true,
  required = false,
}: {
  path: Path;
  label: string;
  description?: string;
  min?: number;
  max?: number;
  step?: number;
  suffix?: string;
  allowDecimal?: boolean;
  required?: boolean;
}) {
  const { document, edit, readOnly, touch } = useEditor();
  const problems = useProblems(path);
  const value = valueAt(document, path);
  const parent = path.slice(0, -1);
  const field = path[path.length - 1];
  return (
    <NumberInput
      id={fieldId(path)}
      label={label}
      description={description}
      value={typeof value === 'number' ? value : ''}
      onChange={(next) => {
        touch(path);
        edit<Record<string | number, unknown>>(parent, (node) => {
          node[field] = typeof next === 'number' ? next : next === '' ? null : Number(String(next).replace(',', '.'));
        });
      }}
      min={min}
      max={max}
      step={step}
      suffix={suffix}
      allowDecimal={allowDecimal}
      decimalSeparator="."
      error={joined(problems)}
      required={required}
      readOnly={readOnly}
      w={{ base: '100%', sm: 220 }}
    />
  );
}

/** A URL (or any single-language string) that is `null` while empty. */
export function PlainField({
  path,
  label,
  description,
  type = 'text',
  required = false,
  onValue,
}: {
  path: Path;
  label: string;
  description?: string;
  type?: 'text' | 'url';
  required?: boolean;
  /** Overrides how the typed text is stored. */
  onValue?: (text: string) => void;
}) {
  const { document, edit, readOnly, touch } = useEditor();
  const problems = useProblems(path);
  const value = valueAt(document, path);
  const parent = path.slice(0, -1);
  const field = path[path.length - 1];
  return (
    <TextInput
      id={fieldId(path)}
      label={label}
      description={description}
      type={type}
      value={typeof value === 'string' ? value : ''}
      onChange={(event) => {
        const text = event.currentTarget.value;
        touch(path);
        if (onValue) return onValue(text);
        edit<Record<string | number, unknown>>(parent, (node) => {
          node[field] = text.trim() ? text.trim() : null;
        });
      }}
      error={joined(problems)}
      required={required}
      readOnly={readOnly}
    />
  );
}

const ZONES: string[] = (() => {
  const list =
    (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return list.includes(PROGRAM_TIME_ZONE) ? list : [PROGRAM_TIME_ZONE, ...list];
})();

/** The zone picker for a group of date fields; the program's zone unless the author chooses another. */
export function TimeZoneSelect({ value, onChange }: { value: string; onChange: (zone: string) => void }) {
  const { t } = useTranslation();
  const { readOnly } = useEditor();
  return (
    <NativeSelect
      label={t('editor.timeZone')}
      data={ZONES}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      disabled={readOnly}
      w={{ base: '100%', sm: 260 }}
    />
  );
}

/** An ISO date-time with offset, entered as a wall-clock time in `timeZone` (shown beside it). */
export function DateTimeField({
  path,
  label,
  timeZone,
  required = false,
}: {
  path: Path;
  label: string;
  timeZone: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const { document, edit, readOnly, touch } = useEditor();
  const problems = useProblems(path);
  const value = valueAt(document, path) as string | null | undefined;
  const local = useMemo(() => isoToZoned(value, timeZone), [value, timeZone]);
  const descriptionId = useId();
  const parent = path.slice(0, -1);
  const field = path[path.length - 1];
  return (
    <TextInput
      id={fieldId(path)}
      type="datetime-local"
      label={label}
      description={<span id={descriptionId}>{t('editor.inZone', { zone: timeZone })}</span>}
      value={local}
      onChange={(event) => {
        const text = event.currentTarget.value;
        touch(path);
        edit<Record<string | number, unknown>>(parent, (node) => {
          node[field] = text ? zonedToIso(text, timeZone) : required ? '' : null;
        });
      }}
      error={joined(problems)}
      required={required}
      readOnly={readOnly}
      w={{ base: '100%', sm: 260 }}
    />
  );
}
