/**
 * Runs each tab's event handlers one after another, in the order the events arrived.
 *
 * Firefox can hand the background a batch of webRequest events in one task, with no microtask
 * checkpoint between the listeners. A subresource's update (one await on the storage mirror)
 * then overtook the document request's handler (a read, then a write) that swaps the tab's
 * record, and landed in the page before: the new page lost its tags (the Firefox e2e test saw
 * only the one tag that loaded later). Chaining per tab makes arrival order the order applied.
 */
export function createTabOrder(): <T>(tabId: number, handler: () => Promise<T>) => Promise<T> {
  const tails = new Map<number, Promise<void>>();
  return <T>(tabId: number, handler: () => Promise<T>): Promise<T> => {
    const run = (tails.get(tabId) ?? Promise.resolve()).then(handler);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(tabId, tail);
    void tail.then(() => {
      if (tails.get(tabId) === tail) tails.delete(tabId);
    });
    return run;
  };
}
