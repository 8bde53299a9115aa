import type { IDBPDatabase } from 'idb';
import { checkSentRequest, parseSentRequests, type ParsedLog, type SentRequest } from '@/policy/letter/request-log';
import { trackerDb, type TrackerLensDB } from './db';

/**
 * The request log (issue #4 "Request log"): requests the user confirmed as sent, kept in
 * IndexedDB (store "requests", store/db.ts). Written records are validated before writing;
 * read-back records are validated too, and a bad record is reported in `invalid`, never a
 * crash of the composer or the popup.
 */

export interface RequestLogOptions {
  /** A database handle (tests open their own with openTrackerDb(name)). */
  db?: IDBPDatabase<TrackerLensDB>;
}

async function dbOf(opts: RequestLogOptions): Promise<IDBPDatabase<TrackerLensDB>> {
  return opts.db ?? trackerDb();
}

/** The record checked, or an Error naming what is wrong (a programming error). */
function checked(raw: unknown): SentRequest {
  const res = checkSentRequest(raw);
  if (!res.ok) throw new Error(`invalid sent request: ${res.error}`);
  return res.value;
}

/** Adds a sent request; throws when the record is malformed (a programming error). */
export async function addSentRequest(req: SentRequest, opts: RequestLogOptions = {}): Promise<SentRequest> {
  const rec = checked(req);
  const db = await dbOf(opts);
  await db.add('requests', rec);
  return rec;
}

/** All sent requests, newest first, plus the records that failed validation. */
export async function listSentRequests(opts: RequestLogOptions = {}): Promise<ParsedLog> {
  const db = await dbOf(opts);
  const raw: unknown[] = await db.getAll('requests');
  return parseSentRequests(raw);
}

/**
 * Updates fields of a stored request (e.g. status "answered"). Returns the new record, or
 * null when no valid record with this id exists.
 */
export async function updateSentRequest(
  id: string,
  patch: Partial<Omit<SentRequest, 'id'>>,
  opts: RequestLogOptions = {},
): Promise<SentRequest | null> {
  const db = await dbOf(opts);
  const tx = db.transaction('requests', 'readwrite');
  const current = checkSentRequest(await tx.store.get(id));
  if (!current.ok) {
    await tx.done;
    return null;
  }
  const next = checked({ ...current.value, ...patch, id });
  await tx.store.put(next);
  await tx.done;
  return next;
}

/** A new request id: time-ordered and unique enough for one user's log. */
export function newRequestId(now: Date = new Date()): string {
  const rand = Math.random().toString(36).slice(2, 10);
  return `req-${now.getTime().toString(36)}-${rand}`;
}
