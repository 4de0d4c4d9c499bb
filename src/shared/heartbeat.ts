export interface Heartbeat {
  /** Aborted when a renewal found the lease taken over: the holder must not commit. */
  readonly signal: AbortSignal;
  /** Stops renewing; waits for a renewal under way so none lands after the caller moves on. */
  stop(): Promise<void>;
}

export interface HeartbeatOptions {
  /**
   * Extends the lease; false when the holder no longer has it (another process claimed it
   * after it ran out). A renewal that throws (database unreachable) is tried again on the
   * next beat: the lease may still be ours, and only a claim by someone else can tell.
   */
  renew: () => Promise<boolean>;
  everyMs: number;
  onError?: (error: unknown) => void;
}

/**
 * Renews a lease every `everyMs` while its holder works, so a live process keeps what it holds
 * however long the work takes, and a dead one (nothing renews) loses it one lease later.
 * One renewal at a time: the next beat is timed from the end of the previous one.
 */
export function startHeartbeat(options: HeartbeatOptions): Heartbeat {
  const controller = new AbortController();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let beating: Promise<void> = Promise.resolve();
  const beat = async () => {
    try {
      if (!(await options.renew())) controller.abort(new Error('the lease was taken over'));
    } catch (error: unknown) {
      options.onError?.(error);
    }
  };
  const schedule = () => {
    if (stopped || controller.signal.aborted) return;
    timer = setTimeout(() => {
      beating = beat().then(schedule);
    }, options.everyMs);
    // A pending beat must not keep a process alive that has nothing else to do.
    timer.unref();
  };
  schedule();
  return {
    signal: controller.signal,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await beating;
    },
  };
}
