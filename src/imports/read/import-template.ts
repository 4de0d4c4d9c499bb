import { type ImportKind, importFields, requiredFields } from './import-fields.js';
import { type PresetName, presetNames, presets } from './presets.js';

/**
 * The CSV template of Rudder's own format for a kind: its header row, required fields
 * first, then the others in the importer's order. Built from the importer's own field
 * list, so a template always imports once its rows are filled in.
 */
export function importTemplate(kind: ImportKind): string {
  const required: readonly string[] = requiredFields[kind];
  const fields: readonly string[] = importFields[kind];
  const ordered = [...required, ...fields.filter((field) => !required.includes(field))];
  return `${ordered.join(',')}\n`;
}

/** The export formats whose headers an import of this kind recognizes. */
export function presetsFor(kind: ImportKind): PresetName[] {
  return presetNames.filter((name) => name === 'rudder' || presets[name][kind] !== undefined);
}
