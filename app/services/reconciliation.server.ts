// Reconciliation for a building's facility managers: the inventory against the latest applied invoice,
// category by category, with an action per row (allocate, mark released, flag for the carrier), and
// the whole report as CSV.
import { z } from 'zod'
import type { Actor } from '#app/domain/actor.ts'
import type { IsoDate } from '#app/domain/dates.ts'
import type { Locale } from '#app/domain/enums.ts'
import { centsToInput } from '#app/domain/money.ts'
import { allows, reconciliationActions, reconciliationCategories, type ReconciliationCategory } from '#app/domain/imports/reconciliation.ts'
import { parseDutchNumber } from '#app/domain/numbers/index.ts'
import { createTranslator } from '#app/i18n/index.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { ValidationError } from '#app/server/errors.server.ts'
import { parseInput } from '#app/server/http.server.ts'
import type { Db } from '#db/client.ts'
import { listTenantChoices } from '#db/queries/numbers.ts'
import {
  countDifferences,
  countOpenFlags,
  findDifference,
  getLatestInvoice,
  insertCarrierFlag,
  listDifferences,
  listDifferencesAfter,
  markNumberReleased,
} from '#db/queries/reconciliation.ts'
import { recordAudit } from './audit.server.ts'
import { csvLine, csvPreamble } from './csv.server.ts'
import { allocateNumbers, isMovedOut } from './numbers.server.ts'
import { requireManagedBuilding } from './scope.server.ts'

export const reconciliationPageSize = 50

