import { downloadFile } from '../../../lib/ics';
import type { ModuleInput } from './model';

/** The document as a YAML file, the form content/ keeps modules in (the YAML library loads only when asked). */
export async function downloadYaml(document: ModuleInput, name = document.slug || 'module'): Promise<void> {
  const { stringify } = await import('yaml');
  downloadFile(`${name}.yaml`, stringify(document, { lineWidth: 0 }), 'application/yaml');
}

/** A module document from an uploaded file, JSON or YAML, for the editor to open. */
export async function parseDocumentFile(fileName: string, text: string): Promise<unknown> {
  if (/\.json$/i.test(fileName) || /^\s*[{[]/.test(text)) return JSON.parse(text);
  const { parse } = await import('yaml');
  return parse(text);
}
