import pkg from '../package.json' with { type: 'json' }

/** The package version, reported by `/__sim/health` and the banner. */
export const SIMULATOR_VERSION: string = pkg.version
