import { defineMessages } from '../define.ts'

/** Request status page, timeline, consent and the facility manager’s request screens. */
export const requestScreens = defineMessages({
  en: {
    'request-screens.placeholder': '—',
  },
  nl: {
    'request-screens.placeholder': '—',
  },
})
