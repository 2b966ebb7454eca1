import type { ModuleSnapshot, SnapshotItem, SnapshotQuestion } from '../catalog-reader/module-snapshot';

/**
 * A module document equal to a snapshot (GIFT questions come back as authored questions), for
 * versions published before their document was kept. Validating and freezing it again gives the
 * same snapshot, so a draft started from it has nothing to publish until someone edits it.
 */
export function snapshotDocument(snapshot: ModuleSnapshot): Record<string, unknown> {
  return {
    slug: snapshot.slug,
    title: snapshot.title,
    summary: snapshot.summary,
    certificate: { ...snapshot.certificate },
    opensAt: snapshot.opensAt,
    closesAt: snapshot.closesAt,
    tracks: snapshot.tracks.map((track) => ({ key: track.key, title: track.title })),
    units: snapshot.units.map((unit) => ({
      key: unit.key,
      title: unit.title,
      tracks: [...unit.tracks],
      items: unit.items.map(itemDocument),
    })),
  };
}

function itemDocument(item: SnapshotItem): Record<string, unknown> {
  const base = { key: item.key, kind: item.kind, title: item.title };
  switch (item.kind) {
    case 'lesson':
      return { ...base, body: item.body, videoUrl: item.videoUrl, estimatedMinutes: item.estimatedMinutes };
    case 'quiz':
      return {
        ...base,
        passMark: item.passMark,
        maxAttempts: item.maxAttempts,
        questions: item.questions.map(questionDocument),
      };
    case 'event':
      return {
        ...base,
        startsAt: item.startsAt,
        endsAt: item.endsAt,
        location: item.location,
        joinUrl: item.joinUrl,
      };
  }
}

function questionDocument(question: SnapshotQuestion): Record<string, unknown> {
  const base = {
    key: question.key,
    type: question.type,
    prompt: question.prompt,
    ...(question.feedback ? { feedback: { ...question.feedback } } : {}),
  };
  switch (question.type) {
    case 'single':
    case 'multiple':
      return {
        ...base,
        options: question.options.map((option) => ({
          key: option.key,
          text: option.text,
          correct: option.correct,
          ...(option.weight !== undefined ? { weight: option.weight } : {}),
          ...(option.feedback !== undefined ? { feedback: option.feedback } : {}),
        })),
      };
    case 'truefalse':
      return { ...base, answer: question.answer };
    case 'short':
      return { ...base, accept: [...question.accept] };
    case 'numeric':
      return {
        ...base,
        answer: question.answer,
        tolerance: question.tolerance,
        ...(question.ranges ? { ranges: question.ranges.map((r) => ({ ...r })) } : {}),
      };
  }
}
