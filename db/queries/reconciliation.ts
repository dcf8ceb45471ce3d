// The reconciliation of a building: its inventory against its latest applied invoice, in six
// categories of difference (see app/domain/imports/reconciliation.ts), and the carrier flags.
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { IsoDate } from '#app/domain/dates.ts'
import type { ReconciliationCategory } from '#app/domain/imports/reconciliation.ts'
import type { Db } from '../client.ts'
import { carrierFlags } from '../schema/imports.ts'
import { rowsOf } from './raw.ts'


/** The building's latest applied invoice import, if any. */
export async function getLatestInvoice(db: Db, buildingId: string) {
  const [row] = await rowsOf<{ id: string; file_name: string; finished_at: string | Date; total_cents: string | null }>(
    db,
    sql`select j.id, j.file_name, j.finished_at, (select sum(amount_cents)::text from invoice_lines l where l.job_id = j.id) as total_cents
        from import_jobs j where j.building_id = ${buildingId} and j.kind = 'invoice' and j.state = 'applied'
        order by j.finished_at desc, j.id desc limit 1`,
  )
  return row ? { id: row.id, fileName: row.file_name, finishedAt: new Date(row.finished_at), totalCents: Number(row.total_cents ?? 0) } : null
}

export interface ReconciliationRow {
  category: ReconciliationCategory
  numberId: string | null
  e164: string | null
  serviceRef: string | null
  tenantId: string | null
  tenantName: string | null
  moveOut: string | null
  status: string | null
  billed: boolean | null
  amountCents: number | null
  flagged: boolean
}

/**
 * Every difference of the building as rows (category, number or service, holder, status, amount),
 * disjoint per category. `invoiceId` null: the invoice categories are empty.
 */
function differences(params: { buildingId: string; invoiceId: string | null; today: IsoDate }) {
  const { buildingId, invoiceId, today } = params
  return sql`
    with live as (
      select n.id, n.e164, n.billed, n.status, n.tenant_id, s.carrier_ref, t.legal_name, t.move_out,
             (t.move_out is not null and t.move_out <= ${today}::date) as moved_out
      from numbers n join services s on s.id = n.service_id left join tenants t on t.id = n.tenant_id
      where n.building_id = ${buildingId}
    ), invoiced as (
      select l.e164, sum(coalesce(l.amount_cents, 0))::bigint as amount_cents
      from invoice_lines l where l.job_id = ${invoiceId} and l.e164 is not null group by l.e164
    ), service_lines as (
      select l.service_ref, sum(coalesce(l.amount_cents, 0))::bigint as amount_cents
      from invoice_lines l where l.job_id = ${invoiceId} and l.e164 is null and l.service_ref is not null group by l.service_ref
    ), diff as (
      select 'activeUnbilled' as category, id as number_id, e164, carrier_ref as service_ref, tenant_id, legal_name, move_out, status::text as status, billed, null::bigint as amount_cents
      -- Nobody present holds it: no holder, or one that has moved out.
      from live where status = 'active' and not billed and (tenant_id is null or moved_out)
      union all
      select 'billedNotInInventory', n.id, i.e164, s.carrier_ref, null, null, null, n.status::text, n.billed, i.amount_cents
      from invoiced i left join numbers n on n.building_id = ${buildingId} and n.e164 = i.e164 left join services s on s.id = n.service_id
      where n.id is null or n.status not in ('active', 'porting_out')
      union all
      select 'billedMovedOutTenant', id, e164, carrier_ref, tenant_id, legal_name, move_out, status::text, billed, null
      from live where billed and moved_out and status in ('active', 'porting_out')
      union all
      select 'allocatedUnbilled', id, e164, carrier_ref, tenant_id, legal_name, move_out, status::text, billed, null
      from live where status = 'active' and not billed and tenant_id is not null and not moved_out
      union all
      select 'unallocatedBilled', id, e164, carrier_ref, null, null, null, status::text, billed, null
      from live where status = 'active' and billed and tenant_id is null
      union all
      select 'servicesBilledNoNumbers', null, null, sl.service_ref, null, null, null, null, null, sl.amount_cents
      from service_lines sl left join services s on s.building_id = ${buildingId} and s.carrier_ref = sl.service_ref
      -- A data line (fibre, DSL, ethernet) carries no numbers by nature: billing it is no finding.
      where s.id is null
         or (s.kind not in ('fiber', 'dsl', 'ethernet')
             and not exists (select 1 from numbers n where n.service_id = s.id and n.status in ('active', 'porting_out')))
    )
    select d.*, exists (
             select 1 from carrier_flags f where f.building_id = ${buildingId} and f.resolved_at is null and f.category = d.category
               -- A number's flag names the number; a service line's flag names the service.
               and case when d.e164 is not null then f.e164 = d.e164 else f.e164 is null and f.service_ref = d.service_ref end
           ) as flagged
    from diff d`
}

