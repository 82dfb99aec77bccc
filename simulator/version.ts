// `#package.json` (package.json "imports") and not `../package.json`: the compiled copy of this
// file sits one folder deeper (dist/simulator/), and the subpath import resolves to the package
// root's package.json from either place, in Node, in vitest and in a bundler.
import pkg from '#package.json' with { type: 'json' }

/** The package version, reported by `/__sim/health` and the banner. */
export const SIMULATOR_VERSION: string = pkg.version
