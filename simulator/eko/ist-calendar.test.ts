import { describe, expect, it } from 'vitest'
import { addIstBusinessDays, ekoDateTime, istDay, istDayMonth, sameIstDay } from './ist-calendar.js'

const at = (iso: string): number => Date.parse(iso)

describe('IST calendar', () => {
  it('an IST day starts at 18:30 UTC the evening before', () => {
    expect(istDay(at('2026-03-09T18:29:59.999Z'))).toBe('2026-03-09')
    expect(istDay(at('2026-03-09T18:30:00.000Z'))).toBe('2026-03-10')
    expect(sameIstDay(at('2026-03-09T18:30:00Z'), at('2026-03-10T18:29:00Z'))).toBe(true)
    expect(sameIstDay(at('2026-03-09T18:29:00Z'), at('2026-03-09T18:31:00Z'))).toBe(false)
  })

  it('business days skip the IST weekend and keep the time of day', () => {
    // Thursday 10:00 IST + 2 business days = Monday 10:00 IST.
    const thursday = at('2026-03-12T04:30:00Z')
    expect(new Date(addIstBusinessDays(thursday, 2)).toISOString()).toBe('2026-03-16T04:30:00.000Z')
    // Saturday + 1 = Monday; Monday + 0 = Monday.
    expect(istDay(addIstBusinessDays(at('2026-03-14T04:30:00Z'), 1))).toBe('2026-03-16')
    expect(addIstBusinessDays(thursday, 0)).toBe(thursday)
    // Friday 23:00 IST is already Friday in India though still Friday 17:30 UTC: + 1 = Monday.
    expect(istDay(addIstBusinessDays(at('2026-03-13T17:30:00Z'), 1))).toBe('2026-03-16')
    expect(() => addIstBusinessDays(thursday, -1)).toThrow(RangeError)
  })

  it("writes Eko's DD-MM-YY HH:MM:SS and the statement's DD/MM in IST", () => {
    expect(ekoDateTime(at('2024-01-01T18:45:07Z'))).toBe('02-01-24 00:15:07')
    expect(istDayMonth(at('2024-12-31T19:00:00Z'))).toBe('01/01')
  })
})
