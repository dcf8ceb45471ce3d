import type { MessageKey, Params } from '#app/i18n/index.ts'

/** A missing or foreign record: shown as 404 so existence is not revealed. */
export class NotFoundError extends Error {
  constructor(what = 'record') {
    super(`${what} not found`)
    this.name = 'NotFoundError'
  }
}

/** The role may not do this at all. */
export class ForbiddenError extends Error {
  constructor(message = 'forbidden') {
    super(message)
    this.name = 'ForbiddenError'
  }
}

export interface FieldMessage {
  key: MessageKey
  params?: Params
}

/** Input that breaks a rule; nothing was changed. Field `_form` is about the whole form. */
export class ValidationError extends Error {
  readonly fields: Record<string, FieldMessage>
  constructor(fields: Record<string, FieldMessage | MessageKey>) {
    super(`invalid input: ${Object.keys(fields).join(', ')}`)
    this.name = 'ValidationError'
    this.fields = Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? { key: v } : v]),
    )
  }
}
