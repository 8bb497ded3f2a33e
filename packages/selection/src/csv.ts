/**
 * Minimal RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM.
 * Kept dependency-free so the package stays pure.
 */
export interface CsvRow {
  /** 1-based line number where the record starts. */
  readonly line: number;
  readonly fields: string[];
}

/** Parse CSV text into records with their starting line numbers; blank lines are skipped. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let fields: string[] = [];
  let field = '';
  let startLine = 1;
  let inQuotes = false;
  let sawAny = false;
  const endRecord = (): void => {
    fields.push(field);
    if (sawAny || fields.length > 1 || field.trim() !== '') rows.push({ line: startLine, fields });
    fields = [];
    field = '';
    sawAny = false;
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      inQuotes = true;
      sawAny = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      sawAny = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      startLine = line;
    } else {
      if (fields.length === 0 && field === '') startLine = line;
      field += c;
    }
  }
  if (field !== '' || fields.length > 0 || sawAny) endRecord();
  return rows;
}
