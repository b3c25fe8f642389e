/**
 * Keyed, deterministic randomness: the same key and label always give the same stream, so a
 * value gets the same pseudonym or fake in every file and every run with that key, and nobody
 * without the key can recompute it (HMAC-SHA256, not a plain hash a dictionary attack reverses).
 */
import { createHmac } from 'node:crypto';

export function hmacHex(key: Uint8Array, label: string): string {
  return createHmac('sha256', key).update(label, 'utf8').digest('hex');
}

/** Uniform integers from an HMAC stream (counter mode), for picking substitutes. */
export class KeyedRandom {
  private block: Buffer = Buffer.alloc(0);
  private at = 0;
  private counter = 0;

  constructor(
    private readonly key: Uint8Array,
    private readonly label: string,
  ) {}

  /** An integer in [0, n). */
  int(n: number): number {
    if (n <= 1) return 0;
    // Rejection sampling on 32-bit words keeps the choice unbiased.
    const limit = Math.floor(0x1_0000_0000 / n) * n;
    for (;;) {
      const word = this.word();
      if (word < limit) return word % n;
    }
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }

  /** A string of `length` decimal digits (leading zeros allowed). */
  digits(length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += String(this.int(10));
    return s;
  }

  private word(): number {
    if (this.at + 4 > this.block.length) {
      this.block = createHmac('sha256', this.key).update(`${this.label}#${this.counter++}`, 'utf8').digest();
      this.at = 0;
    }
    const w = this.block.readUInt32BE(this.at);
    this.at += 4;
    return w;
  }
}

/** A source of keyed randomness for one purpose (`fake:PERSON:last:иванов`). */
export type RandomFor = (label: string) => KeyedRandom;

export function randomSource(key: Uint8Array): RandomFor {
  return (label) => new KeyedRandom(key, label);
}
