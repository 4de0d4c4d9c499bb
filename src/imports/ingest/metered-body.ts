import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../../shared/app-error.js';

/**
 * Passes a request body through while counting its bytes (refusing past `limit`) and
 * hashing it, so a streamed body has a fingerprint once read, without being held whole.
 */
export class MeteredBody extends Transform {
  private readonly hash: Hash;
  bytesRead = 0;

  constructor(
    private readonly limit: number,
    /** Hashed before the body: whatever else makes two requests the same (kind, options). */
    seed: string,
  ) {
    super();
    this.hash = createHash('sha256').update(seed);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytesRead += chunk.length;
    if (this.bytesRead > this.limit) {
      done(tooLarge(this.limit));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  /** The SHA-256 of the seed and the whole body; call once the body is read to its end. */
  digest(): string {
    return this.hash.digest('hex');
  }

  /** Reads what is left of the body (a replayed request is hashed, not imported). */
  async drain(): Promise<void> {
    if (this.readableEnded) return;
    for await (const _chunk of this) {
      // only the hash matters
    }
  }
}

export function tooLarge(limit: number): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `The body is larger than ${Math.round(limit / 1024 / 1024)} MB (IMPORT_BODY_LIMIT_MB); split it.`,
  );
}

/** Refuses at once a body whose declared length is already over the limit. */
export function checkDeclaredLength(header: string | undefined, limit: number): void {
  if (header !== undefined && Number(header) > limit) throw tooLarge(limit);
}
