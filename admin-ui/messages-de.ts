import { en, type Messages } from './messages-en.ts'

/** The console's words in German. */
export const de: Messages = { ...en }
