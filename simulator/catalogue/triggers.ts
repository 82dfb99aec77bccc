import { operations } from '../../contracts/index.js'

/**
 * How QA reaches each error case by VALUE — a labelled fixture or a magic value, like Stripe's
 * test cards — by operation and case id. Read from the contracts (each case's `x-trigger` in
 * its operation's `x-cases`), so a new case documents its trigger where it is defined; the
 * reachability suite fails on an error case without one, and `docs/error-cases.md` is
 * generated from it. (The two other ways, a scenario rule and the `x-fintwin-scenario` header,
 * work for every case by construction.)
 */
export const TRIGGERS: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.freeze(
  Object.fromEntries(
    [...operations.values()].map((op) => [
      op.id,
      Object.freeze(
        Object.fromEntries(
          [...op.cases.values()].flatMap((c) =>
            c.trigger === undefined ? [] : [[c.id, c.trigger] as const],
          ),
        ),
      ),
    ]),
  ),
)
