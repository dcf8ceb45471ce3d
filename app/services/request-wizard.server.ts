// The tenant's migration request wizard: the impact screen's form and live report for the own
// company, plus saving the request as a draft and submitting it. The form and the report come from
// the impact screen; this file adds what a stored request needs: the draft's request file back as
// form values, the form's key (a uuid for a new draft, the version of an existing one) and the save
// and submit steps, with every refusal turned into a message next to a field or above the form.
import { randomUUID } from 'node:crypto'
import type { Actor } from '#app/domain/actor.ts'
import type { IsoDate } from '#app/domain/dates.ts'
import type { FileProblem } from '#app/domain/impact/building-file.ts'
import { parseRequestFile, type RequestFileInput } from '#app/domain/impact/request-file.ts'
import { requestChoices, type MigrationFormValues, type RequestChoices } from '#app/domain/impact/screen.ts'
import { formatNational } from '#app/domain/numbers/index.ts'
import type { RequestState } from '#app/domain/requests/lifecycle.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { ForbiddenError, InputProblemsError, NotFoundError, ValidationError } from '#app/server/errors.server.ts'
import type { Db } from '#db/client.ts'
import { getMigrationRequest } from '#db/queries/requests.ts'
import { loadBuildingInventory } from './building-file.server.ts'
import { migrationRequest, problemsAsFieldErrors, readMigrationForm, type FieldErrors, type FormFields } from './impact-form.server.ts'
import { getImpactScreen } from './impact-screen.server.ts'
import { createDraftRequest, submitMigrationRequest, updateDraftRequest } from './requests.server.ts'
import { isUuid, requireOwnTenantRow, requireUuid } from './scope.server.ts'

/** The form field of the acknowledgement that the new line is installed before the port date. */
const ackField = 'ackInstall'

/** A request of the actor's own company; anyone else's (or none) is not found. */
async function requireMyRequest(db: Db, tenantId: string, requestId: string) {
  const row = await getMigrationRequest(db, requireUuid(requestId, 'request'))
  if (!row || row.tenantId !== tenantId) throw new NotFoundError('request')
  return row
}

function versionOf(fields: FormFields): number | null {
  const version = Number(fields.get('version') ?? '')
  return Number.isSafeInteger(version) && version > 0 ? version : null
}

/**
 * A stored request as the impact form's query, computed at once: its numbers ticked, its data lines,
 * dates, signatory and carrier. A request that no longer parses starts the form empty.
 */
function storedRequestFields(stored: unknown, tenantId: string): URLSearchParams {
  const fields = new URLSearchParams({ tenant: tenantId, shownTenant: tenantId, run: '1' })
  const parsed = parseRequestFile(stored)
  if (!parsed.ok || parsed.value.type !== 'migration') return fields
  const file = parsed.value
  for (const e164 of file.numbers.flat()) fields.append('n', e164)
  for (const id of file.dataServices) fields.append('data', id)
  fields.set('mechanism', file.mechanism)
  fields.set('portDate', file.portDate)
  fields.set('installDate', file.installDate ?? file.portDate)
  fields.set('cutoverDate', file.cutoverDate ?? '')
  fields.set('signatory', file.signatory ?? '')
  fields.set('carrier', file.targetCarrier)
  return fields
}

/**
 * The stored numbers as the form shows them: the company's numbers as ticked boxes ("all" when it
 * is every one of them), any other number typed out, so nothing of the draft disappears unseen.
 */
function showStoredNumbers(values: MigrationFormValues, choices: RequestChoices | null): MigrationFormValues {
  const offered = new Set(choices?.numbers.map((n) => n.e164) ?? [])
  const ticked = values.n.filter((e164) => offered.has(e164))
  const typed = values.n.filter((e164) => !offered.has(e164))
  const all = offered.size > 0 && new Set(ticked).size === offered.size
  return { ...values, n: ticked, all, numbers: typed.map((e164) => formatNational(e164)).join('\n') }
}

type MyCompany = Awaited<ReturnType<typeof requireOwnTenantRow>>
type MyRequest = Awaited<ReturnType<typeof requireMyRequest>>

/**
 * The impact form for the own company with its live report (`run=1`), and the form's key. A draft
 * opened without a query shows its stored request, computed.
 */
