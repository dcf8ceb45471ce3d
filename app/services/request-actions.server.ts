// The steps people take on a request's status page, read from the page's form: the intent names the
// step, `version` is the version of the request the person saw (optimistic concurrency). Each step
// is one use case of requests.server.ts; this only reads and checks the form.
import { z } from 'zod'
import type { Actor } from '#app/domain/actor.ts'
import { isIsoDate } from '#app/domain/dates.ts'
import { expandRange, parseNumberRange } from '#app/domain/numbers/index.ts'
import { InputProblemsError, ValidationError } from '#app/server/errors.server.ts'
import { parseInput } from '#app/server/http.server.ts'
import type { Db } from '#db/client.ts'
import { listTenantNames } from '#db/queries/tenants.ts'
import { problemsAsFieldErrors } from './impact-form.server.ts'
import type { ImpactDifference } from '#app/domain/requests/views.ts'
import { answerConsent, changeRequestState, completeMigrationRequest, submitMigrationRequest } from './requests.server.ts'

const version = z.coerce.number().int().min(1)
const reason = z.string().trim().max(2000, 'field.tooLong').optional()

const formSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('submit'), version }),
  z.object({ intent: z.literal('consent'), version, answer: z.enum(['given', 'refused']), reason, tenantId: z.string().optional() }),
  z.object({ intent: z.literal('approve'), version, confirmDifference: z.literal('1').optional() }),
  z.object({ intent: z.enum(['schedule', 'withdraw', 'revise']), version }),
  z.object({ intent: z.enum(['reject', 'cancel']), version, reason }),
  z.object({
    intent: z.literal('complete'),
    version,
    completedOn: z.string().trim().refine(isIsoDate, 'field.invalidDate'),
    notMoved: z.string().max(20_000, 'field.tooLong').optional(),
  }),
])

/** Numbers typed one per line or as blocks ("020-5551010 t/m 020-5551019"), in any Dutch notation. */
function typedNumbers(text: string | undefined): string[] {
  const out: string[] = []
  for (const line of (text ?? '').split(/[\n,;]+/).map((l) => l.trim()).filter(Boolean)) {
    const parsed = parseNumberRange(line)
    if (!parsed.ok) throw new ValidationError({ notMoved: { key: 'request.not_a_number', params: { text: line } } })
    out.push(...expandRange(parsed.value))
  }
  return out
}

export type RequestActionResult = {
  ok: true
  intent: string
  applied: boolean
  difference: ImpactDifference | null
  /** Names of the companies the difference mentions (the facility manager sees them all). */
  names: Record<string, string>
}

/** Carries out the step a status-page form asks for; problems of the request come back as form errors. */
export async function actOnRequest({ db, actor, requestId, form }: { db: Db; actor: Actor; requestId: string; form: Record<string, unknown> }): Promise<RequestActionResult> {
  const input = parseInput(formSchema, form)
  const base = { db, actor, requestId, expectedVersion: input.version }
  const done = (applied = true, difference: ImpactDifference | null = null, names: Record<string, string> = {}): RequestActionResult => ({ ok: true, intent: input.intent, applied, difference, names })
  try {
    switch (input.intent) {
      case 'submit':
        await submitMigrationRequest(base)
        return done()
      case 'consent':
        await answerConsent({ ...base, answer: input.answer, reason: input.reason ?? null, ...(input.tenantId ? { tenantId: input.tenantId } : {}) })
        return done()
      case 'approve': {
        const result = await changeRequestState({ ...base, action: 'approve', confirmDifference: input.confirmDifference === '1' })
        const mentioned = result.difference ? [...result.difference.tenantsAdded, ...result.difference.tenantsRemoved] : []
        const names = await listTenantNames(db, result.request.buildingId, mentioned)
        return done(result.applied, result.difference, Object.fromEntries(names))
      }
      case 'complete':
        await completeMigrationRequest({ ...base, completedOn: input.completedOn, notMoved: typedNumbers(input.notMoved) })
        return done()
      case 'reject':
      case 'cancel':
        await changeRequestState({ ...base, action: input.intent, reason: input.reason ?? null })
        return done()
      default:
        await changeRequestState({ ...base, action: input.intent })
        return done()
    }
  } catch (error) {
    // The request itself no longer holds (a date passed, a number left the tenant): say what, change nothing.
    if (error instanceof InputProblemsError) throw new ValidationError({ _form: problemsAsFieldErrors(error.problems)._form ?? Object.values(problemsAsFieldErrors(error.problems))[0]! })
    throw error
  }
}
