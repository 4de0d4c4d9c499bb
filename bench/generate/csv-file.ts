import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

/** Buffered, back-pressured writer of CSV lines (the caller formats the line). */
export class CsvFile {
  private buffer: string[] = [];
  private chars = 0;
  rows = 0;
  private readonly stream: WriteStream;

  constructor(path: string) {
    this.stream = createWriteStream(path);
  }

  /** Adds one line (without its newline); resolves at once unless the buffer is flushed. */
  async line(text: string): Promise<void> {
    this.buffer.push(text);
    this.chars += text.length + 1;
    this.rows += 1;
    if (this.chars >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const text = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    this.chars = 0;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<number> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    return this.rows;
  }
}

/** A CSV field: null is an unquoted empty field (SQL NULL); text is quoted when needed. */
export function field(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