async function wizardScreen(db: Db, actor: Actor, company: MyCompany, row: MyRequest | null, fields: FormFields, today: IsoDate) {
  const fromStore = row !== null && !fields.has('shownTenant')
  const screen = await getImpactScreen({ db, actor, buildingId: company.buildingId, fields: fromStore ? storedRequestFields(row.request, company.id) : fields, today })
  if (screen.mode !== 'migration') throw new ForbiddenError('the wizard is for a tenant’s own company')
  const key = row
    ? { requestId: row.id, version: versionOf(fields) ?? row.version }
    : { clientKey: isUuid(fields.get('clientKey') ?? '') ? (fields.get('clientKey') ?? '') : randomUUID() }
  return {
    ...screen,
    values: fromStore ? showStoredNumbers(screen.values, screen.choices) : screen.values,
    key,
    ackInstall: row?.installBeforePortAcknowledged ?? false,
    saved: row !== null && fields.get('saved') === '1',
  }
}

/** The wizard for a new request of the tenant user's company; the form carries a fresh `clientKey`. */
export async function getNewRequestWizard({ db, actor, fields, today = todayInNetherlands() }: { db: Db; actor: Actor; fields: FormFields; today?: IsoDate }) {
  const company = await requireOwnTenantRow(db, actor)
  return wizardScreen(db, actor, company, null, fields, today)
}

/**
 * The wizard for one of the company's drafts; the form carries the draft's version. A request that
 * is no longer a draft is not shown as a form: the page points to its status page instead.
 */
export async function getDraftRequestWizard({ db, actor, requestId, fields, today = todayInNetherlands() }: { db: Db; actor: Actor; requestId: string; fields: FormFields; today?: IsoDate }) {
  const company = await requireOwnTenantRow(db, actor)
  const row = await requireMyRequest(db, company.id, requestId)
  if (row.state !== 'draft') return { mode: 'locked' as const, status: 409, request: { id: row.id, buildingId: row.buildingId, state: row.state } }
  return wizardScreen(db, actor, company, row, fields, today)
}

/** A refused save: messages per field (`_form` above the form, `ackInstall` at the checkbox) and what was sent. */
export interface WizardFailure {
  ok: false
  errors: FieldErrors
  values: MigrationFormValues
  ackInstall: boolean
}

export interface WizardSaved {
  ok: true
  /** The request was submitted too (or had been, by the same form). */
  submitted: boolean
  request: { id: string; buildingId: string; state: RequestState; version: number }
}

/**
 * Problems the request services found, next to the form's fields in the user's language: dates in
 * the past, an installation before the port date nobody confirmed (at the checkbox), numbers of
 * another company (named). Anything else keeps the service's own words.
 */
function wizardFieldErrors(problems: readonly FileProblem[], values: MigrationFormValues, numbers: readonly string[], today: IsoDate): FieldErrors {
  const errors: FieldErrors = {}
  const rest: FileProblem[] = []
  for (const problem of problems) {
    const [, field, index] = /^\$\.(\w+)(?:\[(\d+)\])?/.exec(problem.path) ?? []
    const requested = index === undefined ? undefined : numbers[Number(index)]
    if (field === 'portDate' || field === 'cutoverDate') errors[field] ??= { key: 'impact.form.pastDate' }
    else if (field === 'installDate' && values.installDate < today) errors.installDate ??= { key: 'impact.form.pastDate' }
    else if (field === 'installDate') errors[ackField] ??= { key: 'wizard.error.ackInstall' }
    else if (field === 'signatory') errors.signatory ??= { key: 'wizard.error.signatory' }
    else if (field === 'numbers' && requested) errors.numbers ??= { key: 'wizard.error.foreignNumber', params: { number: formatNational(requested) } }
    else rest.push(problem)
  }
  return { ...problemsAsFieldErrors(rest), ...errors }
}

type Intent = 'save' | 'submit'

