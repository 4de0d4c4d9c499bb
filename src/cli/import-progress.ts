import { SingleBar } from 'cli-progress';
import type { ImportProgress } from '../imports/import-types.js';

/** How often the plain (non-TTY) progress line is written. */
const PLAIN_EVERY_MS = 2000;

export interface ProgressReporter {
  update(progress: ImportProgress): void;
  stop(): void;
}

/**
 * Progress of an import on stderr: a bar on a terminal, a line every few seconds
 * otherwise (logs and CI capture stderr, and a bar's redraws would flood them).
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (stream.isTTY === true) {
    const bar = new SingleBar({
      stream,
      format: ' {bar} {percentage}% | {rows} rows | {phase}',
      hideCursor: true,
      clearOnComplete: true,
    });
    let started = false;
    return {
      update(progress) {
        const total = progress.totalBytes ?? 0;
        const payload = { rows: progress.rowsRead, phase: progress.phase };
        if (!started) {
          bar.start(Math.max(total, 1), 0, payload);
          started = true;
        }
        bar.update(progress.phase === 'reading' ? progress.bytesRead : total, payload);
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let last = 0;
  let lastPhase = '';
  return {
    update(progress) {
      const now = Date.now();
      if (now - last < PLAIN_EVERY_MS && progress.phase === lastPhase) return;
      last = now;
      lastPhase = progress.phase;
      const share =
        progress.totalBytes !== null && progress.totalBytes > 0
          ? ` (${Math.floor((100 * progress.bytesRead) / progress.totalBytes)}% of the file)`
          : '';
      stream.write(`import: ${progress.phase}, ${progress.rowsRead} rows read${share}\n`);
    },
    stop: () => undefined,
  };
}
