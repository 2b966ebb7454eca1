import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fieldId, useEditor, useProblems, valueAt } from './context';
import { GroupProblems, NumberField, TextPair } from './fields';
import {
  blankOption,
  freshKey,
  QUESTION_TYPES,
  questionOfType,
  textParts,
  type OptionInput,
  type PairInput,
  type Path,
  type QuestionInput,
  type QuestionType,
} from './model';
import type { MoveControls } from './SortableList';

function ChoiceOptions({ path, question }: { path: Path; question: Extract<QuestionInput, { options: unknown }> }) {
  const { t } = useTranslation();
  const { edit, readOnly } = useEditor();
  const options = question.options ?? [];
  const setCorrect = (index: number, correct: boolean) =>
    edit<OptionInput[]>([...path, 'options'], (list) => {
      list.forEach((option, i) => {
        if (i === index) option.correct = correct;
        // A single-choice question has one right answer: choosing it clears the others.
        else if (question.type === 'single' && correct) option.correct = false;
      });
    });
  return (
    <Stack gap="sm">
      <GroupProblems path={[...path, 'options']} />
      {options.map((option, index) => {
        const name = textParts(option.text).en || t('editor.optionN', { n: index + 1 });
        return (
          <Paper
            withBorder
            p="sm"
            key={option.key}
            component="fieldset"
            aria-label={t('editor.optionNamed', { n: index + 1 })}
          >
            <Stack gap="xs">
              <TextPair path={[...path, 'options', index, 'text']} label={t('editor.option')} />
              <Group justify="space-between">
                <Checkbox
                  label={t('editor.correctOption')}
                  checked={option.correct === true}
                  onChange={(event) => setCorrect(index, event.currentTarget.checked)}
                  disabled={readOnly}
                  aria-label={t('editor.correctOptionNamed', { name })}
                />
                {!readOnly && options.length > 2 && (
                  <Button
                    size="xs"
                    variant="subtle"
                    c="red.9"
                    onClick={() => edit<OptionInput[]>([...path, 'options'], (list) => void list.splice(index, 1))}
                    aria-label={t('editor.removeOptionNamed', { name })}
                  >
                    {t('editor.removeOption')}
                  </Button>
                )}
              </Group>
              <TextPair
                path={[...path, 'options', index, 'feedback']}
                label={t('editor.optionFeedback')}
                required={false}
                empty="omit"
              />
            </Stack>
          </Paper>
        );
      })}
      {!readOnly && (
        <Button
          size="xs"
          variant="default"
          w="fit-content"
          onClick={() => edit<OptionInput[]>([...path, 'options'], (list) => void list.push(blankOption(list)))}
        >
          {t('editor.addOption')}
        </Button>
      )}
    </Stack>
  );
}

/**
 * A list of texts, each in both languages, with remove and add buttons: a short answer's accepted
 * answers (at least one stays), a matching question's distractors (the field goes once none is left).
 */
function TextList({
  path,
  label,
  removeLabel,
  addLabel,
  keepOne,
}: {
  path: Path;
  label: string;
  removeLabel: (n: number) => string;
  addLabel: string;
  keepOne: boolean;
}) {
  const { t } = useTranslation();
  const { document, edit, readOnly } = useEditor();
  const list = (valueAt(document, path) as unknown[] | undefined) ?? [];
  const parent = path.slice(0, -1);
  const field = path[path.length - 1];
  const change = (update: (entries: unknown[]) => void) =>
    edit<Record<string | number, unknown>>(parent, (node) => {
      const entries = [...((node[field] as unknown[] | undefined) ?? [])];
      update(entries);
      // Without entries an optional list is written as if it never had any (not as an empty list).
      if (entries.length || keepOne) node[field] = entries;
      else delete node[field];
    });
  return (
    <>
      <GroupProblems path={path} />
      {list.map((_, index) => (
        <Group key={index} align="flex-end" wrap="nowrap">
          <div style={{ flex: 1 }}>
            <TextPair path={[...path, index]} label={label} />
          </div>
          {!readOnly && (!keepOne || list.length > 1) && (
            <Button
              size="xs"
              variant="subtle"
              c="red.9"
              onClick={() => change((entries) => void entries.splice(index, 1))}
              aria-label={removeLabel(index + 1)}
            >
              {t('editor.remove')}
            </Button>
          )}
        </Group>
      ))}
      {!readOnly && (
        <Button
          size="xs"
          variant="default"
          w="fit-content"
          onClick={() => change((entries) => void entries.push({ en: '' }))}
        >
          {addLabel}
        </Button>
      )}
    </>
  );
}

function AcceptedAnswers({ path }: { path: Path }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text size="sm">{t('editor.acceptHelp')}</Text>
      <TextList
        path={[...path, 'accept']}
        label={t('editor.acceptedAnswer')}
        removeLabel={(n) => t('editor.removeAcceptedN', { n })}
        addLabel={t('editor.addAccepted')}
        keepOne
      />
    </Stack>
  );
}

