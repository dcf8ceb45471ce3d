import { z } from 'zod'
import type { Actor } from '#app/domain/actor.ts'
import { isIsoDate } from '#app/domain/dates.ts'
import { auditActions } from '#app/domain/enums.ts'
import type { Db } from '#db/client.ts'
import { listAuditEntityTypes, listAuditEntries } from '#db/queries/audit.ts'
import { pageFromUrl } from './pagination.ts'
import { requireManagedBuilding } from './scope.server.ts'

const isoDate = z.string().refine(isIsoDate)
const filterInput = z.object({
  entity: z.string().max(50).optional().catch(undefined),
  action: z.enum(auditActions).optional().catch(undefined),
  actor: z.string().max(200).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
})

/** The building's audit log, filtered and paginated on the server. Unparseable filters are ignored. */
export async function listBuildingAudit({ db, actor, buildingId, url }: { db: Db; actor: Actor; buildingId: string; url: URL }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ''))
  const f = filterInput.parse(raw)
  const page = pageFromUrl(url, 50)
  const [{ rows, total }, entityTypes] = await Promise.all([
    listAuditEntries(db, { buildingId, entityType: f.entity, action: f.action, actor: f.actor, from: f.from, to: f.to, text: f.q }, page),
    listAuditEntityTypes(db, buildingId),
  ])
  return {
    building: { id: building.id, name: building.name },
    filter: f,
    entityTypes,
    page: page.page,
    pageSize: page.pageSize,
    total,
    rows: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
  }
}
