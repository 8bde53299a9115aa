import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readStoredSender } from '../../policy/letter/sender';
import { loadSender, saveSender, senderSettings } from '../../store/sender-settings';

beforeEach(() => fakeBrowser.reset());

describe('sender settings (checked by hand, no zod on request.html)', () => {
  it('saves and loads the form as typed; nothing saved reads as null', async () => {
    expect(await loadSender()).toBeNull();
    const form = readStoredSender({ fullName: 'Анна', email: 'anna@', phone: '8 913', idDocument: { number: '5000' } }).value;
    await saveSender(form);
    expect(await loadSender()).toEqual(form);
    expect(form.idDocument).toEqual({ number: '5000', issuedAt: '', issuer: '' });
  });

  it('a damaged stored value keeps its valid fields; the rest fall back to defaults', async () => {
    await senderSettings.setValue({
      fullName: 'Анна',
      phone: 42,
      includeIdentifiers: 'yes',
      idDocument: { issuer: 'УФМС', number: [] },
    } as never);
    const s = await loadSender();
    expect(s).toMatchObject({
      fullName: 'Анна',
      phone: '',
      includeIdentifiers: false,
      idDocument: { number: '', issuedAt: '', issuer: 'УФМС' },
    });
    expect(readStoredSender({ phone: 42, idDocument: 'x' }).invalid).toEqual(['phone', 'idDocument']);
  });

  it('refuses to save a malformed value, naming the fields', async () => {
    await expect(saveSender({ ...readStoredSender({}).value, email: 'x'.repeat(2000) })).rejects.toThrow(/invalid email/);
    expect(await loadSender()).toBeNull();
  });
});
