// The lifecycle of a migration request as an explicit state machine: which action moves a request
// from which state to which, who may take it, and when a reason is required. Pure: the use cases
// (app/services) apply it inside a transaction and write the audit log and the public timeline.

export const requestStates = [
  'draft',
  'submitted',
  'awaiting_consent',
  'awaiting_approval',
  'approved',
  'scheduled',
  'completed',
  'rejected',
  'cancelled',
  'withdrawn',
] as const
export type RequestState = (typeof requestStates)[number]

/** A dragged tenant's answer to the consent task. */
export const consentStates = ['pending', 'given', 'refused'] as const
export type ConsentState = (typeof consentStates)[number]

/** States in which a request holds its numbers: no other open request may claim them. */
export const openStates = ['submitted', 'awaiting_consent', 'awaiting_approval', 'approved', 'scheduled'] as const satisfies readonly RequestState[]
/** States a request never leaves. */
export const finalStates = ['completed', 'rejected', 'cancelled', 'withdrawn'] as const satisfies readonly RequestState[]

export function isOpen(state: RequestState): boolean {
  return (openStates as readonly RequestState[]).includes(state)
}
export function isFinal(state: RequestState): boolean {
  return (finalStates as readonly RequestState[]).includes(state)
}

/**
 * Who acts on a request: the requesting tenant's own users, the facility manager of the building,
 * or the system (consent bookkeeping right after submission or after the last consent).
 */
export const requestRoles = ['requester', 'facility_manager', 'system'] as const
export type RequestRole = (typeof requestRoles)[number]

export const requestActions = [
  'submit',
  'open_consent',
  'skip_consent',
  'all_consented',
  'revise',
  'approve',
  'schedule',
  'complete',
  'reject',
  'cancel',
  'withdraw',
] as const
export type RequestAction = (typeof requestActions)[number]

interface Rule {
  from: readonly RequestState[]
  to: RequestState
  roles: readonly RequestRole[]
  /** A reason must be given (it goes to the requester and the timeline). */
  reasonRequired: boolean
}

/** The whole machine. Every pair not listed here is refused. */
export const lifecycle: Record<RequestAction, Rule> = {
  // The requester (or the facility manager on its behalf) sends the draft in.
  submit: { from: ['draft'], to: 'submitted', roles: ['requester', 'facility_manager'], reasonRequired: false },
  // Right after submission: other tenants are dragged → ask them; nobody is → straight to approval.
  open_consent: { from: ['submitted'], to: 'awaiting_consent', roles: ['system'], reasonRequired: false },
  skip_consent: { from: ['submitted'], to: 'awaiting_approval', roles: ['system'], reasonRequired: false },
  // The last consent task was answered yes.
  all_consented: { from: ['awaiting_consent'], to: 'awaiting_approval', roles: ['system'], reasonRequired: false },
  // The plan changes (e.g. after a refusal): back to draft, consents and reservations lapse.
  revise: { from: ['submitted', 'awaiting_consent', 'awaiting_approval'], to: 'draft', roles: ['requester', 'facility_manager'], reasonRequired: false },
  approve: { from: ['awaiting_approval'], to: 'approved', roles: ['facility_manager'], reasonRequired: false },
  schedule: { from: ['approved'], to: 'scheduled', roles: ['facility_manager'], reasonRequired: false },
  complete: { from: ['scheduled'], to: 'completed', roles: ['facility_manager'], reasonRequired: false },
  reject: { from: ['submitted', 'awaiting_consent', 'awaiting_approval'], to: 'rejected', roles: ['facility_manager'], reasonRequired: true },
  cancel: { from: ['submitted', 'awaiting_consent', 'awaiting_approval', 'approved', 'scheduled'], to: 'cancelled', roles: ['facility_manager'], reasonRequired: true },
  withdraw: { from: ['draft', 'submitted', 'awaiting_consent', 'awaiting_approval', 'approved', 'scheduled'], to: 'withdrawn', roles: ['requester'], reasonRequired: false },
}

export type TransitionError = 'request.transition_from_state' | 'request.transition_role' | 'request.reason_required'

export type TransitionResult = { ok: true; from: RequestState; to: RequestState } | { ok: false; error: TransitionError }

/**
 * Checks one transition. The state is checked first (an action that makes no sense in this state is
 * refused as such, whoever asks), then the role, then the reason.
 */
export function transition(state: RequestState, action: RequestAction, role: RequestRole, reason?: string | null): TransitionResult {
  const rule = lifecycle[action]
  if (!rule.from.includes(state)) return { ok: false, error: 'request.transition_from_state' }
  if (!rule.roles.includes(role)) return { ok: false, error: 'request.transition_role' }
  if (rule.reasonRequired && (reason ?? '').trim() === '') return { ok: false, error: 'request.reason_required' }
  return { ok: true, from: state, to: rule.to }
}

/** The actions a role may take on a request in this state (for buttons and the API). */
export function allowedActions(state: RequestState, role: RequestRole): RequestAction[] {
  return requestActions.filter((action) => {
    const rule = lifecycle[action]
    return rule.from.includes(state) && rule.roles.includes(role)
  })
}
