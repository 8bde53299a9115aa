import { z } from 'zod';
import { ReportPageSchema } from '../report/schema';

/**
 * One page load in the history (issue #5, IndexedDB store "pages", store/db.ts). Validated
 * with zod when written (store/history.ts putHistory); read back, only its shape is checked
 * (store/history-read.ts): a value of another shape is skipped and counted, never shown
 * half-broken and never a crash. Exported as JSON Schema (schemas/history-record.schema.json).
 */
export const HistoryRecordSchema = z.object({
  /** Unique per page load (the page state's pageId unless the caller chooses otherwise). */
  id: z.string().min(1),
  url: z.string(),
  /** ms since epoch, page start. */
  time: z.number(),
  pageId: z.string(),
  report: ReportPageSchema,
  /** Version of the bundled policy model the mapping used. */
  policyVersion: z.string(),
  /** Estimated size of the stored record: UTF-8 bytes of its JSON. */
  bytes: z.number().int().nonnegative(),
});
export type HistoryRecord = z.infer<typeof HistoryRecordSchema>;
