import { csvError } from './csv-issue.js';

/** Enough of the file to see its whole header line in practice. */
const HEAD_BYTES = 64 * 1024;

/**
 * Reads the first bytes of a file for delimiter detection, without its UTF-8 BOM
 * (Salesforce and Excel write one; it would otherwise stick to the first header).
 */
export async function readHead(chunks: AsyncIterator<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  while (size < HEAD_BYTES) {
    const result = await chunks.next();
    if (result.done === true) break;
    const chunk = toBuffer(result.value);
    parts.push(chunk);
    size += chunk.length;
  }
  const head = Buffer.concat(parts);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return head.subarray(3);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    // Excel's "Unicode text" export is UTF-16: reading it as UTF-8 would give garbage.
    throw csvError(1, 'the file is UTF-16 encoded; save it as "CSV UTF-8" and import again');
  }
  return head;
}

/** Chunks of a Node stream are Buffers, or strings when the caller set an encoding. */
export function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  throw new TypeError('openCsv expects a stream of bytes or text');
}
