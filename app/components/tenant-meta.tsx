import type { Locale } from '#app/domain/enums.ts'
import { createTranslator, type Translator } from '#app/i18n/index.ts'

type MatchLike = { id: string; data?: unknown } | undefined

/** A page title in the request's language, for a route's `meta` (no hooks there). */
export function pageTitle(matches: readonly MatchLike[], build: (t: Translator) => string) {
  const root = matches.find((m) => m?.id === 'root')?.data as { locale?: Locale } | undefined
  const t = createTranslator(root?.locale ?? 'nl')
  return [{ title: `${build(t)} · ${t.t('app.name')}` }]
}
