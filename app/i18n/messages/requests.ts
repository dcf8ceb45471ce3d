import { defineMessages } from '../define.ts'

export const requests = defineMessages({
  en: {
    'request.transition_from_state': 'This step is not possible in the request’s current state.',
    'request.transition_role': 'You may not take this step on this request.',
    'request.reason_required': 'Give a reason; the requester will read it.',
    'request.numbers_reserved': 'Some of these numbers are already held by another open request; nothing was submitted.',
    'request.version_conflict': 'Someone else changed this request in the meantime. Reload it and try again; nothing was changed.',
    'request.blocked': 'The impact of this request is blocked. Resolve the blocking findings first; nothing was submitted.',
    'request.migration_only': 'Only migration requests can be saved as requests.',
    'request.consent_not_pending': 'This consent has already been answered.',
    'request.consent_not_open': 'This request is not waiting for consent.',
    'request.recheck_differs': 'The impact on today’s inventory differs from the one submitted; confirm the difference to approve.',
    'request.complete_before_port': 'The outcome can be recorded on or after the port date ({date}).',
    'request.not_in_request': 'Not numbers of this request: {numbers}.',
    'request.only_drafts_change': 'Only a draft can be changed. Revise the request first (it goes back to draft and its reservations lapse).',
  },
  nl: {
    'request.transition_from_state': 'Deze stap kan niet in de huidige status van de aanvraag.',
    'request.transition_role': 'U mag deze stap niet zetten voor deze aanvraag.',
    'request.reason_required': 'Geef een reden op; de aanvrager leest die.',
    'request.numbers_reserved': 'Een deel van deze nummers zit al in een andere lopende aanvraag; er is niets ingediend.',
    'request.version_conflict': 'Iemand anders heeft deze aanvraag intussen gewijzigd. Laad hem opnieuw en probeer het nog eens; er is niets gewijzigd.',
    'request.blocked': 'De impact van deze aanvraag is geblokkeerd. Los eerst de blokkerende bevindingen op; er is niets ingediend.',
    'request.migration_only': 'Alleen migratieaanvragen kunnen als aanvraag worden opgeslagen.',
    'request.consent_not_pending': 'Deze toestemming is al beantwoord.',
    'request.consent_not_open': 'Deze aanvraag wacht niet op toestemming.',
    'request.recheck_differs': 'De impact op de inventaris van vandaag wijkt af van de ingediende; bevestig het verschil om goed te keuren.',
    'request.complete_before_port': 'De uitkomst kan op of na de porteringsdatum ({date}) worden vastgelegd.',
    'request.not_in_request': 'Geen nummers van deze aanvraag: {numbers}.',
    'request.only_drafts_change': 'Alleen een concept kan worden gewijzigd. Herzie de aanvraag eerst (hij gaat terug naar concept en de reserveringen vervallen).',
  },
})
