import { ReportSchema, type Report, type ReportPage } from '../report/schema';

/**
 * report.json export (issue #5): the report is validated against ReportSchema before it is
 * written, so an exported file always validates against schemas/report.schema.json.
 * Throws a ZodError on an invalid report (a programming error, not user input).
 */
export function toJson(report: Report, opts: { pretty?: boolean } = {}): string {
  const valid = ReportSchema.parse(report);
  return JSON.stringify(valid, null, opts.pretty === false ? undefined : 2);
}

const HeaderSchema = ReportSchema.omit({ pages: true });

/**
 * What the compact report.json starts with: the validated header, up to and including the
 * pages array's "[". The pages follow, JSON.stringify'd and separated by ",", then JSON_TAIL.
 */
export function jsonHead(header: Omit<Report, 'pages'>): string {
  const head = JSON.stringify(HeaderSchema.parse(header));
  return `${head.slice(0, -1)},"pages":[`;
}

export const JSON_TAIL = ']}';

/**
 * report.json written as pages come in, compact (one line): what the audit page uses for a
 * history of up to 10,000 pages, which it never holds all at once. The header is validated
 * here; the pages must already be valid report pages: history records are validated with zod
 * when read back (store/history.ts), and validating 10,000 pages a second time would double
 * the export's cost. Parsed, the output equals toJson's for the same report.
 */
export function jsonExporter(header: Omit<Report, 'pages'>, write: (chunk: string) => void): { add(pages: readonly ReportPage[]): void; end(): void } {
  write(jsonHead(header));
  let first = true;
  return {
    add(pages) {
      if (!pages.length) return;
      const parts = pages.map((p) => JSON.stringify(p));
      write(`${first ? '' : ','}${parts.join(',')}`);
      first = false;
    },
    end() {
      write(JSON_TAIL);
    },
  };
}
