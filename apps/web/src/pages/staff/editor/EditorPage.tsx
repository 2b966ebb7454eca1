// Mantine's CSS for the components the editor adds to the always-loaded ones (styles/mantine.css).
import '@mantine/core/styles/ScrollArea.layer.css';
import '@mantine/core/styles/Overlay.layer.css';
import '@mantine/core/styles/ActionIcon.layer.css';
import '@mantine/core/styles/CloseButton.layer.css';
import '@mantine/core/styles/ModalBase.layer.css';
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/Combobox.layer.css';
import '@mantine/core/styles/CheckboxCard.layer.css';
import '@mantine/core/styles/CheckboxIndicator.layer.css';
import '@mantine/core/styles/Checkbox.layer.css';
import '@mantine/core/styles/Grid.layer.css';
import '@mantine/core/styles/Modal.layer.css';
import '@mantine/core/styles/NavLink.layer.css';
import '@mantine/core/styles/NumberInput.layer.css';
import '@mantine/core/styles/RadioCard.layer.css';
import '@mantine/core/styles/RadioIndicator.layer.css';
import '@mantine/core/styles/Switch.layer.css';
import '@mantine/core/styles/Table.layer.css';
import '@mantine/core/styles/Tabs.layer.css';
import '@mantine/core/styles/Typography.layer.css';
import { Alert, Anchor, Badge, Button, Group, List, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import { ErrorAlert, Loading } from '../../../components/State';
import { formatDate } from '../../../lib/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import {
  conflictOf,
  fetchDraft,
  saveDraft,
  useChanges,
  useDuplicate,
  yamlUrl,
  type Conflict,
  type DraftDocument,
} from './api';
import { EditorContext, type EditorState } from './context';
import { blankModule, editAt, pathKey, slugify, textParts, type ModuleInput, type Path } from './model';
import { ModuleSection } from './ModuleSection';
import { PublishDialog } from './PublishDialog';
import { UnitsSection } from './UnitsSection';
import { byPath, checkDocument, indexProblems, type Problem } from './validation';
import { VersionsPanel } from './VersionsPanel';
import { downloadYaml } from './yaml';

/** How long after the last keystroke a valid draft is saved on its own. */
export const AUTOSAVE_MS = 1500;

/** What a page hands the editor to review before saving: an uploaded file, or a version to start from. */
export interface EditorHandOver {
  document: ModuleInput;
  origin: 'upload' | 'version';
  version?: number;
}

const NO_PROBLEMS = new Map<string, string[]>();

/** The module (sections for the module and its units), editable or read-only. */
export function DocumentEditor() {
  return (
    <Stack gap="lg">
      <ModuleSection />
      <UnitsSection />
    </Stack>
  );
}

/** A document shown read-only with the editor's own parts (a published version). */
export function ReadOnlyDocument({ document }: { document: ModuleInput }) {
  const check = useMemo(() => checkDocument(document), [document]);
  const state: EditorState = {
    document,
    edit: () => undefined,
    check: { ...check, byPath: NO_PROBLEMS },
    serverProblems: NO_PROBLEMS,
    readOnly: true,
    published: true,
    isNew: false,
    touch: () => undefined,
    isShown: () => false,
  };
  return (
    <EditorContext.Provider value={state}>
      <DocumentEditor />
    </EditorContext.Provider>
  );
}