/** Saves (creates or updates) the draft, and submits it when asked, in one transaction: a refused submission saves nothing. */
async function saveAndMaybeSubmit(args: { db: Db; actor: Actor; buildingId: string; requestId: string | null; fields: FormFields; request: RequestFileInput; intent: Intent; ack: boolean; today: IsoDate }): Promise<WizardSaved> {
  const { actor, requestId, fields, request, intent, ack, today } = args
  const save = (db: Db) => {
    if (requestId === null) {
      const clientKey = fields.get('clientKey') ?? ''
      return createDraftRequest({ db, actor, buildingId: args.buildingId, request, clientKey: isUuid(clientKey) ? clientKey : null, acknowledgeInstallBeforePort: ack, today })
    }
    const expectedVersion = versionOf(fields)
    if (expectedVersion === null) throw new ValidationError({ _form: 'request.version_conflict' })
    return updateDraftRequest({ db, actor, requestId, request, expectedVersion, acknowledgeInstallBeforePort: ack, today })
  }
  const summary = (row: { id: string; buildingId: string; state: RequestState; version: number }, submitted: boolean): WizardSaved => ({
    ok: true,
    submitted,
    request: { id: row.id, buildingId: row.buildingId, state: row.state, version: row.version },
  })
  if (intent === 'save') return summary(await save(args.db), false)
  return args.db.transaction(async (tx) => {
    const draft = await save(tx)
    // The same new-request form sent again after it was submitted: answer like the first time.
    if (draft.state !== 'draft') return summary(draft, true)
    const { request: submitted } = await submitMigrationRequest({ db: tx, actor, requestId: draft.id, expectedVersion: draft.version, asOf: today })
    return summary(submitted, true)
  })
}

/**
 * The wizard's POST: `intent=save` saves the draft (a new one under the form's `clientKey`, so the
 * same form sent twice makes one draft; an existing one at the form's `version`), `intent=submit`
 * saves and submits it. The form is checked like the impact screen's, then by the request services
 * (plan checks, own numbers only, reservations, verdict). On any refusal nothing is saved and the
 * form comes back with the messages and what was sent.
 */
export async function saveRequestFromWizard({
  db,
  actor,
  requestId = null,
  fields,
  today = todayInNetherlands(),
}: {
  db: Db
  actor: Actor
  requestId?: string | null
  /** The posted form's string fields. */
  fields: URLSearchParams
  today?: IsoDate
}): Promise<WizardSaved | WizardFailure> {
  const company = await requireOwnTenantRow(db, actor)
  const row = requestId === null ? null : await requireMyRequest(db, company.id, requestId)
  const choices = requestChoices(await loadBuildingInventory(db, company.buildingId), company.id)
  // What the form sent is what counts: never the defaults of a form shown for the first time.
  const sent = new URLSearchParams(fields)
  sent.set('run', '1')
  const values = readMigrationForm(sent, company.id, choices, today)
  const ack = fields.get(ackField) === '1'
  const failure = (errors: FieldErrors): WizardFailure => ({ ok: false, errors, values, ackInstall: ack })
  const intent = fields.get('intent')
  if (intent !== 'save' && intent !== 'submit') return failure({ _form: { key: 'field.invalidChoice' } })

  const checked = migrationRequest(values, choices, today)
  if (!checked.request) {
    const { signatory, ...errors } = checked.errors
    return failure(signatory ? { ...errors, signatory: { key: 'wizard.error.signatory' } } : errors)
  }
  try {
    return await saveAndMaybeSubmit({ db, actor, buildingId: company.buildingId, requestId: row?.id ?? null, fields, request: checked.request, intent, ack, today })
  } catch (error) {
    if (error instanceof InputProblemsError) {
      const numbers = checked.request.type === 'migration' ? (checked.request.numbers ?? []).map((n) => (typeof n === 'string' ? n : n.first)) : []
      return failure(wizardFieldErrors(error.problems, values, numbers, today))
    }
    if (error instanceof ValidationError) {
      // "Submit" sent twice from a draft's page: the first one submitted it; answer like the first.
      const now = row && intent === 'submit' && error.fields._form?.key === 'request.version_conflict' ? await getMigrationRequest(db, row.id) : null
      if (now && now.state !== 'draft' && now.submittedBy === actor.id) return { ok: true, submitted: true, request: { id: now.id, buildingId: now.buildingId, state: now.state, version: now.version } }
      return failure(error.fields)
    }
    throw error
  }
}
