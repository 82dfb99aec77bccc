import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createChangeFeed, type ChangeListener } from './change-feed.js'

const listener = () => ({ changed: vi.fn(), closed: vi.fn() }) satisfies ChangeListener

describe('createChangeFeed', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('tells every watcher once for a burst of notifications', () => {
    const feed = createChangeFeed(20)
    const a = listener()
    const b = listener()
    feed.subscribe(a)
    feed.subscribe(b)
    for (let i = 0; i < 50; i++) feed.notify()
    expect(a.changed).not.toHaveBeenCalled()
    vi.advanceTimersByTime(20)
    expect(a.changed).toHaveBeenCalledTimes(1)
    expect(b.changed).toHaveBeenCalledTimes(1)
    feed.notify()
    vi.advanceTimersByTime(20)
    expect(a.changed).toHaveBeenCalledTimes(2)
  })

  it('schedules nothing while nobody watches, and stops telling a watcher that left', () => {
    const feed = createChangeFeed(20)
    feed.notify()
    expect(vi.getTimerCount()).toBe(0)
    const a = listener()
    const stop = feed.subscribe(a)
    expect(feed.size).toBe(1)
    stop()
    expect(feed.size).toBe(0)
    feed.notify()
    vi.advanceTimersByTime(20)
    expect(a.changed).not.toHaveBeenCalled()
  })

  it('closes every watcher on close, drops a pending flush, and closes late ones at once', () => {
    const feed = createChangeFeed(20)
    const a = listener()
    feed.subscribe(a)
    feed.notify()
    feed.close()
    expect(a.closed).toHaveBeenCalledTimes(1)
    expect(feed.size).toBe(0)
    vi.advanceTimersByTime(20)
    expect(a.changed).not.toHaveBeenCalled()
    const late = listener()
    feed.subscribe(late)
    expect(late.closed).toHaveBeenCalledTimes(1)
    expect(feed.size).toBe(0)
  })
})
