import { defineMessages } from '../define.ts'

export const impact = defineMessages({
  en: {
    'impact.title': 'Impact preview',
  },
  nl: {
    'impact.title': 'Impactanalyse',
  },
})
