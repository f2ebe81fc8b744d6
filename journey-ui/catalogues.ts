import { en, type LabelLanguage, type Messages } from './messages.ts'
import { de } from './messages-de.ts'
import { fr } from './messages-fr.ts'

/**
 * Every language's labels at once, for tests and for hosts that render the
 * widget's parts themselves. The element itself loads them one at a time
 * (`loadMessages`), so it never carries them all.
 */
export const MESSAGES: Record<LabelLanguage, Messages> = { en, fr, de }
