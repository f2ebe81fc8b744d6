import type { CustomDomainCreated } from '../../schemas/index.ts'

/** A certificate that signs itself (its issuer is its subject, no chain): browsers will warn every visitor. */
export const isSelfSigned = (cert: { subject: string; issuer: string; chainLength: number }): boolean =>
  cert.subject === cert.issuer && cert.chainLength === 0

/** A file's bytes as base64. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** The seed's success message, its `{Custom Domain Name}` a hyperlink to the new URL. */
export function SuccessMessage(props: { created: CustomDomainCreated }) {
  const { message, link } = props.created
  const at = message.indexOf(link.text)
  if (at < 0)
    return (
      <>
        {message}{' '}
        <a href={link.href} target="_blank" rel="noopener noreferrer">
          {link.text}
        </a>
      </>
    )
  return (
    <>
      {message.slice(0, at)}
      <a href={link.href} target="_blank" rel="noopener noreferrer">
        {link.text}
      </a>
      {message.slice(at + link.text.length)}
    </>
  )
}
