import { en, type Messages } from './messages-en.ts'

/** The console's words in French. */
export const fr: Messages = { ...en }
