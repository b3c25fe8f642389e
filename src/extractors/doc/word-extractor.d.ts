/** The parts of word-extractor 1.0.4 this project uses (the package ships no types). */
declare module 'word-extractor' {
  interface TextOptions {
    /** Default true: converts curly quotes, dashes and some spaces to ASCII. */
    filterUnicode?: boolean;
    includeFooters?: boolean;
    includeHeadersAndFooters?: boolean;
    includeBody?: boolean;
  }
  class WordDocument {
    getBody(options?: TextOptions): string;
    getFootnotes(options?: TextOptions): string;
    getEndnotes(options?: TextOptions): string;
    getHeaders(options?: TextOptions): string;
    getFooters(options?: TextOptions): string;
    getAnnotations(options?: TextOptions): string;
    getTextboxes(options?: TextOptions): string;
  }
  class WordExtractor {
    extract(source: string | Buffer): Promise<WordDocument>;
  }
  export = WordExtractor;
}
