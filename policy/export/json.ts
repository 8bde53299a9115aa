import { ReportSchema, type Report } from '../report/schema';

/**
 * report.json export (issue #5): the report is validated against ReportSchema before it is
 * written, so an exported file always validates against schemas/report.schema.json.
 * Throws a ZodError on an invalid report (a programming error, not user input).
 */
export function toJson(report: Report, opts: { pretty?: boolean } = {}): string {
  const valid = ReportSchema.parse(report);
  return JSON.stringify(valid, null, opts.pretty === false ? undefined : 2);
}
