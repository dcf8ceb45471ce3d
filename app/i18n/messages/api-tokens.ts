import { defineMessages } from '../define.ts'

export const apiTokens = defineMessages({
  en: {
    'apiTokens.title': 'API tokens',
  },
  nl: {
    'apiTokens.title': 'API-tokens',
  },
})
