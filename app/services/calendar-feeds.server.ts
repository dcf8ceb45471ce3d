// A building's iCal feed: a facility manager creates a secret URL (shown once; only the SHA-256 of its
// token is kept), replaces or revokes it; calendar apps fetch the feed with the token alone, since
// they send no cookies. A revoked or unknown token is simply not found.
import { toICalendar } from '#app/domain/calendar/ical.ts'
import { calendarDeadlines, deadlineTitle, deadlineUid } from '#app/domain/deadlines.ts'
import type { Actor } from '#app/domain/actor.ts'
import { createTranslator } from '#app/i18n/index.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'
import { appUrl } from '#app/server/env.server.ts'
import { NotFoundError } from '#app/server/errors.server.ts'
import { hashToken, newToken } from '#app/server/tokens.server.ts'
import type { Db } from '#db/client.ts'
import { getLiveCalendarFeed, insertCalendarFeed, listCalendarFeeds, lockBuildingForFeeds, revokeLiveCalendarFeeds } from '#db/queries/calendar.ts'
import { recordAudit } from './audit.server.ts'
import { deadlinePath, loadScheduleFacts } from './deadlines.server.ts'
import { requireManagedBuilding } from './scope.server.ts'

/** 256 random bits, base64url: what newToken() makes. Anything else never reaches the database. */
const feedTokenPattern = /^[A-Za-z0-9_-]{43}$/

/** Calendar apps are asked to fetch the feed again after this long. */
const refreshSeconds = 60 * 60

export function calendarFeedUrl(token: string): string {
  return `${appUrl()}/calendar/${token}`
}

/** The building's feeds (newest first) and whether one is live. */
export async function getCalendarFeeds({ db, actor, buildingId }: { db: Db; actor: Actor; buildingId: string }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  const feeds = await listCalendarFeeds(db, buildingId)
  return { building: { id: building.id, name: building.name }, feeds, live: feeds.find((f) => f.revokedAt === null) ?? null }
}

async function revokeLive(tx: Db, actor: Actor, building: { id: string; name: string }, at: Date) {
  const revoked = await revokeLiveCalendarFeeds(tx, building.id, at)
  await recordAudit(
    tx,
    actor,
    ...revoked.map((feed) => ({
      buildingId: building.id,
      entityType: 'calendar_feed',
      entityId: feed.id,
      action: 'delete' as const,
      summary: `calendar feed of ${building.name} revoked`,
      before: { id: feed.id, createdAt: feed.createdAt },
      after: { revokedAt: feed.revokedAt },
    })),
  )
  return revoked
}

/**
 * Creates the building's feed URL; a live feed is revoked in the same transaction (one live feed per
 * building). The URL in the result holds the secret and cannot be shown again.
 */
export async function createCalendarFeed({ db, actor, buildingId, now = new Date() }: { db: Db; actor: Actor; buildingId: string; now?: Date }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  return db.transaction(async (tx) => {
    await lockBuildingForFeeds(tx, buildingId)
    const replaced = await revokeLive(tx, actor, building, now)
    const token = newToken()
    const feed = await insertCalendarFeed(tx, { buildingId, tokenHash: hashToken(token), createdBy: actor.id })
    await recordAudit(tx, actor, {
      buildingId,
      entityType: 'calendar_feed',
      entityId: feed.id,
      action: 'create',
      summary: replaced.length > 0 ? `calendar feed of ${building.name} replaced by a new URL` : `calendar feed of ${building.name} created`,
      after: { id: feed.id, createdAt: feed.createdAt },
    })
    return { feed, url: calendarFeedUrl(token) }
  })
}

/** Revokes the building's live feed; its URL answers 404 from now on. Revoking twice changes nothing. */
export async function revokeCalendarFeed({ db, actor, buildingId, now = new Date() }: { db: Db; actor: Actor; buildingId: string; now?: Date }) {
  const { building } = await requireManagedBuilding(db, actor, buildingId)
  return db.transaction(async (tx) => {
    await lockBuildingForFeeds(tx, buildingId)
    return (await revokeLive(tx, actor, building, now)).length
  })
}

/**
 * The iCalendar document behind a feed token, in Dutch (the buildings' language): all-day events for
 * notice deadlines and the dates of open requests. NotFoundError for a malformed, unknown or revoked token.
 */
export async function renderCalendarFeed({ db, token, now = new Date() }: { db: Db; token: string; now?: Date }) {
  if (!feedTokenPattern.test(token)) throw new NotFoundError('calendar feed')
  const feed = await getLiveCalendarFeed(db, hashToken(token))
  if (!feed) throw new NotFoundError('calendar feed')
  const t = createTranslator('nl')
  const deadlines = calendarDeadlines(await loadScheduleFacts(db, [feed.buildingId]), todayInNetherlands(now))
  return toICalendar({
    name: t.t('schedule.feed.name', { building: feed.buildingName }),
    stamp: now,
    refreshSeconds,
    events: deadlines.map((d) => {
      const url = `${appUrl()}${deadlinePath(d)}`
      return {
        uid: deadlineUid(d),
        date: d.date,
        summary: `${t.t(`schedule.kind.${d.kind}`)}: ${deadlineTitle(d)}`,
        description: t.t('schedule.feed.details', { building: feed.buildingName, link: url }),
        url,
      }
    }),
  })
}
