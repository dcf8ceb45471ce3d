// Problems in a JSON document (building file, request) with the JSON path of each. The error class
// lives with the other business errors in app/server/errors.server.ts, so the HTTP layer can map it.
import { InputProblemsError } from '#app/server/errors.server.ts'
import { pgError } from './db-errors.server.ts'

export { InputProblemsError }

/** A database invariant the file broke (e.g. a start date before 1980) becomes a problem of the document. */
export function rethrowAsProblems(error: unknown): never {
  const pg = pgError(error)
  if (pg && pg.code.startsWith('23')) {
    throw new InputProblemsError([{ path: '$', message: `The file breaks a rule of the inventory (${pg.constraint ?? pg.code})` }])
  }
  throw error
}
