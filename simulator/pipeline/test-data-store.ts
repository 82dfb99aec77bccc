import { StateError, stateArray, stateObject } from '../core/index.js'
import type { SimContext } from '../sim-context.js'
import { isTestDataError, TestDataError, type TestDataKind } from './define-provider.js'
import type { Table, TableSpec } from './table.js'

/** Most documents of one kind a simulator takes besides those of `--fixtures`. */
export const MAX_TEST_DATA_PER_KIND = 1000

/** The documents added to a simulator (`POST /__sim/personas`, `/agents`), by kind, in order. */
export type TestDataState = Record<string, unknown[]>

/** What a test-data kind adds its rows to: the simulator's current state. */
export interface TestDataContext {
  readonly sim: SimContext
  readonly table: <Row>(spec: TableSpec<Row>) => Table<Row>
}

/**
 * Your own test data, kept as documents: what you add is a fixture of the sandbox like those of
 * `--fixtures`, so a reset (which rebuilds the state from the seed) adds every document again,
 * and a snapshot carries the documents (`test_data`) rather than the rows they built, so a
 * restore checks each one as `POST` did. Bounded per kind.
 */
export interface TestDataStore {
  /** Checks and stores one document; returns what `/__sim/fixtures` now lists for it. */
  add(kind: string, document: unknown, context: TestDataContext): unknown
  /** Adds every stored document to a state just rebuilt from the seed (a reset). */
  replay(context: TestDataContext): void
  /** The stored documents: a snapshot's `test_data`. */
  dump(): TestDataState
  /**
   * Checks a snapshot's `test_data` by adding its documents to `context` (a fresh state) and
   * returns what makes them the stored ones. Throws a `StateError` at the first bad field
   * (`/test_data/persona/2/pan`); nothing is stored until the returned function runs.
   */
  prepare(state: unknown, context: TestDataContext, path: string): () => void
}

/** A store for the kinds the providers take, by name. */
export function createTestDataStore(kinds: Readonly<Record<string, TestDataKind>>): TestDataStore {
  let stored: TestDataState = {}

  const addTo = (
    into: TestDataState,
    kind: string,
    document: unknown,
    context: TestDataContext,
  ) => {
    const taker = kinds[kind]
    if (!taker) throw new RangeError(`no provider takes test data of kind "${kind}"`)
    const documents = into[kind] ?? []
    if (documents.length >= MAX_TEST_DATA_PER_KIND)
      throw new TestDataError([
        {
          path: '',
          message: `this sandbox holds the most ${kind} documents it takes (${MAX_TEST_DATA_PER_KIND}); create another sandbox`,
        },
      ])
    const { view, fixture } = taker.add(document, context)
    into[kind] = [...documents, fixture]
    return view
  }

  return {
    add: (kind, document, context) => addTo(stored, kind, document, context),
    replay(context) {
      const again: TestDataState = {}
      for (const [kind, documents] of Object.entries(stored))
        for (const document of documents) addTo(again, kind, document, context)
      stored = again
    },
    dump: () =>
      Object.fromEntries(Object.entries(stored).map(([kind, documents]) => [kind, [...documents]])),
    prepare(state, context, path) {
      const next: TestDataState = {}
      for (const [kind, documents] of Object.entries(stateObject(state, path))) {
        if (!kinds[kind])
          throw new StateError(
            `${path}/${kind}`,
            `no kind of test data "${kind}"; known: ${Object.keys(kinds).join(', ')}`,
          )
        const list = stateArray(documents, `${path}/${kind}`)
        if (list.length > MAX_TEST_DATA_PER_KIND)
          throw new StateError(`${path}/${kind}`, `more than ${MAX_TEST_DATA_PER_KIND} documents`)
        for (const [i, document] of list.entries()) {
          try {
            addTo(next, kind, document, context)
          } catch (error) {
            if (!isTestDataError(error)) throw error
            const [first] = error.fields
            throw new StateError(
              `${path}/${kind}/${i}${first?.path ?? ''}`,
              error.fields.map((f) => f.message).join('; '),
            )
          }
        }
      }
      return () => {
        stored = next
      }
    },
  }
}
