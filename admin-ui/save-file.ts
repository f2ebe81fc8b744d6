/**
 * Hands text the console read from the API to the browser as a download. The
 * API wants the session's bearer token, which a plain link cannot send, so the
 * console reads the answer and offers it from a blob URL.
 *
 * @example saveFile('casetrail-audit.csv', csv, 'text/csv;charset=utf-8')
 */
export function saveFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  // The download has started from the URL by now; a later revoke leaves time for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
