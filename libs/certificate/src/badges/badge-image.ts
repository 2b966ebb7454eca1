import { createHash } from 'node:crypto';
import type { Locale } from '@greenlight/common';

export interface BadgeContent {
  slug: string;
  programName: string;
  title: string;
  version: number;
  locale: Locale;
}

const WORDS: Record<Locale, { certificate: string; version: string }> = {
  en: { certificate: 'CERTIFICATE', version: 'Version' },
  fr: { certificate: 'CERTIFICAT', version: 'Version' },
};

/** Dark enough behind white text (WCAG AA at these sizes): hue from the slug, fixed saturation and lightness. */
function hueOf(slug: string): number {
  return createHash('sha256').update(slug).digest().readUInt16BE(0) % 360;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Greedy word wrap; a word longer than the line is cut. At most `maxLines`, the last one ellipsised. */
export function wrapWords(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= width) line = candidate;
    else {
      if (line) lines.push(line);
      line = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1].slice(0, width - 1)}…`;
  return kept;
}

export interface Seal {
  /** Decides the colour. */
  seed: string;
  label: string;
  locale: Locale;
  heading?: string;
  subheading?: string;
  title: string;
  footer?: string;
}

/** A round seal with a heading, a subheading, a wrapped title and a footer, as SVG. */
export function sealSvg({ seed, label, locale, heading, subheading, title, footer }: Seal): string {
  const lines = wrapWords(title, 18, 4);
  const firstY = 250 - ((lines.length - 1) * 34) / 2;
  const titleLines = lines.map((l, i) => `<tspan x="256" y="${firstY + i * 34}">${escapeXml(l)}</tspan>`).join('');
  const line = (y: number, size: number, text: string | undefined, extra = '') =>
    text ? `<text x="256" y="${y}" font-size="${size}"${extra}>${escapeXml(text)}</text>` : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512" role="img" lang="${locale}" aria-label="${escapeXml(label)}">`,
    `<title>${escapeXml(label)}</title>`,
    `<circle cx="256" cy="256" r="248" fill="hsl(${hueOf(seed)},55%,28%)"/>`,
    `<circle cx="256" cy="256" r="222" fill="none" stroke="#ffffff" stroke-width="6"/>`,
    `<g fill="#ffffff" font-family="DejaVu Sans, Verdana, sans-serif" text-anchor="middle">`,
    line(120, 22, heading, ' letter-spacing="3"'),
    line(150, 18, subheading && wrapWords(subheading, 30, 1)[0]),
    `<text font-size="30" font-weight="bold">${titleLines}</text>`,
    line(400, 20, footer),
    `</g></svg>`,
  ].join('');
}

/**
 * A module's badge: the program, the module title and its version, in one language. Made from the
 * module version alone, so the same version always gives the same bytes.
 */
export function badgeSvg({ slug, programName, title, version, locale }: BadgeContent): string {
  const words = WORDS[locale];
  return sealSvg({
    seed: slug,
    label: `${programName}: ${title}`,
    locale,
    heading: words.certificate,
    subheading: programName,
    title,
    footer: `${words.version} ${version}`,
  });
}
