#!/usr/bin/env node
// Thin launcher: all behaviour lives in dist/cli (built from src/cli by `npm ci` / `npm run build`).
import { execute } from '../dist/cli/main.js';

process.exitCode = await execute(process.argv.slice(2));
