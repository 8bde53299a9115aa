import { ReportSchema, type Report, type ReportPage } from '../report/schema';

const HeaderSchema = ReportSchema.omit({ pages: true });

/**
 * report.json written as pages come in: the header printed with two-space indents, then each
 * page printed the same way, one after another in "pages" (a page is not indented further:
 * re-indenting every line cost four times the printing itself). The header is validated here;
 * the pages must already be valid (history records are validated with zod when written;
 * toJson validates the whole report first).
 */
export function jsonExporter(
  header: Omit<Report, 'pages'>,
  write: (chunk: string) => void,
): { add(pages: readonly ReportPage[]): void; end(): void } {
  const head = JSON.stringify(HeaderSchema.parse(header), null, 2);
  // The header always has keys (schemaVersion...): its closing "\n}" makes way for the pages.
  write(`${head.slice(0, -2)},\n  "pages": [\n`);
  let first = true;
  return {
    add(pages) {
      if (!pages.length) return;
      write(`${first ? '' : ',\n'}${pages.map((p) => JSON.stringify(p, null, 2)).join(',\n')}`);
      first = false;
    },
    end() {
      write('\n]\n}\n');
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