interface RawRow {
  category: ReconciliationCategory
  number_id: string | null
  e164: string | null
  service_ref: string | null
  tenant_id: string | null
  legal_name: string | null
  move_out: string | Date | null
  status: string | null
  billed: boolean | null
  amount_cents: string | number | null
  flagged: boolean
}

function toRow(r: RawRow): ReconciliationRow {
  return {
    category: r.category,
    numberId: r.number_id,
    e164: r.e164,
    serviceRef: r.service_ref,
    tenantId: r.tenant_id,
    tenantName: r.legal_name,
    moveOut: r.move_out === null ? null : typeof r.move_out === 'string' ? r.move_out.slice(0, 10) : r.move_out.toISOString().slice(0, 10),
    status: r.status,
    billed: r.billed,
    amountCents: r.amount_cents === null ? null : Number(r.amount_cents),
    flagged: r.flagged,
  }
}

export async function countDifferences(db: Db, params: { buildingId: string; invoiceId: string | null; today: IsoDate }) {
  const rows = await rowsOf<{ category: ReconciliationCategory; n: number }>(db, sql`select category, count(*)::int as n from (${differences(params)}) d group by category`)
  return Object.fromEntries(rows.map((r) => [r.category, r.n])) as Partial<Record<ReconciliationCategory, number>>
}

/** One page of one category, ordered by number (service lines by reference). */
export async function listDifferences(db: Db, params: { buildingId: string; invoiceId: string | null; today: IsoDate; category: ReconciliationCategory; limit: number; offset: number }) {
  const rows = await rowsOf<RawRow>(
    db,
    sql`select * from (${differences(params)}) d where d.category = ${params.category}
        order by d.e164 nulls last, d.service_ref limit ${params.limit} offset ${params.offset}`,
  )
  return rows.map(toRow)
}

/** All differences in batches (keyset on category and key), for the CSV export. */
export async function listDifferencesAfter(db: Db, params: { buildingId: string; invoiceId: string | null; today: IsoDate; after: string; limit: number }) {
  const rows = await rowsOf<RawRow & { sort_key: string }>(
    db,
    sql`select * from (select d.*, d.category || '|' || coalesce(d.e164, '') || '|' || coalesce(d.service_ref, '') as sort_key from (${differences(params)}) d) x
        where x.sort_key > ${params.after} order by x.sort_key limit ${params.limit}`,
  )
  return rows.map((r) => ({ ...toRow(r), sortKey: r.sort_key }))
}

/** The one difference a reconciliation action is about, checked again at the moment of acting. */
export async function findDifference(db: Db, params: { buildingId: string; invoiceId: string | null; today: IsoDate; category: ReconciliationCategory; e164: string | null; serviceRef: string | null }) {
  const [row] = await rowsOf<RawRow>(
    db,
    sql`select * from (${differences(params)}) d where d.category = ${params.category}
        and coalesce(d.e164, '') = ${params.e164 ?? ''} and (${params.e164 !== null} or coalesce(d.service_ref, '') = ${params.serviceRef ?? ''})`,
  )
  return row ? toRow(row) : null
}

export async function insertCarrierFlag(db: Db, values: typeof carrierFlags.$inferInsert) {
  const [row] = await db.insert(carrierFlags).values(values).onConflictDoNothing().returning({ id: carrierFlags.id })
  return row ?? null
}

export async function countOpenFlags(db: Db, buildingId: string) {
  const [row] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from carrier_flags where building_id = ${buildingId} and resolved_at is null`)
  return row?.n ?? 0
}

export async function resolveCarrierFlags(db: Db, params: { buildingId: string; category: string; e164: string | null; serviceRef: string | null }) {
  return db
    .update(carrierFlags)
    .set({ resolvedAt: sql`now()` })
    .where(
      and(
        eq(carrierFlags.buildingId, params.buildingId),
        eq(carrierFlags.category, params.category),
        isNull(carrierFlags.resolvedAt),
        sql`coalesce(${carrierFlags.e164}, '') = ${params.e164 ?? ''}`,
        sql`coalesce(${carrierFlags.serviceRef}, '') = ${params.serviceRef ?? ''}`,
      ),
    )
    .returning({ id: carrierFlags.id })
}

/** Marks a number released: nobody holds it, it is no longer billed, and it counts as disconnected. */
export async function markNumberReleased(db: Db, params: { buildingId: string; numberId: string }) {
  await db.execute(sql`update number_allocations set valid_to = now() where building_id = ${params.buildingId} and number_id = ${params.numberId} and valid_to is null`)
  const [row] = await rowsOf<{ id: string }>(
    db,
    sql`update numbers set tenant_id = null, billed = false, status = 'disconnected', updated_at = now()
        where building_id = ${params.buildingId} and id = ${params.numberId} returning id`,
  )
  return row ?? null
}
