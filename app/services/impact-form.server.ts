// The request forms of the impact screens: what the form shows (values with sensible defaults), what
// is wrong with it (messages per field), and the request file it stands for. The same reader serves
// the GET form of a stored building (the request lives in the URL) and the upload page's POST form.
import { plusMonths, isIsoDate, type IsoDate } from '#app/domain/dates.ts'
import type { FileProblem } from '#app/domain/impact/building-file.ts'
import type { RequestFileInput } from '#app/domain/impact/request-file.ts'
import {
  addWorkingDays,
  defaultLeadWorkingDays,
  parseNumberText,
  type MigrationFormValues,
  type MoveOutFormValues,
  type RequestChoices,
} from '#app/domain/impact/screen.ts'
import { requestMechanisms, type RequestMechanism } from '#app/domain/impact/types.ts'
import { maxRangeCount, parseDutchNumber, type E164 } from '#app/domain/numbers/index.ts'
import type { FieldMessage } from '#app/server/errors.server.ts'

/** A form's fields as submitted: a URL's query or the string fields of a posted form. */
export type FormFields = Pick<URLSearchParams, 'get' | 'getAll' | 'has'>

export type FieldErrors = Record<string, FieldMessage>

/** The string fields of a posted form (files left out), for the same reader as a query string. */
export function formFields(formData: FormData): URLSearchParams {
  const out = new URLSearchParams()
  for (const [key, value] of formData.entries()) if (typeof value === 'string') out.append(key, value)
  return out
}

/** The form was sent with its "compute" button; otherwise it is being filled in. */
export function wantsReport(fields: FormFields): boolean {
  return fields.get('run') === '1'
}

/** The port date a request starts from: the tenth working day after today. */
export function defaultRequestDate(today: IsoDate): IsoDate {
  return addWorkingDays(today, defaultLeadWorkingDays)
}

function text(fields: FormFields, name: string, fallback: string): string {
  return fields.has(name) ? (fields.get(name) ?? '').trim() : fallback
}

/** A requested date: required or not, a calendar date, not in the past, not absurdly far out. */
function dateProblem(value: string, today: IsoDate, opts: { required: boolean; past?: boolean }): FieldMessage | null {
  if (value === '') return opts.required ? { key: 'field.required' } : null
  if (!isIsoDate(value)) return { key: 'field.invalidDate' }
  if (!opts.past && value < today) return { key: 'impact.form.pastDate' }
  if (value > plusMonths(today, 60)) return { key: 'impact.form.farDate' }
  return null
}

/**
 * The migration form's values. Shown for a tenant for the first time (not yet computed), it starts
 * from defaults: all the tenant's numbers (unless numbers were typed or passed in the URL), its data
 * lines, its first authorised signatory, the port and installation date ten working days out.
 */
export function readMigrationForm(fields: FormFields, tenantId: string | null, choices: RequestChoices | null, today: IsoDate): MigrationFormValues {
  const fresh = !wantsReport(fields) && tenantId !== null && fields.get('shownTenant') !== tenantId
  const numbers = text(fields, 'numbers', '')
  const portDate = text(fields, 'portDate', defaultRequestDate(today))
  return {
    tenant: tenantId ?? '',
    shownTenant: tenantId ?? '',
    n: fresh ? [] : fields.getAll('n'),
    all: fresh ? numbers === '' && (choices?.numbers.length ?? 0) > 0 : fields.get('all') === '1',
    lines: fresh ? [] : fields.getAll('line'),
    numbers,
    data: fresh ? (choices?.dataServices.map((s) => s.id) ?? []) : fields.getAll('data'),
    mechanism: text(fields, 'mechanism', 'auto') || 'auto',
    portDate,
    installDate: text(fields, 'installDate', portDate),
    cutoverDate: text(fields, 'cutoverDate', ''),
    signatory: fresh ? (choices?.contacts.find((c) => c.authorized)?.id ?? '') : text(fields, 'signatory', ''),
    carrier: text(fields, 'carrier', ''),
  }
}

