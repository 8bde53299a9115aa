import { z } from 'zod';
import { ObservedCookieSchema } from '@/policy/observation';
import { PageStateSchema } from '@/policy/page-state';

/**
 * A finished page load waiting in IndexedDB (store "pending", store/db.ts v3) to be built
 * into a history record: the page's final state and the cookie snapshot taken when it
 * ended (the cookie jar moves on with the next page, so it is read then, not at build time).
 */
export const PendingPageSchema = z.object({
  pageId: z.string().min(1),
  /** ms since epoch when the page ended. */
  endedAt: z.number(),
  state: PageStateSchema,
  cookies: z.array(ObservedCookieSchema),
});
export type PendingPage = z.infer<typeof PendingPageSchema>;
