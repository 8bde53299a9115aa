/**
 * Runs `load` on the first call and hands every later call the same promise. When it fails the
 * promise is dropped, so the next call runs `load` again: a lazily imported chunk that failed
 * (an extension update between the page's load and the click, a read error) is fetched anew
 * on the next click instead of failing forever.
 */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= load().catch((e: unknown) => {
      pending = null;
      throw e;
    });
    return pending;
  };
}
