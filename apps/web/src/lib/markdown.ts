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
  const html = marked.parse(source ?? '', { async: false, gfm: true }) as string;
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