const query = z.object({
  category: z.enum(reconciliationCategories).catch('activeUnbilled').default('activeUnbilled'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
})

/** The report page: counts per category, one page of the chosen category, and the tenants to allocate to. */
export async function getReconciliation({ db, actor, buildingId, url, today = todayInNetherlands() }: { db: Db; actor: Actor; buildingId: string; url: URL; today?: IsoDate }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const q = query.parse(Object.fromEntries(url.searchParams))
  const invoice = await getLatestInvoice(db, buildingId)
  const scope = { buildingId, invoiceId: invoice?.id ?? null, today }
  const [counts, rows, tenants, openFlags] = await Promise.all([
    countDifferences(db, scope),
    listDifferences(db, { ...scope, category: q.category, limit: reconciliationPageSize, offset: (q.page - 1) * reconciliationPageSize }),
    listTenantChoices(db, buildingId),
    countOpenFlags(db, buildingId),
  ])
  return {
    building: { id: building.id, name: building.name },
    invoice: invoice ? { fileName: invoice.fileName, finishedAt: invoice.finishedAt.toISOString(), totalCents: invoice.totalCents } : null,
    category: q.category,
    page: q.page,
    pageSize: reconciliationPageSize,
    counts: Object.fromEntries(reconciliationCategories.map((c) => [c, counts[c] ?? 0])) as Record<ReconciliationCategory, number>,
    rows,
    openFlags,
    tenants: tenants.filter((t) => !isMovedOut(t, today)).map((t) => ({ id: t.id, legalName: t.legalName })),
  }
}

const actionInput = z.object({
  action: z.enum(reconciliationActions, 'field.invalidChoice'),
  category: z.enum(reconciliationCategories, 'field.invalidChoice'),
  e164: z.string().trim().optional().default(''),
  serviceRef: z.string().trim().max(200).optional().default(''),
  tenantId: z.string().trim().optional().default(''),
  note: z.string().trim().max(500, 'field.tooLong').optional().default(''),
})

/**
 * One action on one row of the report. The row is looked up again first: a difference that is gone
 * (someone sorted it out meanwhile) is refused with a message and nothing changes.
 */
export async function actOnDifference({ db, actor, buildingId, input, today = todayInNetherlands() }: { db: Db; actor: Actor; buildingId: string; input: unknown; today?: IsoDate }) {
  await requireManagedBuilding(db, actor, buildingId)
  const values = parseInput(actionInput, input)
  if (!allows(values.category, values.action)) throw new ValidationError({ action: 'field.invalidChoice' })
  let e164: string | null = null
  if (values.e164 !== '') {
    const parsed = parseDutchNumber(values.e164)
    if (!parsed.ok) throw new ValidationError({ e164: parsed.error })
    e164 = parsed.value
  }
  const serviceRef = values.serviceRef === '' ? null : values.serviceRef
  if (e164 === null && serviceRef === null) throw new ValidationError({ _form: 'reconciliation.nothingSelected' })
  const invoice = await getLatestInvoice(db, buildingId)
  const scope = { buildingId, invoiceId: invoice?.id ?? null, today, category: values.category, e164, serviceRef }
  const row = await findDifference(db, scope)
  if (!row) throw new ValidationError({ _form: 'reconciliation.gone' })

  if (values.action === 'allocate') {
    if (!row.numberId) throw new ValidationError({ _form: 'reconciliation.gone' })
    // Still held by a company that moved out: that holding has to end first (mark released).
    if (row.tenantId) throw new ValidationError({ _form: 'reconciliation.releaseFirst' })
    const result = await allocateNumbers({ db, actor, buildingId, input: { numberId: [row.numberId], tenantId: values.tenantId }, asOf: today })
    return { action: 'allocate' as const, e164, tenantName: result.tenantName }
  }
  return db.transaction(async (tx) => {
    if (values.action === 'release') {
      if (!row.numberId) throw new ValidationError({ _form: 'reconciliation.gone' })
      const done = await markNumberReleased(tx, { buildingId, numberId: row.numberId })
      if (!done) throw new ValidationError({ _form: 'reconciliation.gone' })
      await recordAudit(tx, actor, {
        buildingId,
        entityType: 'number',
        entityId: row.numberId,
        action: 'release',
        summary: `marked ${e164 ?? ''} released (reconciliation: ${values.category})`,
        before: { e164, tenantId: row.tenantId, tenantName: row.tenantName, status: row.status, billed: row.billed },
        after: { e164, tenantId: null, status: 'disconnected', billed: false },
      })
      return { action: 'release' as const, e164, tenantName: null }
    }
    const flag = await insertCarrierFlag(tx, { buildingId, category: values.category, e164, serviceRef: e164 ? null : serviceRef, note: values.note, createdBy: actor.id })
    if (!flag) throw new ValidationError({ _form: 'reconciliation.alreadyFlagged' })
    await recordAudit(tx, actor, {
      buildingId,
      entityType: 'carrier_flag',
      entityId: flag.id,
      action: 'create',
      summary: `flagged ${e164 ?? serviceRef ?? ''} for the carrier (reconciliation: ${values.category})`,
      after: { category: values.category, e164, serviceRef, note: values.note },
    })
    return { action: 'flag' as const, e164, tenantName: null }
  })
}

/** The whole report as CSV lines (Excel-friendly in the user's language), a batch at a time. */
export async function* reconciliationCsv({ db, actor, buildingId, locale, today = todayInNetherlands() }: { db: Db; actor: Actor; buildingId: string; locale: Locale; today?: IsoDate }) {
  await requireManagedBuilding(db, actor, buildingId)
  const t = createTranslator(locale)
  const invoice = await getLatestInvoice(db, buildingId)
  const scope = { buildingId, invoiceId: invoice?.id ?? null, today }
  yield csvPreamble
  yield csvLine(locale, [
    t.t('reconciliation.csv.category'),
    t.t('numbers.number'),
    'E.164',
    t.t('reconciliation.service'),
    t.t('reconciliation.tenant'),
    t.t('reconciliation.status'),
    t.t('reconciliation.amount'),
    t.t('reconciliation.flagged'),
  ])
  let after = ''
  for (;;) {
    const rows = await listDifferencesAfter(db, { ...scope, after, limit: 2_000 })
    if (rows.length === 0) break
    yield rows
      .map((r) =>
        csvLine(locale, [
          t.t(`reconciliation.category.${r.category}`),
          r.e164 ? t.phone(r.e164) : '',
          r.e164 ?? '',
          r.serviceRef ?? '',
          r.tenantName ?? '',
          r.status ? t.t(`numbers.status.${r.status as 'active'}`) : '',
          r.amountCents === null ? '' : centsToInput(r.amountCents, locale),
          r.flagged ? t.t('yes') : t.t('no'),
        ]),
      )
      .join('')
    after = rows.at(-1)?.sortKey ?? after
    if (rows.length < 2_000) break
  }
}
