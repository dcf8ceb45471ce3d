import { describe, expect, it } from 'vitest'
import { isMessageKey, negotiateLocale, translate } from '#app/i18n/index.ts'

interface MessageGroup {
  en: Record<string, string>
  nl: Record<string, string>
}

/** Every message file, found on disk so a new file is checked without touching this test. */
const modules = import.meta.glob<Record<string, MessageGroup>>('../../app/i18n/messages/*.ts', { eager: true })
const groups = Object.entries(modules).flatMap(([file, exports]) => Object.entries(exports).map(([name, group]) => ({ file, name, group })))

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort()

describe('negotiateLocale', () => {
  it.each([
    ['nl-NL,nl;q=0.9', 'nl'],
    ['en-US', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE', 'en'],
    ['de-DE,nl;q=0.5', 'nl'],
    ['en;q=0.5,nl;q=0.8', 'nl'],
    ['NL-be', 'nl'],
    ['fr, en;q=0.1', 'en'],
    ['nl;q=0, en', 'en'],
    ['nlx, en', 'en'],
    ['*', 'en'],
  ] as const)('picks %j → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected)
  })

  it('speaks Dutch when the browser sends no preference', () => {
    expect(negotiateLocale(null)).toBe('nl')
    expect(negotiateLocale('')).toBe('nl')
  })
})

describe('translate', () => {
  it('fills in {params} in either language', () => {
    expect(translate('en', 'users.title', { tenant: 'Acme BV' })).toBe('Logins of Acme BV')
    expect(translate('nl', 'users.title', { tenant: 'Acme BV' })).toBe('Logins van Acme BV')
  })

  it('formats numeric params with the thousands separator of the locale', () => {
    expect(translate('en', 'overview.numberCount', { count: 12345 })).toBe('12,345 numbers')
    expect(translate('nl', 'overview.numberCount', { count: 12345 })).toBe('12.345 nummers')
    expect(translate('nl', 'overview.numberCount', { count: 1.5 })).toBe('1,5 nummers')
  })

  it('leaves a placeholder without a param visible rather than dropping it', () => {
    expect(translate('en', 'overview.numberCount', {})).toBe('{count} numbers')
  })

  it('inserts a string param literally, even if it looks like a placeholder', () => {
    expect(translate('en', 'users.title', { tenant: '{count} & Co' })).toBe('Logins of {count} & Co')
  })
})

describe('message catalogue', () => {
  it('finds the message files', () => {
    expect(groups.length).toBeGreaterThanOrEqual(8)
    for (const { group } of groups) {
      expect(group).toHaveProperty('en')
      expect(group).toHaveProperty('nl')
    }
  })

  it.each(groups.map((g) => [`${g.file} (${g.name})`, g.group] as const))('%s has every English key in Dutch and vice versa', (_, group) => {
    expect(Object.keys(group.nl).sort()).toEqual(Object.keys(group.en).sort())
  })

  it.each(groups.map((g) => [`${g.file} (${g.name})`, g.group] as const))('%s has no empty message in either language', (_, group) => {
    const empty = [...Object.entries(group.en).map(([k, v]) => ['en', k, v]), ...Object.entries(group.nl).map(([k, v]) => ['nl', k, v])]
      .filter(([, , v]) => typeof v !== 'string' || v.trim() === '')
      .map(([lang, k]) => `${lang}:${k}`)
    expect(empty).toEqual([])
  })

  it.each(groups.map((g) => [`${g.file} (${g.name})`, g.group] as const))('%s uses the same placeholders in Dutch as in English', (_, group) => {
    const mismatched = Object.keys(group.en)
      .filter((key) => JSON.stringify(placeholders(group.en[key]!)) !== JSON.stringify(placeholders(group.nl[key] ?? '')))
      .map((key) => `${key}: en ${placeholders(group.en[key]!).join(',')} / nl ${placeholders(group.nl[key] ?? '').join(',')}`)
    expect(mismatched).toEqual([])
  })

  it('every message of every file can be looked up, so no file is left out of the dictionary', () => {
    const missing = groups.flatMap(({ group }) => Object.keys(group.en)).filter((key) => !isMessageKey(key))
    expect(missing).toEqual([])
  })

  it('no key is defined in two files, where one would silently override the other', () => {
    const seen = new Map<string, string>()
    const duplicates: string[] = []
    for (const { file, group } of groups) {
      for (const key of Object.keys(group.en)) {
        const first = seen.get(key)
        if (first) duplicates.push(`${key} in ${first} and ${file}`)
        else seen.set(key, file)
      }
    }
    expect(duplicates).toEqual([])
  })
})
