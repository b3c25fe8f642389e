/** The part of az 0.2.3 (Russian morphology, OpenCorpora grammemes) the PERSON detector uses. */
declare module 'az' {
  export interface AzTag {
    readonly stat: readonly string[];
    readonly flex: readonly string[];
    /** Grammemes as fields: `tag.Surn === true`, `tag.CAse === 'gent'`, `tag.GNdr === 'femn'`. */
    readonly [grammeme: string]: unknown;
  }
  export interface AzParse {
    readonly word: string;
    readonly tag: AzTag;
    readonly score: number;
    /** 'Dictionary' for known words; 'SuffixKnown', 'PrefixKnown'… for predicted ones. */
    readonly parser: string;
    normalize(keepPOS?: boolean): AzParse;
  }
  export interface AzMorph {
    (word: string, options?: Record<string, unknown>): AzParse[];
    init(path: string, callback: (error: Error | null) => void): void;
  }
  export interface AzStatic {
    Morph: AzMorph;
    load: (url: string, responseType: string, callback: (error: Error | null, data?: unknown) => void) => void;
  }
  const Az: AzStatic;
  export default Az;
}
