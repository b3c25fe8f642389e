/** `pdnscan init`: writes a commented starting configuration. */
import type { Command } from 'commander';
import { CONFIG_FILE_NAME } from '../config/types.js';
import { ConfigExistsError, writeStarterConfig } from '../config/starter.js';
import { UsageError } from './parse.js';

interface InitCliOptions {
  out: string;
  force: boolean;
}

export function registerInitCommand(program: Command, io: { stderr: NodeJS.WriteStream }, setExit: (code: number) => void): void {
  program
    .command('init')
    .description(`write a commented starting configuration (${CONFIG_FILE_NAME})`)
    .option('-o, --out <file>', 'where to write it', CONFIG_FILE_NAME)
    .option('--force', 'overwrite an existing file', false)
    .action(async (opts: InitCliOptions) => {
      try {
        await writeStarterConfig(opts.out, { force: opts.force });
      } catch (error) {
        if (error instanceof ConfigExistsError) throw new UsageError(error.message);
        const code = (error as NodeJS.ErrnoException).code;
        if (code) throw new UsageError(`cannot write ${opts.out} (${code})`);
        throw error;
      }
      io.stderr.write(`pdnscan: wrote ${opts.out}; edit it, then run "pdnscan scan <paths>" in this folder (or pass --config ${opts.out})\n`);
      setExit(0);
    });
}
