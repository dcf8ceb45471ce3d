import { defineMessages } from '../define.ts'

export const contracts = defineMessages({
  en: {},
  nl: {},
})
