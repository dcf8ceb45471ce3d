import { defineMessages } from '../define.ts'

export const tenants = defineMessages({
  en: {},
  nl: {},
})
