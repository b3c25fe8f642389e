/**
 * Columns that hold direct identifiers: values that name one person on their own (a name, СНИЛС,
 * a passport, a phone…), found by the scan's detectors. k-anonymity assumes such columns are
 * removed before release, so the report warns about every one of them, and a quasi-identifier
 * column that is one has its values masked wherever the report would print them.
 *
 * Dates of birth and addresses are quasi-identifiers — the very columns this analysis is about —
 * so they are not counted here.
 */
import type { EntityType, Finding } from '../detectors/types.js';
import { segmentAt } from '../document/locate.js';
import type { ScanDocument } from '../document/types.js';
import type { TableOfDocument } from './table.js';

export const DIRECT_IDENTIFIER_TYPES: ReadonlySet<EntityType> = new Set<EntityType>([
  'RU_PASSPORT',
  'RU_FOREIGN_PASSPORT',
  'RU_SNILS',
  'RU_INN_PERSON',
  'RU_OGRNIP',
  'RU_OMS_POLICY',
  'RU_MILITARY_ID',
  'RU_DRIVER_LICENSE',
  'RU_BIRTH_CERTIFICATE',
  'CREDIT_CARD',
  'RU_BANK_ACCOUNT',
  'PHONE_NUMBER',
  'EMAIL_ADDRESS',
  'PERSON',
]);

/** Share of a column's non-empty cells that must hold a direct identifier for the column to be one. */
export const DIRECT_IDENTIFIER_SHARE = 0.5;

export interface DirectIdentifierColumn {
  column: number;
  /** The type found in most of its cells. */
  type: EntityType;
  /** Share of the column's non-empty cells holding a direct identifier (0..1). */
  share: number;
}

export function directIdentifierColumns(doc: ScanDocument, findings: readonly Finding[], of: TableOfDocument): DirectIdentifierColumn[] {
  const { table } = of;
  // Cells (row, column) holding a direct identifier, with its type; one vote per cell.
  const typeByCell = new Map<string, EntityType>();
  for (const f of findings) {
    if (!f.personalData || !DIRECT_IDENTIFIER_TYPES.has(f.type)) continue;
    const segment = segmentAt(doc.segments, f.start);
    const at = segment ? of.locate(segment) : undefined;
    if (at && !typeByCell.has(`${at.row}:${at.col}`)) typeByCell.set(`${at.row}:${at.col}`, f.type);
  }
  const out: DirectIdentifierColumn[] = [];
  table.columns.forEach((_, col) => {
    const filled = table.rows.filter((row) => (row[col] ?? '').trim().length > 0).length;
    if (filled === 0) return;
    const types = new Map<EntityType, number>();
    let hits = 0;
    table.rows.forEach((_, row) => {
      const type = typeByCell.get(`${row}:${col}`);
      if (!type) return;
      hits++;
      types.set(type, (types.get(type) ?? 0) + 1);
    });
    const share = hits / filled;
    if (share < DIRECT_IDENTIFIER_SHARE) return;
    const type = [...types.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    out.push({ column: col, type, share });
  });
  return out;
}
