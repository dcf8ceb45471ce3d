import { describe, expect, it } from 'vitest'
import {
  allowedActions,
  finalStates,
  isOpen,
  lifecycle,
  openStates,
  requestActions,
  requestRoles,
  requestStates,
  transition,
  type RequestAction,
  type RequestRole,
  type RequestState,
} from '#app/domain/requests/lifecycle.ts'

/** Every allowed transition, written out: anything not in this table must be refused. */
const allowed: [RequestState, RequestAction, RequestRole, RequestState][] = [
  ['draft', 'submit', 'requester', 'submitted'],
  ['draft', 'submit', 'facility_manager', 'submitted'],
  ['submitted', 'open_consent', 'system', 'awaiting_consent'],
  ['submitted', 'skip_consent', 'system', 'awaiting_approval'],
  ['awaiting_consent', 'all_consented', 'system', 'awaiting_approval'],
  ['submitted', 'revise', 'requester', 'draft'],
  ['submitted', 'revise', 'facility_manager', 'draft'],
  ['awaiting_consent', 'revise', 'requester', 'draft'],
  ['awaiting_consent', 'revise', 'facility_manager', 'draft'],
  ['awaiting_approval', 'revise', 'requester', 'draft'],
  ['awaiting_approval', 'revise', 'facility_manager', 'draft'],
  ['awaiting_approval', 'approve', 'facility_manager', 'approved'],
  ['approved', 'schedule', 'facility_manager', 'scheduled'],
  ['scheduled', 'complete', 'facility_manager', 'completed'],
  ['submitted', 'reject', 'facility_manager', 'rejected'],
  ['awaiting_consent', 'reject', 'facility_manager', 'rejected'],
  ['awaiting_approval', 'reject', 'facility_manager', 'rejected'],
  ['submitted', 'cancel', 'facility_manager', 'cancelled'],
  ['awaiting_consent', 'cancel', 'facility_manager', 'cancelled'],
  ['awaiting_approval', 'cancel', 'facility_manager', 'cancelled'],
  ['approved', 'cancel', 'facility_manager', 'cancelled'],
  ['scheduled', 'cancel', 'facility_manager', 'cancelled'],
  ['draft', 'withdraw', 'requester', 'withdrawn'],
  ['submitted', 'withdraw', 'requester', 'withdrawn'],
  ['awaiting_consent', 'withdraw', 'requester', 'withdrawn'],
  ['awaiting_approval', 'withdraw', 'requester', 'withdrawn'],
  ['approved', 'withdraw', 'requester', 'withdrawn'],
  ['scheduled', 'withdraw', 'requester', 'withdrawn'],
]

const key = (s: string, a: string, r: string) => `${s} ${a} ${r}`
const allowedTo = new Map(allowed.map(([s, a, r, to]) => [key(s, a, r), to]))
const everyCase = requestStates.flatMap((s) => requestActions.flatMap((a) => requestRoles.map((r) => [s, a, r] as const)))

describe('request lifecycle', () => {
  it('covers every state × action × role (330 cases)', () => {
    expect(everyCase).toHaveLength(10 * 11 * 3)
  })

  it.each(everyCase)('%s —%s→ by %s is allowed exactly when the table says so', (state, action, role) => {
    const result = transition(state, action, role, 'a reason')
    const to = allowedTo.get(key(state, action, role))
    if (to) {
      expect(result).toEqual({ ok: true, from: state, to })
    } else {
      // Refused for the state when nobody may do this here, otherwise for the role.
      const anyRole = requestRoles.some((r) => allowedTo.has(key(state, action, r)))
      expect(result).toEqual({ ok: false, error: anyRole ? 'request.transition_role' : 'request.transition_from_state' })
    }
  })

  it('rejection and cancellation need a reason; blank text is no reason', () => {
    for (const action of ['reject', 'cancel'] as const) {
      expect(transition('awaiting_approval', action, 'facility_manager')).toEqual({ ok: false, error: 'request.reason_required' })
      expect(transition('awaiting_approval', action, 'facility_manager', '   ')).toEqual({ ok: false, error: 'request.reason_required' })
    }
    expect(transition('awaiting_approval', 'withdraw', 'requester')).toMatchObject({ ok: true, to: 'withdrawn' })
  })

  it('a final state allows nothing, for anyone', () => {
    for (const state of finalStates) for (const role of requestRoles) expect(allowedActions(state, role)).toEqual([])
  })

  it('allowedActions lists exactly the table’s actions per state and role', () => {
    for (const state of requestStates) {
      for (const role of requestRoles) {
        const expected = allowed.filter(([s, , r]) => s === state && r === role).map(([, a]) => a)
        expect(allowedActions(state, role).sort()).toEqual([...new Set(expected)].sort())
      }
    }
  })

  it('a request reaches completed only through approval and scheduling by the facility manager', () => {
    // Every path from draft to completed passes approved and then scheduled.
    const paths: RequestState[][] = []
    const walk = (path: RequestState[]) => {
      const here = path.at(-1)!
      if (here === 'completed') return void paths.push(path)
      for (const rule of Object.values(lifecycle)) {
        if (rule.from.includes(here) && !path.includes(rule.to)) walk([...path, rule.to])
      }
    }
    walk(['draft'])
    expect(paths.length).toBeGreaterThan(0)
    for (const path of paths) expect(path.slice(-3)).toEqual(['approved', 'scheduled', 'completed'])
  })

  it('numbers are held exactly in the open states: from submission until the request ends', () => {
    expect(openStates).toEqual(['submitted', 'awaiting_consent', 'awaiting_approval', 'approved', 'scheduled'])
    expect(requestStates.filter(isOpen)).toEqual([...openStates])
    expect(isOpen('draft')).toBe(false)
  })
})
