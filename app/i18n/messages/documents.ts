import { defineMessages } from '../define.ts'

/** PDF documents: what they share (footer, page numbers) and the impact report. */
export const documents = defineMessages({
  en: {
    'doc.footer': 'Sharedline · {title} · document {id} · generated on {at}',
    'doc.page': 'Page {page}',
  },
  nl: {
    'doc.footer': 'Sharedline · {title} · document {id} · gemaakt op {at}',
    'doc.page': 'Pagina {page}',
  },
})
