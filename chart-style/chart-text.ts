/**
 * A label broken into lines of at most `width` characters at spaces (a word
 * longer than a line is cut across lines), never shortened: chart axes show
 * the whole title instead of "How to reset your pass…".
 *
 * @example
 * wrapLabel('Two-factor sign-in fails after a phone change', 24)
 * // 'Two-factor sign-in fails\nafter a phone change'
 */
export function wrapLabel(text: string, width: number): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.trim().split(/\s+/)) {
    let rest = word
    while (rest.length > width) {
      if (line) lines.push(line)
      line = ''
      lines.push(rest.slice(0, width))
      rest = rest.slice(width)
    }
    if (!line) line = rest
    else if (line.length + 1 + rest.length <= width) line = `${line} ${rest}`
    else {
      lines.push(line)
      line = rest
    }
  }
  if (line) lines.push(line)
  return lines.join('\n')
}
