import { defineMessages } from '../define.ts'

/** Deadlines on the dashboard, the iCal feed and the in-app outbox. */
export const schedule = defineMessages({
  en: {
    'schedule.placeholder': '—',
  },
  nl: {
    'schedule.placeholder': '—',
  },
})
