/**
 * A file's state as the history keeps it and diff compares it: present or gone, and for a present
 * file its status, risk, categories and the types of personal data found. Counts and values are
 * left out on purpose — editing a file that keeps the same kinds of data is not a change worth
 * listing, and the history stays small because a row is written only when this state changes.
 */
import type { FileReport, FileStatus, Risk } from '../report/types.js';

export interface PresentState {
  present: true;
  status: FileStatus;
  risk: Risk;
  categories: string[];
  /** Entity types of the findings that are personal data, sorted, each once. */
  types: string[];
}

export type FileState = PresentState | { present: false };

export const GONE_STATE: FileState = { present: false };

export function stateOf(report: FileReport): PresentState {
  return {
    present: true,
    status: report.status,
    risk: report.risk,
    categories: [...report.categories].sort(),
    types: [...new Set(report.findings.filter((f) => f.personalData).map((f) => f.type))].sort(),
  };
}

/** Canonical text of a state: equal states give equal strings (keys in a fixed order). */
export function encodeState(state: FileState): string {
  if (!state.present) return JSON.stringify({ present: false });
  return JSON.stringify({ present: true, status: state.status, risk: state.risk, categories: state.categories, types: state.types });
}

export function decodeState(text: string | null | undefined): FileState | undefined {
  if (text == null) return undefined;
  return JSON.parse(text) as FileState;
}
