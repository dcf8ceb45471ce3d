import { defineMessages } from '../define.ts'

/** PDF documents: the building inventory report. */
export const documentsInventory = defineMessages({
  en: {
    'doci.placeholder': '—',
  },
  nl: {
    'doci.placeholder': '—',
  },
})
