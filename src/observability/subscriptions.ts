/**
 * Counts a GraphQL subscription as open for as long as its event stream lives.
 * Wrapping the stream, rather than hooking the transport, catches every way a
 * subscription ends: the client completes it, the socket closes (graphql-ws
 * calls return() on each stream), or the stream finishes or fails.
 */
import type { MayaMetrics } from "./metrics.js";

export function trackSubscription<T>(
  metrics: Pick<MayaMetrics, "subscriptionOpened">,
  source: AsyncIterable<T>,
): AsyncIterableIterator<T> {
  const close = metrics.subscriptionOpened();
  const iterator = source[Symbol.asyncIterator]();
  const tracked: AsyncIterableIterator<T> = {
    async next() {
      try {
        const result = await iterator.next();
        if (result.done) close();
        return result;
      } catch (error) {
        close();
        throw error;
      }
    },
    async return(value?: unknown) {
      close();
      return iterator.return ? iterator.return(value) : { done: true, value: value as T };
    },
    async throw(error?: unknown) {
      close();
      if (iterator.throw) return iterator.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return tracked;
    },
  };
  return tracked;
}
