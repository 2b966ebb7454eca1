import { Alert, Badge, Button, Code, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { giftSourceToQuestions, type GiftSource } from '@greenlight/content/gift/gift-source';
import { useDeferredValue, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor, valueAt } from './context';
import { GroupProblems, NumberField, TextPair } from './fields';
import { freshKey, move, questionOfType, textParts, type Path, type QuestionInput, type QuizInput } from './model';
import { QuestionEditor } from './QuestionEditor';
import { entryIds, SortableList } from './SortableList';

/** "GIFT syntax error at line 3, column 5: …" → 3, so the line itself can be shown. */
export function giftErrorLine(message: string): number | null {
  const match = message.match(/\bline (\d+)/);
  return match ? Number(match[1]) : null;
}

interface ParsedQuestion {
  key?: string;
  type?: string;
  prompt?: unknown;
  options?: { text?: unknown; correct?: boolean; weight?: number }[];
}

/** What the pasted GIFT turns into, parsed as the server will parse it, with each error at its line. */
export function GiftPreview({ source }: { source: GiftSource }) {
  const { t } = useTranslation();
  const deferred = useDeferredValue(source);
  const { questions, problems } = useMemo(() => giftSourceToQuestions(deferred), [deferred]);
  const titleId = useId();
  const textOf = (language: string) =>
    typeof deferred === 'string' ? deferred : language === 'fr' ? (deferred.fr ?? '') : deferred.en;
  return (
    <Paper withBorder p="md" bg="gray.0" component="section" aria-labelledby={titleId}>
      <Text fw={700} id={titleId} component="p" mb="xs">
        {t('editor.giftPreview', { count: questions.length })}
      </Text>
      {problems.length > 0 && (
        <Alert color="red" title={t('editor.giftProblems', { count: problems.length })} mb="sm">
          <List spacing={4}>
            {problems.map((problem, index) => {
              const line = giftErrorLine(problem.message);
              const language = problem.path[0] ?? 'en';
              const text = line ? textOf(language).split('\n')[line - 1] : undefined;
              return (
                <List.Item key={index}>
                  {problem.path.length > 0 && (
                    <Badge mr="xs">{t(language === 'fr' ? 'editor.french' : 'editor.english')}</Badge>
                  )}
                  {line !== null && <strong>{t('editor.lineN', { n: line })}: </strong>}
                  {problem.message}
                  {text !== undefined && (
                    <Code block mt={4}>
                      {text}
                    </Code>
                  )}
                </List.Item>
              );
            })}
          </List>
        </Alert>
      )}
      <List type="ordered" spacing="xs">
        {(questions as ParsedQuestion[]).map((question, index) => (
          <List.Item key={`${question.key}-${index}`}>
            <Text span fw={600}>
              {textParts(question.prompt).en}
            </Text>{' '}
            <Badge size="sm" color="gray.8" variant="outline">
              {t(`editor.questionType.${question.type}`, { defaultValue: question.type })}
            </Badge>
            {question.options && (
              <List size="sm" withPadding>
                {question.options.map((option, i) => (
                  <List.Item key={i}>
                    {textParts(option.text).en}
                    {(option.correct || (option.weight ?? 0) > 0) && ` — ${t('editor.correctOption')}`}
                  </List.Item>
                ))}
              </List>
            )}
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}

/** A quiz: pass mark, attempts, its questions (built one by one, reordered) and/or pasted GIFT. */
export function QuizEditor({ path }: { path: Path }) {
  const { t } = useTranslation();
  const { document, edit, readOnly } = useEditor();
  const quiz = valueAt(document, path) as QuizInput;
  const questions = (quiz.questions ?? []) as QuestionInput[];
  const gift = quiz.gift;
  const ids = entryIds(questions);
  const questionsPath = [...path, 'questions'];
  const giftTitle = useId();
  const addQuestion = () =>
    edit<QuizInput>(path, (node) => {
      node.questions = [...(node.questions ?? []), questionOfType('single', freshKey('q', node.questions))];
    });
  return (
    <Stack>
      <Group align="flex-start">
        <NumberField path={[...path, 'passMark']} label={t('editor.passMark')} min={0} max={100} suffix=" %" required />
        <NumberField
          path={[...path, 'maxAttempts']}
          label={t('editor.maxAttempts')}
          description={t('editor.maxAttemptsHelp')}
          min={1}
          allowDecimal={false}
        />
      </Group>
      <GroupProblems path={questionsPath} />
      <SortableList
        entries={questions.map((q, i) => ({ id: ids[i], name: t('editor.questionN', { n: i + 1 }) }))}
        onMove={(from, to) => edit<QuestionInput[]>(questionsPath, (list) => move(list, from, to))}
      >
        {(index, controls) => (
          <Stack mb="sm">
            <QuestionEditor
              path={[...questionsPath, index]}
              index={index}
              controls={controls}
              onRemove={() => edit<QuestionInput[]>(questionsPath, (list) => void list.splice(index, 1))}
            />
          </Stack>
        )}
      </SortableList>
      {!readOnly && (
        <Button variant="default" w="fit-content" onClick={addQuestion}>
          {t('editor.addQuestion')}
        </Button>
      )}
      <Stack gap="xs" component="section" aria-labelledby={giftTitle}>
        <Title order={5} id={giftTitle}>
          {t('editor.giftTitle')}
        </Title>
        <Text size="sm">{t('editor.giftHelp')}</Text>
        <TextPair path={[...path, 'gift']} label={t('editor.gift')} multiline required={false} empty="omit" />
        {gift !== undefined && textParts(gift).en.trim() !== '' && <GiftPreview source={gift as GiftSource} />}
      </Stack>
    </Stack>
  );
}
