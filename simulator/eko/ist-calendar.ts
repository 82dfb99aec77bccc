/**
 * India Standard Time arithmetic for Eko: Daily KYC is valid for one calendar day in India, AePS
 * activation is reviewed over business days, and Eko writes transaction times in Indian local
 * time (`DD-MM-YY HH:MM:SS`). IST is UTC+05:30 all year (no daylight saving), so a fixed offset
 * is exact; every function takes epoch ms from the simulator clock, never the host's.
 */

/** UTC+05:30. */
export const IST_OFFSET_MS = 5.5 * 3_600_000
const DAY_MS = 86_400_000

/** The parts of an instant as a wall clock in India shows them. */
function istParts(ms: number): Date {
  return new Date(ms + IST_OFFSET_MS)
}

const two = (n: number): string => String(n).padStart(2, '0')

/** `YYYY-MM-DD` of the IST calendar day `ms` falls on. */
export function istDay(ms: number): string {
  return istParts(ms).toISOString().slice(0, 10)
}

/** Whether two instants fall on the same IST calendar day. */
export function sameIstDay(a: number, b: number): boolean {
  return istDay(a) === istDay(b)
}

/**
 * `ms` moved forward by `days` business days in India (Monday to Friday; public holidays are
 * not modelled), keeping the time of day. A Saturday or Sunday start counts from the Monday.
 */
export function addIstBusinessDays(ms: number, days: number): number {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`business days must be a non-negative integer, got ${days}`)
  let at = ms
  let left = days
  while (left > 0) {
    at += DAY_MS
    const weekday = istParts(at).getUTCDay()
    if (weekday !== 0 && weekday !== 6) left -= 1
  }
  return at
}

/** Eko's transaction time text: `DD-MM-YY HH:MM:SS`, IST. */
export function ekoDateTime(ms: number): string {
  const d = istParts(ms)
  const date = `${two(d.getUTCDate())}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCFullYear() % 100)}`
  return `${date} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`
}

/** `DD/MM` of the IST day, as a mini statement line dates it. */
export function istDayMonth(ms: number): string {
  const d = istParts(ms)
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}`
}
