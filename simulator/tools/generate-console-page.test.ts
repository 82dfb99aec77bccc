import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { CONSOLE_PAGE } from '../admin/console/console-page.js'
import { renderConsolePage } from './generate-console-page.js'

describe('simulator/admin/console/console-page.ts', () => {
  it('is what console.html, console.css and console.js generate (run npm run console:page)', async () => {
    const committed = await readFile(
      new URL('../admin/console/console-page.ts', import.meta.url),
      'utf8',
    )
    expect(committed === (await renderConsolePage()), 'console-page.ts is stale').toBe(true)
  })

  it('inlines the stylesheet and the script, and names no other origin', () => {
    expect(CONSOLE_PAGE).toContain('const POLL_MS')
    expect(CONSOLE_PAGE).toContain('--accent')
    expect(CONSOLE_PAGE).not.toContain('/* console.js */')
    expect(CONSOLE_PAGE).not.toMatch(/\b(?:src|href)=["']?(?:https?:)?\/\//i)
    expect(CONSOLE_PAGE).not.toMatch(/fetch\(\s*['"`](?:https?:)?\/\//)
  })
})
