import { defineMessages } from '../define.ts'

/** PDF documents: the porting authorisation and the tenant notice letters. */
export const documentsLetters = defineMessages({
  en: {
    'docl.placeholder': '—',
  },
  nl: {
    'docl.placeholder': '—',
  },
})
