import { policyObservations } from '../policy-model/observations';
import type { Report, ReportPage } from './schema';

type Extra = Pick<Report, 'site' | 'options'>;

/** The report.json fields other than the pages (the exporters print the keys in ReportSchema's order). */
export function reportHeader(extensionVersion: string, generatedAt = new Date(), extra: Extra = {}): Omit<Report, 'pages'> {
  return { schemaVersion: 1, generatedAt: generatedAt.toISOString(), extensionVersion, ...extra, policyObservations: policyObservations() };
}

/** A report.json of these pages: the background's report and the audit page's export of the history. */
export function buildReport(pages: ReportPage[], extensionVersion: string, generatedAt = new Date(), extra: Extra = {}): Report {
  return { ...reportHeader(extensionVersion, generatedAt, extra), pages };
}