function ProblemSummary({ problems }: { problems: Problem[] }) {
  const { t } = useTranslation();
  if (!problems.length) return null;
  const go = (path: string) => {
    const target =
      document.getElementById(`field-${`${path}.en`.replace(/[^\w-]/g, '_')}`) ??
      document.getElementById(`field-${path.replace(/[^\w-]/g, '_')}`);
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  };
  return (
    <Alert color="red" variant="outline" title={t('editor.problems', { count: problems.length })}>
      <List spacing={4} size="sm">
        {problems.map((problem, index) => (
          <List.Item key={index}>
            {problem.path ? (
              <Anchor component="button" type="button" size="sm" onClick={() => go(problem.path)}>
                {problem.path}
              </Anchor>
            ) : null}{' '}
            {problem.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

function ConflictAlert({
  conflict,
  onReload,
  onOverwrite,
  onDownload,
}: {
  conflict: Conflict;
  onReload: () => void;
  onOverwrite: () => void;
  onDownload: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Alert color="orange" role="alert" title={t('editor.conflictTitle')}>
      <Stack gap="xs">
        <Text>
          {t('editor.conflictText', {
            name: conflict.updatedBy?.name ?? t('editor.someoneElse'),
            when: conflict.updatedAt ? formatDate(conflict.updatedAt, i18n.language, true) : '',
          })}
        </Text>
        <Group gap="xs">
          <Button size="xs" onClick={onReload}>
            {t('editor.reloadTheirs')}
          </Button>
          <Button size="xs" variant="default" onClick={onDownload}>
            {t('editor.downloadMine')}
          </Button>
          <Button size="xs" variant="outline" color="red.9" onClick={onOverwrite}>
            {t('editor.overwrite')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function DuplicateDialog({
  slug,
  title,
  opened,
  onClose,
}: {
  slug: string;
  title: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const duplicate = useDuplicate(slug);
  const [newTitle, setNewTitle] = useState(title);
  const [newSlug, setNewSlug] = useState(slugify(title));
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('editor.close') }}
      opened={opened}
      onClose={onClose}
      title={t('editor.duplicateTitle')}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          duplicate.mutate(
            { slug: newSlug, title: { en: newTitle } },
            { onSuccess: (created) => navigate(`/staff/modules/${encodeURIComponent(created?.slug ?? newSlug)}/edit`) },
          );
        }}
      >
        <Stack>
          <Text size="sm">{t('editor.duplicateHelp')}</Text>
          <TextInput
            label={t('editor.inEnglish', { label: t('editor.title') })}
            value={newTitle}
            onChange={(event) => {
              setNewTitle(event.currentTarget.value);
              setNewSlug(slugify(event.currentTarget.value));
            }}
            required
          />
          <TextInput
            label={t('editor.slug')}
            value={newSlug}
            onChange={(event) => setNewSlug(event.currentTarget.value)}
            required
          />
          <ErrorAlert error={duplicate.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={duplicate.isPending}>
              {t('editor.duplicate')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/** What the editor's own moves of its address (first save, rename) carry, so the page keeps the editor as it is. */
interface Moved {
  editor?: EditorHandOver;
  keep?: boolean;
}

/** The editor of one module: `/staff/modules/new` and `/staff/modules/:slug/edit`. */
export function EditorPage() {
  const { slug } = useParams();
  const location = useLocation();
  const state = location.state as Moved | null;
  const [session, setSession] = useState<{ key: string; draft: DraftDocument | null } | null>(() =>
    slug ? null : { key: location.key, draft: null },
  );
  const [loadError, setLoadError] = useState<unknown>(null);
  const shown = useRef(session);
  shown.current = session;

  useEffect(() => {
    // The editor moved its own address (a first save, a rename): it stays as it is. A page opened afresh
    // with that history entry (a reload after the first save keeps `state`) has no editor yet and loads.
    if (state?.keep && shown.current) return;
    let live = true;
    setLoadError(null);
    if (!slug) {
      setSession((current) => (current?.key === location.key ? current : { key: location.key, draft: null }));
      return;
    }
    setSession(null);
    fetchDraft(slug).then(
      (draft) => live && setSession({ key: location.key, draft }),
      (error) => live && setLoadError(error),
    );
    return () => {
      live = false;
    };
  }, [slug, location.key, state?.keep]);

  if (loadError) return <ErrorAlert error={loadError} />;
  if (!session) return <Loading />;
  return <Editor key={session.key} draft={session.draft} handOver={state?.editor} />;
}

function Editor({ draft, handOver }: { draft: DraftDocument | null; handOver: EditorHandOver | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [document, setDocument] = useState<ModuleInput>(() => handOver?.document ?? draft?.document ?? blankModule());
  const [saved, setSaved] = useState(() => (draft ? JSON.stringify(draft.document) : JSON.stringify(blankModule())));
  const [revision, setRevision] = useState(draft?.revision ?? '');
  const [savedSlug, setSavedSlug] = useState(draft?.document.slug ?? null);
  const [lastEditor, setLastEditor] = useState(draft?.updatedBy ?? null);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [showAll, setShowAll] = useState(draft !== null || Boolean(handOver));
  const [publishing, setPublishing] = useState(false);
  const [duplicating, setDuplicating] = useState(false);
  const [notice, setNotice] = useState<string | null>(
    handOver?.origin === 'upload'
      ? t('editor.reviewUpload')
      : handOver?.origin === 'version'
        ? t('editor.startedFrom', { version: handOver.version })
        : null,
  );
  const latest = useRef(document);
  latest.current = document;
  const saving = useRef(false);

  const deferred = useDeferredValue(document);
  const check = useMemo(() => checkDocument(deferred), [deferred]);
  const current = JSON.stringify(document);
  const dirty = current !== saved;
  const valid = check.problems.length === 0 && deferred === document;
  const slug = savedSlug ?? document.slug;
  const isNew = !savedSlug;
  const title = textParts(document.title).en || t('editor.untitled');
  const changes = useChanges(savedSlug ?? undefined);
  const hasChanges = (changes.data?.changes.length ?? 0) > 0;
  const published = changes.data ? changes.data.publishedVersion !== null : !isNew;
  usePageTitle(isNew ? t('editor.newTitle') : t('editor.editTitle', { title }));

  const edit = useCallback(<T,>(path: Path, change: (node: T) => T | void) => {
    setDocument((previous) => editAt(previous, path, change));
    setServerProblems([]);
  }, []);
  const touch = useCallback((path: Path) => {
    const key = pathKey(path);
    setTouched((previous) => (previous.has(key) ? previous : new Set(previous).add(key)));
  }, []);
  const isShown = useCallback(
    (key: string) =>
      showAll || [...touched].some((k) => k === key || k.startsWith(`${key}.`) || k.startsWith(`${key}[`)),
    [showAll, touched],
  );

  const save = useCallback(
    async (options: { overwrite?: string } = {}) => {
      if (saving.current) return;
      saving.current = true;
      const sent = latest.current;
      setSaveState('saving');
      setSaveError(null);
      try {
        const existing = savedSlug ? { slug: savedSlug, revision: options.overwrite ?? revision } : null;
        setRevision(await saveDraft(sent, existing));
        setSaved(JSON.stringify(sent));
        setLastEditor(null);
        setConflict(null);
        setServerProblems([]);
        setSaveState('saved');
        if (sent.slug !== savedSlug) {
          setSavedSlug(sent.slug);
          // The address follows the module's slug (first save, rename before the first publish).
          navigate(`/staff/modules/${encodeURIComponent(sent.slug)}/edit`, { replace: true, state: { keep: true } });
        }
        // Under a new slug the changes query is a new one and loads by itself; the old one names no module now.
        if (sent.slug === savedSlug) void changes.refetch();
      } catch (error) {
        const stale = conflictOf(error);
        if (stale) setConflict(stale);
        else if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
          setServerProblems(indexProblems(error.messages));
          setShowAll(true);
        } else setSaveError(error);
        setSaveState('failed');
      } finally {
        saving.current = false;
      }
    },
    [savedSlug, revision, navigate, changes],
  );

  // Autosave: a valid draft is saved shortly after the last edit (never over someone else's newer one).
  useEffect(() => {
    if (!dirty || !valid || conflict || saveState === 'saving') return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [current, dirty, valid, conflict, saveState, save]);

  // Leaving with unsaved changes asks first, for a reload or a closed tab as for a link in the app.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      currentLocation.pathname !== nextLocation.pathname &&
      nextLocation.pathname !== `/staff/modules/${encodeURIComponent(latest.current.slug)}/edit`,
  );

  const reloadTheirs = async () => {
    if (!savedSlug) return;
    const fresh = await fetchDraft(savedSlug);
    setDocument(fresh.document);
    setSaved(JSON.stringify(fresh.document));
    setRevision(fresh.revision);
    setLastEditor(fresh.updatedBy);
    setServerProblems([]);
    setConflict(null);
    setSaveState('idle');
  };
  const saveNow = () => {
    setShowAll(true);
    if (check.problems.length) {
      window.setTimeout(() => window.document.getElementById('editor-problems')?.focus(), 0);
      return;
    }
    void save();
  };
  const preview = () => navigate(`/staff/modules/${encodeURIComponent(slug)}/preview`);

  const state: EditorState = {
    document,
    edit,
    check,
    serverProblems: byPath(serverProblems),
    readOnly: false,
    published,
    isNew,
    touch,
    isShown,
  };
  const shownProblems = showAll ? [...check.problems, ...serverProblems] : serverProblems;
  const statusText = conflict
    ? t('editor.status.conflict')
    : saveState === 'saving'
      ? t('editor.status.saving')
      : dirty
        ? check.problems.length
          ? t('editor.status.invalid', { count: check.problems.length })
          : t('editor.status.unsaved')
        : savedSlug
          ? t('editor.status.saved')
          : t('editor.status.new');

  return (
    <EditorContext.Provider value={state}>
      <Stack gap="lg">
        <Anchor component={Link} to="/staff/content">
          {t('editor.backToContent')}
        </Anchor>
        <Title order={1}>{isNew ? t('editor.newTitle') : t('editor.editTitle', { title })}</Title>
        <Paper withBorder p="sm" className="editor-toolbar" component="section" aria-label={t('editor.toolbar')}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Group gap="xs">
              <Text role="status" aria-live="polite" fw={600}>
                {statusText}
              </Text>
              <Badge color={check.frenchGaps.length ? 'red.9' : 'teal.9'} variant="outline">
                {check.frenchGaps.length
                  ? t('editor.frenchMissing', { count: check.frenchGaps.length })
                  : t('editor.frenchComplete')}
              </Badge>
              {lastEditor && !dirty && (
                <Text size="sm" c="dimmed">
                  {t('editor.lastSavedBy', { name: lastEditor.name })}
                </Text>
              )}
            </Group>
            <Group gap="xs">
              <Button onClick={saveNow} loading={saveState === 'saving'} disabled={!dirty && Boolean(savedSlug)}>
                {t('editor.saveDraft')}
              </Button>
              <Button variant="default" onClick={preview} disabled={!savedSlug || dirty}>
                {t('editor.preview')}
              </Button>
              {savedSlug && !dirty && hasChanges && (
                <Button color="teal.9" onClick={() => setPublishing(true)}>
                  {t('editor.publish')}
                </Button>
              )}
              {savedSlug && !dirty ? (
                <Button variant="default" component="a" href={yamlUrl(savedSlug)} download={`${savedSlug}.yaml`}>
                  {t('editor.downloadYaml')}
                </Button>
              ) : (
                <Button variant="default" onClick={() => void downloadYaml(document)} disabled={!document.slug}>
                  {t('editor.downloadYaml')}
                </Button>
              )}
              {savedSlug && (
                <Button variant="default" onClick={() => setDuplicating(true)}>
                  {t('editor.duplicate')}
                </Button>
              )}
            </Group>
          </Group>
          {savedSlug && dirty && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('editor.saveBeforePublish')}
            </Text>
          )}
          {savedSlug && !dirty && changes.data && !hasChanges && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('editor.nothingToPublish')}
            </Text>
          )}
        </Paper>
        {notice && (
          <Alert color="blue" withCloseButton onClose={() => setNotice(null)} closeButtonLabel={t('editor.close')}>
            {notice}
          </Alert>
        )}
        {conflict && (
          <ConflictAlert
            conflict={conflict}
            onReload={() => void reloadTheirs()}
            onOverwrite={() => void save({ overwrite: conflict.revision })}
            onDownload={() => void downloadYaml(document, `${slug}-mine`)}
          />
        )}
        <ErrorAlert error={saveError} />
        <div id="editor-problems" tabIndex={-1}>
          <ProblemSummary problems={shownProblems} />
        </div>
        <DocumentEditor />
        {savedSlug && (
          <Paper withBorder p="lg">
            <VersionsPanel
              slug={savedSlug}
              onStartFrom={(version, number) => {
                setDocument({ ...version, slug: savedSlug });
                setNotice(t('editor.startedFrom', { version: number }));
                window.scrollTo({ top: 0 });
              }}
              renderReadOnly={(version) => <ReadOnlyDocument document={version} />}
            />
          </Paper>
        )}
      </Stack>
      {savedSlug && (
        <PublishDialog
          slug={savedSlug}
          title={title}
          opened={publishing}
          onClose={() => setPublishing(false)}
          onPublished={() => void changes.refetch()}
        />
      )}
      {savedSlug && (
        <DuplicateDialog slug={savedSlug} title={title} opened={duplicating} onClose={() => setDuplicating(false)} />
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('editor.close') }}
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title={t('editor.leaveTitle')}
      >
        <Stack>
          <Text>{t('editor.leaveText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => blocker.reset?.()}>
              {t('editor.stay')}
            </Button>
            <Button color="red.9" onClick={() => blocker.proceed?.()}>
              {t('editor.leave')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </EditorContext.Provider>
  );
}
