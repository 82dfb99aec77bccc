#!/usr/bin/env node
// The npm `bin` of fintwin, compiled to dist/mocks/cli/bin.js: plain Node runs it, with no
// TypeScript tooling. Separate from main.ts because npm starts a bin through a symlink (or a
// shim), so main.ts's "am I the entry script?" check does not hold here.
import { main } from './main.js'

await main(process.argv.slice(2))
