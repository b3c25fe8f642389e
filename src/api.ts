/**
 * The library's front door: `scan` and `redact` with the options of the command line, and a
 * configuration (an object, or a file as `pdnscan.config.json`) underneath them. Options given
 * here win over the configuration, key by key, as on the command line. Nothing is looked up
 * implicitly: a library call reads no config file it was not given.
 */
import { configFromObject, loadConfig } from './config/load.js';
import { operatorPolicyOf, overlay, redactOptionsFromConfig, scanOptionsFromConfig } from './config/to-options.js';
import type { LoadedConfig, PdnscanConfig } from './config/types.js';
import { ConfigError, validateConfig } from './config/validate.js';
import type { EntityType } from './detectors/types.js';
import { scanPaths, type ScannerOptions } from './engine/scanner.js';
import type { RedactionReport } from './redact/result.js';
import { redactPaths, type RedactRunOptions } from './redact/run.js';
import type { OperatorName, OperatorPolicy } from './redact/types.js';
import type { ScanReport } from './report/types.js';

/** Where a call's configuration comes from: an object, a file, or one already loaded. */
export interface ConfigSource {
  /** A configuration object, checked like the file (relative paths resolve against `configDir`). */
  config?: PdnscanConfig | LoadedConfig;
  /** Folder the relative paths of `config` resolve against (default: the current folder). */
  configDir?: string;
  /** A configuration file (JSON with comments). */
  configFile?: string;
}

export interface ScanApiOptions extends Partial<ScannerOptions>, ConfigSource {}

/** Operators per type, and `default` for the rest, as in the config's `redact.operators`. */
export type OperatorMap = { default?: OperatorName } & Partial<Record<EntityType, OperatorName>>;

export interface RedactApiOptions extends Partial<Omit<RedactRunOptions, 'out' | 'policy'>>, ConfigSource {
  /** Output folder for the anonymised copies. */
  out: string;
  /** Operators over the configuration's (type by type); `replace` where neither names one. */
  operators?: OperatorMap;
}

/** The configuration of a call, checked; undefined when it gives none. Throws ConfigError. */
export function configOfCall(source: ConfigSource): LoadedConfig | undefined {
  if (source.config && source.configFile) throw new ConfigError('options', ['give "config" or "configFile", not both']);
  if (source.configFile !== undefined) return loadConfig(source.configFile);
  if (source.config === undefined) return undefined;
  if (isLoaded(source.config)) return source.config;
  return configFromObject(source.config, source.configDir ?? process.cwd());
}

function isLoaded(config: PdnscanConfig | LoadedConfig): config is LoadedConfig {
  return typeof (config as LoadedConfig).source === 'string' && typeof (config as LoadedConfig).dir === 'string';
}

function withoutSource<T extends ConfigSource>(options: T): Omit<T, keyof ConfigSource> {
  const { config: _config, configDir: _configDir, configFile: _configFile, ...rest } = options;
  return rest;
}

const asList = (paths: string | readonly string[]): string[] => (typeof paths === 'string' ? [paths] : [...paths]);

/** Scans files and folders; values are masked unless `reveal: true`. */
export async function scan(paths: string | readonly string[], options: ScanApiOptions = {}): Promise<ScanReport> {
  const config = configOfCall(options);
  const given: ScannerOptions = { reveal: false, ...withoutSource(options) };
  return scanPaths(asList(paths), config ? overlay(scanOptionsFromConfig(config), given) : given);
}

/** Writes anonymised copies under `options.out`; returns the run's report (values masked unless `reveal`). */
export async function redact(paths: string | readonly string[], options: RedactApiOptions): Promise<RedactionReport> {
  const config = configOfCall(options);
  const { operators, ...rest } = withoutSource(options);
  const policy = operatorsOver(operatorPolicyOf(config), operators);
  const given: RedactRunOptions = { reveal: false, ...rest, policy };
  return redactPaths(asList(paths), config ? overlay(redactOptionsFromConfig(config), given) : given);
}

/** `operators` checked (as the config's redact.operators) and laid over `base`. */
function operatorsOver(base: OperatorPolicy, operators: OperatorMap | undefined): OperatorPolicy {
  if (!operators) return base;
  const checked = validateConfig({ redact: { operators } }, { source: 'options', dir: process.cwd() }).redact?.operators;
  return { default: checked?.default ?? base.default, byType: { ...base.byType, ...checked?.byType } };
}