/** A matching question's pairs (each left text is matched with its right text) and its distractors. */
function MatchingPairs({ path, question }: { path: Path; question: Extract<QuestionInput, { type: 'matching' }> }) {
  const { t } = useTranslation();
  const { edit, readOnly } = useEditor();
  const pairs = question.pairs ?? [];
  return (
    <Stack gap="sm">
      <GroupProblems path={[...path, 'pairs']} />
      {pairs.map((pair, index) => (
        <Paper withBorder p="sm" key={pair.key} component="fieldset" aria-label={t('editor.pairN', { n: index + 1 })}>
          <Stack gap="xs">
            <TextPair path={[...path, 'pairs', index, 'left']} label={t('editor.pairLeft')} />
            <TextPair path={[...path, 'pairs', index, 'right']} label={t('editor.pairRight')} />
            {!readOnly && pairs.length > 2 && (
              <Button
                size="xs"
                variant="subtle"
                c="red.9"
                w="fit-content"
                onClick={() => edit<PairInput[]>([...path, 'pairs'], (list) => void list.splice(index, 1))}
                aria-label={t('editor.removePairN', { n: index + 1 })}
              >
                {t('editor.remove')}
              </Button>
            )}
          </Stack>
        </Paper>
      ))}
      {!readOnly && (
        <Button
          size="xs"
          variant="default"
          w="fit-content"
          onClick={() =>
            edit<PairInput[]>(
              [...path, 'pairs'],
              (list) => void list.push({ key: freshKey('p', list), left: { en: '' }, right: { en: '' } }),
            )
          }
        >
          {t('editor.addPair')}
        </Button>
      )}
      <Text size="sm">{t('editor.distractorsHelp')}</Text>
      <TextList
        path={[...path, 'distractors']}
        label={t('editor.distractor')}
        removeLabel={(n) => t('editor.removeDistractorN', { n })}
        addLabel={t('editor.addDistractor')}
        keepOne={false}
      />
    </Stack>
  );
}

/** One question: its type, prompt and, by type, options, the right answer(s) and feedback. */
export function QuestionEditor({
  path,
  index,
  controls,
  onRemove,
}: {
  path: Path;
  index: number;
  controls: MoveControls;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { document, edit, readOnly } = useEditor();
  const question = valueAt(document, path) as QuestionInput;
  const typeProblems = useProblems([...path, 'type']);
  const setType = (type: QuestionType) => edit<QuestionInput>(path, (q) => questionOfType(type, q.key, q));
  const headingId = `${fieldId(path)}-title`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Title order={5} id={headingId}>
              {t('editor.questionN', { n: index + 1 })}
            </Title>
            <Badge color="gray.8" variant="outline">
              {t(`editor.questionType.${question.type}`)}
            </Badge>
            <Text size="xs">
              {t('editor.key')}: <Code>{question.key}</Code>
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            {controls.handle}
            {!readOnly && (
              <ActionIcon
                variant="default"
                color="red.9"
                onClick={onRemove}
                aria-label={t('editor.removeQuestionN', { n: index + 1 })}
              >
                <span aria-hidden="true">✕</span>
              </ActionIcon>
            )}
          </Group>
        </Group>
        <NativeSelect
          id={fieldId([...path, 'type'])}
          label={t('editor.questionTypeLabel')}
          value={question.type}
          onChange={(event) => setType(event.currentTarget.value as QuestionType)}
          data={QUESTION_TYPES.map((type) => ({ value: type, label: t(`editor.questionType.${type}`) }))}
          disabled={readOnly}
          error={typeProblems.join(' · ') || undefined}
          w={{ base: '100%', sm: 280 }}
        />
        <TextPair path={[...path, 'prompt']} label={t('editor.prompt')} multiline />
        {(question.type === 'single' || question.type === 'multiple') && (
          <ChoiceOptions path={path} question={question} />
        )}
        {question.type === 'truefalse' && (
          <Radio.Group
            label={t('editor.rightAnswer')}
            value={String(question.answer)}
            onChange={(value) =>
              edit<QuestionInput & { answer: boolean }>(path, (q) => {
                q.answer = value === 'true';
              })
            }
          >
            <Group mt="xs">
              <Radio value="true" label={t('quiz.true')} disabled={readOnly} />
              <Radio value="false" label={t('quiz.false')} disabled={readOnly} />
            </Group>
          </Radio.Group>
        )}
        {question.type === 'short' && <AcceptedAnswers path={path} />}
        {question.type === 'matching' && <MatchingPairs path={path} question={question} />}
        {question.type === 'numeric' && (
          <Group align="flex-start">
            <NumberField path={[...path, 'answer']} label={t('editor.numericAnswer')} required />
            <NumberField path={[...path, 'tolerance']} label={t('editor.tolerance')} min={0} />
          </Group>
        )}
        {question.type !== 'description' && (
          <TextPair
            path={[...path, 'generalFeedback']}
            label={t('editor.generalFeedback')}
            required={false}
            empty="omit"
          />
        )}
        <GroupProblems path={path} />
      </Stack>
    </Paper>
  );
}
