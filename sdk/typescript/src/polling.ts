import { WaitTimeoutError } from "./errors.js";
import { sleep } from "./transport.js";

export interface WaitOptions<T> {
  /** Give up after this long (WaitTimeoutError); default 10 min for renders, 5 min for assets. */
  timeoutMs?: number;
  /** Between polls; default 1000. */
  intervalMs?: number;
  /** Called with each state seen (e.g. a job's `progress`). */
  onProgress?: (current: T) => void;
}

/** `fetch()` until `done(result)`, with a deadline. */
export async function poll<T>(fetch: () => Promise<T>, done: (current: T) => boolean, options: WaitOptions<T>,
  what: string): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const intervalMs = options.intervalMs ?? 1000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await fetch();
    options.onProgress?.(current);
    if (done(current)) return current;
    if (Date.now() + intervalMs > deadline) {
      throw new WaitTimeoutError(`timed out after ${timeoutMs} ms waiting for ${what}`, current);
    }
    await sleep(intervalMs);
  }
}
