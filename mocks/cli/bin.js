#!/usr/bin/env node
// The npm `bin` of fintwin: registers tsx's ESM loader (the sources are TypeScript, there is no
// build step) and hands over to the CLI. Plain JavaScript because node runs it before any loader.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('./main.ts')
await main(process.argv.slice(2))
