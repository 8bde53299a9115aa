import { storage } from 'wxt/utils/storage';
import { migrateSenderSettings, readStoredSender, SENDER_SETTINGS_VERSION, type StoredSender } from '@/policy/letter/sender';

/**
 * The sender's details for the letter (issue #4: "Saved locally as a versioned settings
 * item; never sent anywhere by the extension"). A WXT versioned item in storage.local; older
 * versions are migrated by migrateSenderSettings (policy/letter/sender.ts).
 */
export const senderSettings = storage.defineItem<StoredSender | null>('local:senderSettings', {
  version: SENDER_SETTINGS_VERSION,
  fallback: null,
  // WXT runs migrations[v] for each version above the stored one; version 1 is the first
  // shape, so nothing to migrate yet. Future versions add: { 2: (old) => migrateSenderSettings(old, 1) }.
  migrations: {},
});

/** The saved sender, validated; null when nothing was saved. */
export async function loadSender(): Promise<StoredSender | null> {
  const raw = await senderSettings.getValue();
  if (raw === null || raw === undefined) return null;
  // Field by field: a field that does not check falls back to its default, the others are kept.
  return migrateSenderSettings(raw, SENDER_SETTINGS_VERSION);
}

export async function saveSender(s: StoredSender): Promise<void> {
  const { value, invalid } = readStoredSender(s);
  if (invalid.length) throw new Error(`sender settings not saved: invalid ${invalid.join(', ')}`);
  await senderSettings.setValue(value);
}
