import { createReadStream } from 'node:fs';

/** A CSV file as chunks of whole lines (COPY must never see half a row). */
export async function* readChunks(
  path: string,
  options: { skipLines?: number } = {},
): AsyncGenerator<string> {
  let carry = '';
  let skip = options.skipLines ?? 0;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 8 << 20 });
  for await (const piece of stream as AsyncIterable<string>) {
    let text = carry + piece;
    while (skip > 0) {
      const newline = text.indexOf('\n');
      if (newline < 0) break;
      text = text.slice(newline + 1);
      skip -= 1;
    }
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      carry = text;
      continue;
    }
    carry = text.slice(end + 1);
    yield text.slice(0, end + 1);
  }
  if (carry !== '') yield `${carry}\n`;
}
