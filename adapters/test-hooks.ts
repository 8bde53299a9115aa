/**
 * Hooks for the e2e suite, the audit command and the benchmarks. They exist in the audit and
 * development builds only: Vite replaces import.meta.env.MODE at build time, so in the store
 * build ("production") every body below is dead code and the bundler drops it (checked with
 * `grep -r __trackerLens .output/chrome-mv3`).
 */
export const TEST_HOOKS: boolean = import.meta.env.MODE !== 'production';

/** Publishes diagnostics on the worker's global object (`__trackerLens<Name>`), read through the remote protocol. */
export function exposeForTests(values: Record<string, unknown>): void {
  if (!TEST_HOOKS) return;
  for (const [name, value] of Object.entries(values)) Object.assign(globalThis, { [`__trackerLens${name}`]: value });
}

/** A performance mark for the benchmarks. */
export function benchMark(name: string, detail?: unknown): void {
  if (TEST_HOOKS) performance.mark(name, detail === undefined ? undefined : { detail });
}

/** A performance measure for the benchmarks. */
export function benchMeasure(name: string, start: number, detail?: unknown): void {
  if (TEST_HOOKS) performance.measure(name, { start, end: performance.now(), detail });
}
