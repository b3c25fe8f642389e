/**
 * Finding and reading the configuration: `--config FILE`, or pdnscan.config.json in the current
 * folder; JSON with comments. Relative paths inside resolve against the file's own folder.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { JsoncError, parseJsonc } from './jsonc.js';
import { CONFIG_FILE_NAME, type LoadedConfig, type PdnscanConfig } from './types.js';
import { ConfigError, validateConfig } from './validate.js';

/** pdnscan.config.json in `dir` (default: the current folder), when there is one. */
export function findConfigFile(dir: string = process.cwd()): string | undefined {
  const file = path.join(dir, CONFIG_FILE_NAME);
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/** Reads, parses and checks a configuration file; throws ConfigError naming the file and every bad key. */
export function loadConfig(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (code ?? (error as Error).message);
    throw new ConfigError(file, [`cannot read the configuration file (${why})`]);
  }
  let raw: unknown;
  try {
    raw = parseJsonc(text);
  } catch (error) {
    if (error instanceof JsoncError) throw new ConfigError(file, [error.message]);
    throw error;
  }
  return validateConfig(raw, { source: file, dir: path.dirname(path.resolve(file)) });
}

/** Checks a configuration given as an object (library use); relative paths resolve against `dir`. */
export function configFromObject(config: PdnscanConfig | Record<string, unknown>, dir: string = process.cwd()): LoadedConfig {
  return validateConfig(config, { source: 'config object', dir: path.resolve(dir) });
}
