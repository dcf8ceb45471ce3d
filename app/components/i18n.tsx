import { useMemo } from 'react'
import { useRouteLoaderData } from 'react-router'
import type { Locale } from '#app/domain/enums.ts'
import { createTranslator, type Translator } from '#app/i18n/index.ts'

/** The translator for the current request's language (chosen in the root loader). */
export function useT(): Translator {
  const root = useRouteLoaderData('root') as { locale?: Locale } | undefined
  const locale = root?.locale ?? 'nl'
  return useMemo(() => createTranslator(locale), [locale])
}
