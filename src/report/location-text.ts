import type { Location } from './types.js';

/** A location as a person reads it: "line 3, col 14" or "row 2, col 3 (СНИЛС)". */
export function locationText(location: Location, page: number | null = null): string {
  const parts: string[] = [];
  if (location.entry !== undefined) parts.push(location.entry);
  if (page !== null) parts.push(`page ${page}`);
  if ('row' in location) {
    parts.push(`row ${location.row}, col ${location.col}${location.header ? ` (${location.header})` : ''}`);
  } else if ('line' in location) {
    parts.push(`line ${location.line}, col ${location.column + 1}`);
  } else if ('sheet' in location) {
    parts.push(`${location.sheet}!${location.cell}${location.header ? ` (${location.header})` : ''}`);
  } else if ('bbox' in location) {
    if (page === null) parts.push(`page ${location.page}`);
  } else if ('run' in location) {
    parts.push(`${location.part}, paragraph ${location.paragraph}, run ${location.run}`);
  } else {
    parts.push(`${location.part}, paragraph ${location.paragraph}`);
  }
  return parts.join(', ');
}
