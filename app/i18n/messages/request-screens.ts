import { defineMessages } from '../define.ts'

/** Request status page, timeline, consent and the facility manager's request screens. */
export const requestScreens = defineMessages({
  en: {
    'reqs.nav.requests': 'Migration requests',
    'reqs.nav.outbox': 'Outbox',
    'reqs.nav.calendar': 'Calendar feed',
    'reqs.nav.myRequests': 'Requests',
  },
  nl: {
    'reqs.nav.requests': 'Migratieaanvragen',
    'reqs.nav.outbox': 'Uitgaande mail',
    'reqs.nav.calendar': 'Agendafeed',
    'reqs.nav.myRequests': 'Aanvragen',
  },
})