/** Checks a filled-in migration form; without problems, the request file it stands for. */
export function migrationRequest(values: MigrationFormValues, choices: RequestChoices, today: IsoDate): { errors: FieldErrors; request: RequestFileInput | null } {
  const errors: FieldErrors = {}
  const set = (field: string, problem: FieldMessage | null) => {
    if (problem && !errors[field]) errors[field] = problem
  }
  if (values.tenant === '') set('tenant', { key: 'field.required' })

  const requested: E164[] = values.all ? choices.numbers.map((n) => n.e164) : []
  for (const line of values.lines) {
    const onLine = choices.numbers.filter((n) => n.serviceId === line)
    if (onLine.length === 0) set('numbers', { key: 'field.invalidChoice' })
    requested.push(...onLine.map((n) => n.e164))
  }
  for (const ticked of values.n) {
    const parsed = parseDutchNumber(ticked)
    if (parsed.ok) requested.push(parsed.value)
    else set('numbers', { key: 'impact.form.numberInvalid', params: { text: ticked } })
  }
  const typed = parseNumberText(values.numbers)
  for (const p of typed.problems) set('numbers', { key: 'impact.form.numberInvalid', params: { text: p.text } })
  requested.push(...typed.numbers)
  const unique = [...new Set(requested)]
  if (unique.length > maxRangeCount) set('numbers', { key: 'impact.form.tooManyNumbers', params: { max: maxRangeCount } })

  const dataIds = new Set(choices.dataServices.map((s) => s.id))
  if (values.data.some((id) => !dataIds.has(id))) set('data', { key: 'field.invalidChoice' })
  if (unique.length === 0 && values.data.length === 0 && !errors.numbers) set('numbers', { key: 'impact.form.nothingRequested' })

  if (!(requestMechanisms as readonly string[]).includes(values.mechanism)) set('mechanism', { key: 'field.invalidChoice' })
  set('portDate', dateProblem(values.portDate, today, { required: true }))
  set('installDate', dateProblem(values.installDate, today, { required: false, past: true }))
  set('cutoverDate', dateProblem(values.cutoverDate, today, { required: false }))
  if (values.signatory !== '' && !choices.contacts.some((c) => c.id === values.signatory)) set('signatory', { key: 'field.invalidChoice' })
  if (values.carrier === '') set('carrier', { key: 'field.required' })
  else if (values.carrier.length > 100) set('carrier', { key: 'field.tooLong' })
  if (Object.keys(errors).length > 0) return { errors, request: null }

  return {
    errors,
    request: {
      type: 'migration',
      asOf: today,
      tenant: values.tenant,
      numbers: unique,
      dataServices: values.data,
      mechanism: values.mechanism as RequestMechanism,
      portDate: values.portDate,
      installDate: values.installDate || values.portDate,
      cutoverDate: values.cutoverDate || null,
      signatory: values.signatory || null,
      targetCarrier: values.carrier,
    },
  }
}

/** The move-out form's values; the date defaults to the tenant's recorded move-out date, else ten working days out. */
export function readMoveOutForm(fields: FormFields, tenant: { id: string; moveOut: IsoDate | null } | null, today: IsoDate): MoveOutFormValues {
  const recorded = tenant?.moveOut && tenant.moveOut >= today ? tenant.moveOut : null
  return {
    tenant: tenant?.id ?? '',
    date: text(fields, 'date', recorded ?? defaultRequestDate(today)),
    keep: text(fields, 'keep', 'keep') === 'release' ? 'release' : 'keep',
  }
}

export function moveOutRequest(values: MoveOutFormValues, today: IsoDate): { errors: FieldErrors; request: RequestFileInput | null } {
  const errors: FieldErrors = {}
  if (values.tenant === '') errors.tenant = { key: 'field.required' }
  const date = dateProblem(values.date, today, { required: true })
  if (date) errors.date = date
  if (Object.keys(errors).length > 0) return { errors, request: null }
  return { errors, request: { type: 'move_out', asOf: today, tenant: values.tenant, moveOutDate: values.date, keepNumbers: values.keep === 'keep' } }
}

const fieldOfRequestPath: Record<string, string> = {
  tenant: 'tenant',
  numbers: 'numbers',
  dataServices: 'data',
  mechanism: 'mechanism',
  portDate: 'portDate',
  installDate: 'installDate',
  cutoverDate: 'cutoverDate',
  signatory: 'signatory',
  targetCarrier: 'carrier',
  moveOutDate: 'date',
  keepNumbers: 'keep',
}

/** Problems the request file still had (`$.portDate`, `$.request.tenant`, …) as messages next to the form's fields. */
export function problemsAsFieldErrors(problems: readonly FileProblem[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const p of problems) {
    const first = /^\$(?:\.request)?\.?([A-Za-z]+)?/.exec(p.path)?.[1] ?? ''
    const field = fieldOfRequestPath[first] ?? '_form'
    errors[field] ??= { key: 'impact.form.problem', params: { message: p.message } }
  }
  return errors
}
