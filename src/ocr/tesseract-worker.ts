/**
 * The script of tesseract.js's worker thread, wrapped: Leptonica and the wasm core print their
 * diagnostics ("Error in pixReadStream…", "Estimating resolution…") to stderr, which a worker
 * thread shares with the CLI. Results and failures travel as messages to recognizer.ts, so the
 * console of this thread is silenced before tesseract.js's own Node worker script loads.
 */
const silent = (): void => undefined;
console.error = silent;
console.warn = silent;
console.log = silent;
// tesseract.js's Node worker script (CommonJS, no type declarations): resolved from the package.
const script = new URL('src/worker-script/node/index.js', pathToPackage()).href;
await import(script);

function pathToPackage(): URL {
  return new URL('./', import.meta.resolve('tesseract.js/package.json'));
}
