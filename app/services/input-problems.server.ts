// Problems in a JSON document (building file, request) with the JSON path of each, for the API
// (problem+json), the CLI and the upload pages. Nothing was changed when one is thrown.
import type { FileProblem } from '#app/domain/impact/building-file.ts'
import { pgError } from './db-errors.server.ts'

export class InputProblemsError extends Error {
  readonly problems: FileProblem[]
  constructor(problems: FileProblem[]) {
    super(`invalid input: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`)
    this.name = 'InputProblemsError'
    this.problems = problems
  }
}

/** A database invariant the file broke (e.g. a start date before 1980) becomes a problem of the document. */
export function rethrowAsProblems(error: unknown): never {
  const pg = pgError(error)
  if (pg && pg.code.startsWith('23')) {
    throw new InputProblemsError([{ path: '$', message: `The file breaks a rule of the inventory (${pg.constraint ?? pg.code})` }])
  }
  throw error
}
