/**
 * XLSX/ODS packages: the shared office package (zip-package.ts), written back in the original
 * entry order, and which of its entries the leak check reads.
 */
import { OfficePackage } from './zip-package.js';

/** A workbook package: an office package written back in its own entry order. */
export class SheetPackage extends OfficePackage {
  constructor(bytes: Uint8Array) {
    super(bytes, 'sheet');
  }

  /** The package's bytes: every entry in its original order, method and time. */
  write(): Uint8Array {
    return this.toBytes(this.names[0] ?? '');
  }
}

/** Entries whose text the leak check reads: XML parts, relationships, legacy drawings. */
export function isMarkupPart(name: string): boolean {
  return /\.(xml|rels|vml)$/i.test(name);
}
