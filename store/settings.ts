import { storage } from 'wxt/utils/storage';

/**
 * History settings (issue #5 "History can be turned off", retention, size cap): WXT versioned
 * storage items in storage.local, so a later build can migrate them (WXT `migrations`).
 */

export const DEFAULT_RETENTION_DAYS = 90;
/** 50 MB of estimated JSON: thousands of page records, far below IndexedDB quotas. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export const historyEnabled = storage.defineItem<boolean>('local:history.enabled', { fallback: true, version: 1 });

export const retentionDays = storage.defineItem<number>('local:history.retentionDays', { fallback: DEFAULT_RETENTION_DAYS, version: 1 });

export const maxBytes = storage.defineItem<number>('local:history.maxBytes', { fallback: DEFAULT_MAX_BYTES, version: 1 });

export interface HistorySettings {
  enabled: boolean;
  retentionDays: number;
  maxBytes: number;
}

/** Positive finite numbers only: a corrupt stored value falls back to the default, never to 0. */
function sane(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

export async function getHistorySettings(): Promise<HistorySettings> {
  const [enabled, days, bytes] = await Promise.all([historyEnabled.getValue(), retentionDays.getValue(), maxBytes.getValue()]);
  return {
    enabled: enabled !== false,
    retentionDays: sane(days, DEFAULT_RETENTION_DAYS),
    maxBytes: sane(bytes, DEFAULT_MAX_BYTES),
  };
}

export async function setHistorySettings(patch: Partial<HistorySettings>): Promise<void> {
  const jobs: Promise<void>[] = [];
  if (patch.enabled !== undefined) jobs.push(historyEnabled.setValue(patch.enabled));
  if (patch.retentionDays !== undefined) jobs.push(retentionDays.setValue(sane(patch.retentionDays, DEFAULT_RETENTION_DAYS)));
  if (patch.maxBytes !== undefined) jobs.push(maxBytes.setValue(sane(patch.maxBytes, DEFAULT_MAX_BYTES)));
  await Promise.all(jobs);
}
