/**
 * Bounded retries with exponential backoff for calls to payment providers.
 * Safe only for calls that are idempotent (a GET, or a POST carrying an
 * idempotency key): the caller decides what is retryable.
 */

export interface RetryOptions {
  /** Retries after the first try, so `retries + 1` tries at most. Default 3. */
  retries?: number;
  /** Delay before the first retry; doubles for each further one (1x, 2x, 4x). Default 1000. */
  baseDelayMs?: number;
  isRetryable: (err: unknown) => boolean;
  /** `attempt` is the number of the try that just failed (1 for the first try). */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  /** Injected so tests can run without waiting. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRIES = 3;
export const DEFAULT_BASE_DELAY_MS = 1000;

export const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** The delay before retry number `retry` (1-based). */
export function backoffDelayMs(baseDelayMs: number, retry: number): number {
  return baseDelayMs * 2 ** (retry - 1);
}

/**
 * Calls `fn(attempt)` (attempt counts from 1) until it resolves, the error is
 * not retryable, or the retries are used up; then rethrows the last error
 * unchanged so the caller can classify it.
 */
export async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  opts: RetryOptions,
): Promise<T> {
  const retries = opts.retries ?? DEFAULT_RETRIES;
  const baseDelayMs = opts.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  if (!Number.isInteger(retries) || retries < 0) {
    throw new RangeError(`retries must be a non-negative integer, got ${retries}`);
  }
  if (!Number.isFinite(baseDelayMs) || baseDelayMs < 0) {
    throw new RangeError(`baseDelayMs must be a non-negative number, got ${baseDelayMs}`);
  }
  const sleep = opts.sleep ?? realSleep;

  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt > retries || !opts.isRetryable(err)) throw err;
      const delayMs = backoffDelayMs(baseDelayMs, attempt);
      opts.onRetry?.(err, attempt, delayMs);
      await sleep(delayMs);
    }
  }
}
