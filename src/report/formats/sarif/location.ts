/**
 * A finding's location in SARIF terms. Text-like locations (text, HTML, CSV) become a region with
 * 1-based line and column (pdnscan counts columns from 0). Places that have no lines become
 * logical locations: a cell "Лист1!C7", a paragraph "word/document.xml#p12", a PDF or image page
 * (with `page` in the location's properties). Inside an archive the region would point into the
 * archive's bytes, so the entry and its inner place become one logical name "hr.zip!staff.xlsx!Лист1!C7".
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FindingReport } from '../../types.js';
import type { SarifArtifactLocation, SarifLocation, SarifLogicalLocation } from './types.js';

/** Relative URIs are relative to the folder the scan ran in (code scanning: the checkout). */
export const URI_BASE_ID = '%SRCROOT%';

export function artifactLocation(filePath: string, index?: number): SarifArtifactLocation {
  // A crawled page (`pdnscan check https://…`) is reported by its URL, already absolute.
  const at: SarifArtifactLocation = /^https?:\/\//i.test(filePath)
    ? { uri: new URL(filePath).href }
    : path.isAbsolute(filePath)
    ? { uri: pathToFileURL(filePath).href }
    : { uri: filePath.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: URI_BASE_ID };
  if (index !== undefined) at.index = index;
  return at;
}

export function sarifLocation(artifact: SarifArtifactLocation, finding: FindingReport): SarifLocation {
  const loc = finding.location;
  const out: SarifLocation = { physicalLocation: { artifactLocation: artifact } };
  const properties: Record<string, unknown> = {};
  let logical: SarifLogicalLocation | undefined;
  if ('line' in loc) {
    if (loc.entry === undefined) out.physicalLocation.region = { startLine: loc.line, startColumn: loc.column + 1 };
    else logical = { fullyQualifiedName: `${loc.entry}:${loc.line}:${loc.column + 1}`, name: `${loc.line}:${loc.column + 1}`, kind: 'text' };
    if ('row' in loc) Object.assign(properties, { row: loc.row, col: loc.col }, loc.header !== undefined ? { header: loc.header } : {});
  } else if ('sheet' in loc) {
    logical = { fullyQualifiedName: `${loc.sheet}!${loc.cell}`, name: loc.cell, kind: 'cell' };
    if (loc.header !== undefined) properties['header'] = loc.header;
  } else if ('bbox' in loc) {
    logical = { fullyQualifiedName: `page ${loc.page}`, name: String(loc.page), kind: 'page' };
    Object.assign(properties, { page: loc.page, bbox: loc.bbox });
  } else {
    logical = { fullyQualifiedName: `${loc.part}#p${loc.paragraph}`, name: `p${loc.paragraph}`, kind: 'element' };
    if ('run' in loc) properties['run'] = loc.run;
  }
  if (loc.entry !== undefined) {
    properties['entry'] = loc.entry;
    if (logical && !('line' in loc)) logical = { ...logical, fullyQualifiedName: `${loc.entry}!${logical.fullyQualifiedName}` };
  }
  if (logical) out.logicalLocations = [logical];
  if (Object.keys(properties).length) out.properties = properties;
  return out;
}
