import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_MAX_BYTES, getHistorySettings, historyEnabled, retentionDays, setHistorySettings } from '../../store/settings';

beforeEach(() => fakeBrowser.reset());

describe('history settings (WXT storage items)', () => {
  it('defaults to enabled, 90 days, 50 MB', async () => {
    expect(await getHistorySettings()).toEqual({ enabled: true, retentionDays: 90, maxBytes: DEFAULT_MAX_BYTES });
  });

  it('stores changes in storage.local and reads them back', async () => {
    await setHistorySettings({ enabled: false, retentionDays: 30 });
    expect(await historyEnabled.getValue()).toBe(false);
    expect(await fakeBrowser.storage.local.get('history.retentionDays')).toEqual({ 'history.retentionDays': 30 });
    expect(await getHistorySettings()).toMatchObject({ enabled: false, retentionDays: 30 });
  });

  it('falls back to defaults for corrupt stored numbers', async () => {
    await retentionDays.setValue(-5);
    await fakeBrowser.storage.local.set({ 'history.maxBytes': 'lots' });
    expect(await getHistorySettings()).toMatchObject({ retentionDays: 90, maxBytes: DEFAULT_MAX_BYTES });
  });
});
