import type { ImportResult } from '../imports/import-types.js';

/** Row errors printed by the CLI; the rest are in the result (--json) and in import_run. */
export const PRINTED_ERRORS = 50;

/** The summary table and the first row errors, as the CLI prints them. */
export function formatImportResult(result: ImportResult, fileName: string): string {
  const { counts } = result;
  const verdict =
    result.status === 'succeeded'
      ? result.dryRun
        ? 'dry run: nothing written'
        : 'imported'
      : result.dryRun
        ? 'dry run: the file has errors'
        : 'failed: nothing written';
  const rows: Array<[string, string | number]> = [
    ['file', fileName],
    ['kind', result.kind],
    ['result', verdict],
    ['rows read', counts.rows],
    ['new', counts.new],
    ['changed', counts.changed],
    ['unchanged', counts.unchanged],
    ['errors', result.errorCount],
    ['warnings', result.warningCount],
    ['events', counts.events],
  ];
  if (result.stagesAdded.length > 0) rows.push(['stages added', result.stagesAdded.join(', ')]);
  if (result.missing !== undefined) rows.push(['missing from snapshot', result.missing.count]);
  const lines = rows.map(([label, value]) => `  ${label.padEnd(22)} ${value}`);
  if (result.missing !== undefined && result.missing.count > 0) {
    lines.push(
      '',
      `Not in this snapshot (kept, not deleted): ${result.missing.externalIds.slice(0, 20).join(', ')}${result.missing.count > 20 ? ', …' : ''}`,
    );
  }
  if (result.errors.length > 0) {
    lines.push('', 'Row errors:');
    for (const issue of result.errors.slice(0, PRINTED_ERRORS)) {
      const where = issue.line === undefined ? '' : `line ${issue.line}`;
      const value = issue.value === undefined || issue.value === '' ? '' : ` "${issue.value}"`;
      lines.push(`  ${where.padEnd(12)} ${issue.field}${value}: ${issue.reason}`);
    }
    if (result.errorCount > PRINTED_ERRORS) {
      lines.push(
        `  … and ${result.errorCount - PRINTED_ERRORS} more (see --json or the import run ${result.runId})`,
      );
    }
  }
  if (result.warnings.length > 0) {
    lines.push('', 'Warnings (imported as they are):');
    for (const warning of result.warnings.slice(0, PRINTED_ERRORS)) {
      const id = warning.externalId === null ? '' : ` (${warning.externalId})`;
      lines.push(`  ${`line ${warning.line}`.padEnd(12)} ${warning.field}${id}: ${warning.reason}`);
    }
    if (result.warningCount > PRINTED_ERRORS) {
      lines.push(
        `  … and ${result.warningCount - PRINTED_ERRORS} more (see --json or the import run ${result.runId})`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
