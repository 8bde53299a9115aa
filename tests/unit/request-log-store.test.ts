import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SentRequest } from '../../policy/letter/request-log';
import { openTrackerDb } from '../../store/db';
import { addSentRequest, listSentRequests, newRequestId, updateSentRequest } from '../../store/request-log';
import { sentRequest } from './sent-request';

const rec = (id: string, sentAt: string) => sentRequest({ id, sentAt, demands: ['stop-tracking', 'info-request'], deadline: '2027-01-19' });

describe('store/request-log', () => {
  it('adds, lists newest first and updates requests', async () => {
    const db = await openTrackerDb(`t-${Math.random()}`);
    await addSentRequest(rec('a', '2026-12-01T10:00:00.000Z'), { db });
    await addSentRequest(rec('b', '2026-12-28T10:00:00.000Z'), { db });
    const list = await listSentRequests({ db });
    expect(list.records.map((r) => r.id)).toEqual(['b', 'a']);
    expect(list.invalid).toEqual([]);
    const up = await updateSentRequest('a', { status: 'answered' }, { db });
    expect(up?.status).toBe('answered');
    expect((await listSentRequests({ db })).records.find((r) => r.id === 'a')?.status).toBe('answered');
    expect(await updateSentRequest('missing', { status: 'closed' }, { db })).toBeNull();
    db.close();
  });

  it('rejects a malformed record on write and reports bad records on read', async () => {
    const db = await openTrackerDb(`t-${Math.random()}`);
    await expect(addSentRequest({ ...rec('x', 'yesterday') }, { db })).rejects.toThrow();
    await addSentRequest(rec('ok', '2026-12-28T10:00:00.000Z'), { db });
    // A record written by something else (an older build, a bug) must not crash the log.
    await db.put('requests', { id: 'broken', sentAt: 42 } as unknown as SentRequest);
    const list = await listSentRequests({ db });
    expect(list.records.map((r) => r.id)).toEqual(['ok']);
    expect(list.invalid).toHaveLength(1);
    expect(list.invalid[0].id).toBe('broken');
    expect(await updateSentRequest('broken', { status: 'closed' }, { db })).toBeNull();
    db.close();
  });

  it('makes unique ids', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newRequestId()));
    expect(ids.size).toBe(100);
  });
});
