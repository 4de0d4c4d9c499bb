/**
 * Computed results kept for reuse while the data they were computed from has not changed:
 * each entry remembers the data version it was computed at (src/db/data-version.ts) and is
 * served only for that version. The least recently used entries go first once the cache
 * holds more than `maxBytes` (sizes as their JSON length: a bound, not an exact footprint).
 */
export class VersionedCache<T> {
  readonly #entries = new Map<string, { version: number; value: T; bytes: number }>();
  readonly #maxBytes: number;
  #bytes = 0;
  #hits = 0;
  #misses = 0;

  constructor(options: { maxBytes: number }) {
    this.#maxBytes = options.maxBytes;
  }

  /**
   * The value kept for `key` at `version`, or what `compute` returns (then kept). An entry of
   * another version is dropped: versions only grow, so it can never be served again.
   */
  async get(key: string, version: number, compute: () => Promise<T>): Promise<T> {
    const entry = this.#entries.get(key);
    if (entry !== undefined) {
      this.#drop(key, entry.bytes);
      if (entry.version === version) {
        // Re-inserted: a Map iterates in insertion order, so the oldest key is the least used.
        this.#entries.set(key, entry);
        this.#bytes += entry.bytes;
        this.#hits += 1;
        return entry.value;
      }
    }
    this.#misses += 1;
    const value = await compute();
    const bytes = JSON.stringify(value).length;
    if (bytes > this.#maxBytes) return value;
    // Another request may have computed the same key meanwhile: the newer version stays.
    const raced = this.#entries.get(key);
    if (raced !== undefined && raced.version > version) return value;
    if (raced !== undefined) this.#drop(key, raced.bytes);
    this.#entries.set(key, { version, value, bytes });
    this.#bytes += bytes;
    for (const [oldest, { bytes: size }] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#drop(oldest, size);
    }
    return value;
  }

  /** Entries, their bytes, and how often a lookup was served from the cache. */
  stats(): { entries: number; bytes: number; hits: number; misses: number } {
    return {
      entries: this.#entries.size,
      bytes: this.#bytes,
      hits: this.#hits,
      misses: this.#misses,
    };
  }

  #drop(key: string, bytes: number): void {
    this.#entries.delete(key);
    this.#bytes -= bytes;
  }
}
