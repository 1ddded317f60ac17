/**
 * Wraps an async iterator so `cleanup` runs exactly once however it ends: the
 * consumer returns (client unsubscribed), it completes, or it throws. Without this
 * a watcher registered for a subscription would outlive it.
 */
export function withCleanup<T>(source: AsyncIterableIterator<T>, cleanup: () => void): AsyncIterableIterator<T> {
  let done = false;
  const finish = () => {
    if (!done) {
      done = true;
      cleanup();
    }
  };
  return {
    async next() {
      try {
        const r = await source.next();
        if (r.done) finish();
        return r;
      } catch (err) {
        finish();
        throw err;
      }
    },
    async return(value?: unknown) {
      finish();
      return (await source.return?.(value)) ?? { done: true, value: undefined };
    },
    async throw(err?: unknown) {
      finish();
      if (source.throw) return source.throw(err);
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
