import { PageResponseSchema, ReportResponseSchema, type PageResponse } from '@/policy/messages';
import type { Report } from '@/policy/report/schema';
import { sendUi } from './messaging';

/** Senders that validate the background's response with zod on receipt (request and audit pages). */
export async function getPageValidated(tabId: number): Promise<PageResponse> {
  return PageResponseSchema.parse(await sendUi({ type: 'ui/getPage', tabId }));
}

export async function getReportValidated(tabId?: number): Promise<Report> {
  return ReportResponseSchema.parse(await sendUi({ type: 'ui/getReport', tabId }));
}
