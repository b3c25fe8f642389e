/**
 * The native and wasm libraries OCR needs, loaded on first use: a scan without images or scanned
 * pages never pays for them (sharp, @napi-rs/canvas and tesseract.js take ~120 ms to load).
 */
import type SharpType from 'sharp';
import type TesseractType from 'tesseract.js';

let sharpModule: Promise<typeof SharpType> | undefined;
let tesseractModule: Promise<typeof TesseractType> | undefined;
let canvasModule: Promise<typeof import('@napi-rs/canvas')> | undefined;

export function loadSharp(): Promise<typeof SharpType> {
  return (sharpModule ??= import('sharp').then((m) => m.default));
}

export function loadTesseract(): Promise<typeof TesseractType> {
  return (tesseractModule ??= import('tesseract.js').then((m) => m.default));
}

export function loadCanvas(): Promise<typeof import('@napi-rs/canvas')> {
  return (canvasModule ??= import('@napi-rs/canvas'));
}
