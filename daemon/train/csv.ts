// A small RFC 4180 reader: the label files are plain comma-separated text, but a
// sentence or a path with a comma in quotes must still read right.
import { EmotiondError } from '../core/errors.ts';

/** Rows of fields; quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text: string, file = 'csv'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false, i = 0, line = 1;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // BOM from spreadsheet exports
  const endField = () => { row.push(field); field = ''; };
  const endRow = () => {
    endField();
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') { endRow(); line++; }
    else if (ch === '\r') { if (text[i + 1] !== '\n') { endRow(); line++; } }
    else field += ch;
  }
  if (quoted) throw new EmotiondError('DATASET', `${file}: unterminated quoted field (line ${line})`);
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** Rows as objects keyed by the header; every row must have the header's width. */
export function parseCsvRecords(text: string, file = 'csv'): { header: string[]; records: Record<string, string>[] } {
  const rows = parseCsv(text, file);
  if (rows.length === 0) throw new EmotiondError('DATASET', `${file}: empty file, expected a header line`);
  const header = rows[0].map((h) => h.trim());
  const records = rows.slice(1).map((r, n) => {
    if (r.length !== header.length) {
      throw new EmotiondError('DATASET', `${file}: data row ${n + 1} has ${r.length} fields, the header has ${header.length}`);
    }
    const rec: Record<string, string> = {};
    header.forEach((h, j) => { rec[h] = r[j]; });
    return rec;
  });
  return { header, records };
}
