import DOMPurify from 'dompurify';
import { marked } from 'marked';

const FORBIDDEN = 'script, style, iframe, object, embed, form, input, button, textarea, select, link, meta, base';
// A URL with a scheme must use one of these; relative URLs stay.
const SAFE_URL = /^(https?:|mailto:|[^:]*$)/i;

/**
 * Lesson bodies are authored Markdown from staff uploads: rendered, then sanitised by DOMPurify so no
 * script, event handler or javascript: URL reaches the page. A second, narrower pass keeps the same
 * guarantees where DOMPurify cannot run fully (it relies on browser DOM features), and adapts the
 * result to the page: headings sit under the lesson's h2, outside links open in a new tab.
 */
export function renderMarkdown(source: string): string {
  const html = parseMarkdown(source ?? '');
  const root = document.createElement('div');
  root.innerHTML = DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
  root.querySelectorAll(FORBIDDEN).forEach((element) => element.remove());
  root.querySelectorAll('*').forEach((element) => {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || name === 'style' || name === 'srcdoc') element.removeAttribute(attribute.name);
      if ((name === 'href' || name === 'src' || name === 'xlink:href') && !SAFE_URL.test(attribute.value.trim()))
        element.removeAttribute(attribute.name);
    }
  });
  root.querySelectorAll('a[href]').forEach((link) => {
    if (/^https?:/i.test(link.getAttribute('href') ?? '')) {
      link.setAttribute('target', '_blank');
      link.setAttribute('rel', 'noopener noreferrer');
    }
  });
  // An image the author gave no description is treated as decorative.
  root.querySelectorAll('img:not([alt])').forEach((image) => image.setAttribute('alt', ''));
  root.querySelectorAll('h1, h2').forEach((heading) => {
    const h3 = document.createElement('h3');
    h3.innerHTML = heading.innerHTML;
    heading.replaceWith(h3);
  });
  return root.innerHTML;
}

/** Quotes nested deeper than this are read as this deep: marked recurses once per level (1,900 overflow its stack). */
export const MAX_QUOTE_DEPTH = 16;
const QUOTE_MARKERS = /^(?: {0,3}>[ \t]?)+/gm;

export function boundQuoteDepth(source: string): string {
  return source.replace(QUOTE_MARKERS, (run) =>
    (run.match(/>/g)?.length ?? 0) > MAX_QUOTE_DEPTH ? '> '.repeat(MAX_QUOTE_DEPTH) : run,
  );
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Markdown to HTML; input marked still cannot handle is shown as its plain text rather than breaking the lesson. */
function parseMarkdown(source: string): string {
  try {
    return marked.parse(boundQuoteDepth(source), { async: false, gfm: true }) as string;
  } catch {
    return source
      .split(/\n{2,}/)
      .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
      .join('');
  }
}
