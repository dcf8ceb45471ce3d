import { defineMessages } from '../define.ts'

export const numbers = defineMessages({
  en: {},
  nl: {},
})
