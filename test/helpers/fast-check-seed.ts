/**
 * CI replays one fixed exploration of every property test, so a green run stays green and a red
 * one is reproduced by its seed; local runs draw new seeds and keep exploring (a failure prints its
 * seed and shrunk counterexample). `FC_SEED` replays another seed anywhere.
 */
import fc from 'fast-check'

const seed = process.env.FC_SEED ?? (process.env.CI ? '20261207' : undefined)
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) })
