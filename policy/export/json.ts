import { ReportSchema, type Report, type ReportPage } from '../report/schema';

const HeaderSchema = ReportSchema.omit({ pages: true });

/** Indentation of a page inside `"pages": [` in a report printed with two-space indents. */
const PAGE_INDENT = '\n    ';

/**
 * report.json written as pages come in: exactly JSON.stringify(report, null, 2) for a report
 * whose header keys come first (as ReportSchema orders them) and whose pages come last. The
 * header is validated here; the pages must already be valid (history records are validated
 * with zod when read back; toJson validates the whole report first).
 */
export function jsonExporter(header: Omit<Report, 'pages'>, write: (chunk: string) => void): { add(pages: readonly ReportPage[]): void; end(): void } {
  const head = JSON.stringify(HeaderSchema.parse(header), null, 2);
  write(head === '{}' ? '{\n  "pages": [' : `${head.slice(0, -2)},\n  "pages": [`);
  let first = true;
  return {
    add(pages) {
      if (!pages.length) return;
      const parts = pages.map((p) => PAGE_INDENT + JSON.stringify(p, null, 2).replace(/\n/g, PAGE_INDENT));
      write(`${first ? '' : ','}${parts.join(',')}`);
      first = false;
    },
    end() {
      write(first ? ']\n}' : '\n  ]\n}');
    },
  };
}

/**
 * report.json, what the audit command writes and the audit page exports (through jsonExporter,
 * the one implementation). Throws a ZodError on an invalid report (a programming error).
 */
export function toJson(report: Report): string {
  const { pages, ...header } = ReportSchema.parse(report);
  const out: string[] = [];
  const x = jsonExporter(header, (c) => out.push(c));
  x.add(pages);
  x.end();
  return out.join('');
}
