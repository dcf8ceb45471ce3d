import { defineMessages } from '../define.ts'

/** The tenant’s migration request wizard and its own request list. */
export const requestWizard = defineMessages({
  en: {
    'request-wizard.placeholder': '—',
  },
  nl: {
    'request-wizard.placeholder': '—',
  },
})
