/**
 * `--config FILE` / `--no-config`, global options of every command: which configuration a command
 * runs with. Without either, pdnscan.config.json in the current folder is used when present.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { findConfigFile, loadConfig } from '../config/load.js';
import type { LoadedConfig } from '../config/types.js';
import { ConfigError } from '../config/validate.js';
import { UsageError } from './parse.js';

export function addConfigOptions(program: Command): void {
  program
    .option('--config <file>', 'configuration file (default: pdnscan.config.json in the current folder, if any)')
    .option('--no-config', 'ignore pdnscan.config.json in the current folder');
}

/**
 * The configuration for a command, from the value commander parsed for `--config` (a path,
 * false for --no-config, undefined for neither). A bad file is a usage error naming its keys.
 */
export function loadCommandConfig(flag: unknown, cwd: string = process.cwd()): LoadedConfig | undefined {
  if (flag === false) return undefined;
  const found = typeof flag === 'string' ? undefined : findConfigFile(cwd);
  // Named as the user would type it in messages: "pdnscan.config.json", not an absolute path.
  const file = typeof flag === 'string' ? flag : found && (path.relative(process.cwd(), found) || found);
  if (file === undefined) return undefined;
  try {
    return loadConfig(file);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`config ${error.message}`);
    throw error;
  }
}

/** The configuration for the command being run (reads the global options). */
export function configOf(command: Command): LoadedConfig | undefined {
  return loadCommandConfig(command.optsWithGlobals()['config']);
}
