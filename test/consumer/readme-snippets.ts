/** A fenced code block of the README's consumer section, with the tag saying how it is tested. */
export interface Snippet {
  /** `file=<path>` (written into the app at that path) or `run=<name>` (run by a test). */
  tag: string
  lang: string
  code: string
}

const SECTION = '## Use fintwin in your project'

/**
 * The code blocks of the README's "Use fintwin in your project" section. Each carries its tag in
 * the fence's info string (```ts file=kyc.test.ts), which renderers do not show; a block without
 * one is an error, so that no snippet there goes untested. Blocks indented under a list item are
 * dedented.
 */
export function readmeSnippets(readme: string): Snippet[] {
  const start = readme.indexOf(SECTION)
  if (start < 0) throw new Error(`README has no "${SECTION}" section`)
  const end = readme.indexOf('\n## ', start + SECTION.length)
  const section = readme.slice(start, end < 0 ? undefined : end)
  const snippets: Snippet[] = []
  for (const [, indent, lang, info, body] of section.matchAll(
    /^( *)```(\w+)([^\n]*)\n([\s\S]*?)^\1```$/gm,
  )) {
    const tag = info!.trim()
    if (!/^(file|run)=\S+$/.test(tag))
      throw new Error(`README snippet without a file= or run= tag:\n${body}`)
    const code = body!
      .split('\n')
      .map((line) => (line.startsWith(indent!) ? line.slice(indent!.length) : line))
      .join('\n')
    snippets.push({ tag, lang: lang!, code })
  }
  return snippets
}
