import type { FileProblem } from '#app/domain/impact/building-file.ts'
import type { MessageKey, Params } from '#app/i18n/index.ts'

/** A missing or foreign record: shown as 404 so existence is not revealed. */
export class NotFoundError extends Error {
  constructor(what = 'record') {
    super(`${what} not found`)
    this.name = 'NotFoundError'
  }
}

/** No valid credentials (API: a missing, unknown or revoked token). */
export class UnauthorizedError extends Error {
  constructor(message = 'unauthorized') {
    super(message)
    this.name = 'UnauthorizedError'
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

/**
 * Problems in a JSON document (building file, request) with the JSON path of each, for the API
 * (problem+json), the CLI and the upload pages. Nothing was changed when one is thrown.
 */
export class InputProblemsError extends Error {
  readonly problems: FileProblem[]
  constructor(problems: FileProblem[]) {
    super(`invalid input: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`)
    this.name = 'InputProblemsError'
    this.problems = problems
  }
}
