// The life of one carrier-file import, and what its progress bar says. Pure: the clock comes in.

/**
 * - `mapping`: the file is stored; the user maps its columns (and may adjust delimiter/encoding).
 * - `parsing`: the server reads the file into the staging table and works out the dry run.
 * - `ready`: the dry run is there to review; nothing has changed yet.
 * - `applying`: the server merges the staged rows into the inventory in one transaction.
 * - `applied` / `failed` / `cancelled`: ended. A failed parse or apply changed nothing.
 */
export const importStates = ['mapping', 'parsing', 'ready', 'applying', 'applied', 'failed', 'cancelled'] as const
export type ImportState = (typeof importStates)[number]

/** States in which an import holds its building: a second import is refused until it ends. */
export const openImportStates = ['mapping', 'parsing', 'ready', 'applying'] as const satisfies readonly ImportState[]
/** States the background worker picks up. */
export const workingImportStates = ['parsing', 'applying'] as const satisfies readonly ImportState[]

export function isOpenImport(state: ImportState): boolean {
  return (openImportStates as readonly ImportState[]).includes(state)
}
export function isWorkingImport(state: ImportState): boolean {
  return (workingImportStates as readonly ImportState[]).includes(state)
}

export interface ProgressInput {
  state: ImportState
  rowsDone: number
  bytesDone: number
  bytesTotal: number
  /** When the current phase started (ms since epoch); null before it did. */
  phaseStartedAt: number | null
  now: number
}

export interface Progress {
  /** 0..1 through the file; null when it cannot be told (applying runs as one transaction). */
  fraction: number | null
  rowsDone: number
  /** Rows per second so far; null in the first second. */
  rowsPerSecond: number | null
  /** Seconds left at the rate so far; null when unknown. */
  secondsLeft: number | null
  elapsedSeconds: number
}

/**
 * Progress of a parse, measured in bytes of the file read (rows are counted as they go, the total is
 * unknown until the end); the rate and time left come from the phase so far.
 */
export function importProgress(p: ProgressInput): Progress {
  const elapsedSeconds = p.phaseStartedAt === null ? 0 : Math.max(0, (p.now - p.phaseStartedAt) / 1000)
  if (p.state !== 'parsing') {
    return { fraction: p.state === 'applying' ? null : 1, rowsDone: p.rowsDone, rowsPerSecond: null, secondsLeft: null, elapsedSeconds }
  }
  const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 0
  const rowsPerSecond = elapsedSeconds >= 1 ? p.rowsDone / elapsedSeconds : null
  const bytesPerSecond = elapsedSeconds >= 1 ? p.bytesDone / elapsedSeconds : 0
  const secondsLeft = bytesPerSecond > 0 ? Math.max(0, (p.bytesTotal - p.bytesDone) / bytesPerSecond) : null
  return { fraction, rowsDone: p.rowsDone, rowsPerSecond, secondsLeft, elapsedSeconds }
}

/** What a dry run found, per kind of difference: how many, and a few examples. */
export const inventoryDiffKinds = ['new', 'serviceChanged', 'statusChanged', 'missing', 'unchanged'] as const
export type InventoryDiffKind = (typeof inventoryDiffKinds)[number]

export interface DiffSample {
  e164: string
  /** The service the inventory has, or null for a new number. */
  fromService: string | null
  toService: string | null
  fromStatus: string | null
  toStatus: string | null
  line: number | null
}

export interface InventoryDryRun {
  kind: 'inventory'
  /** Whether numbers missing from the file are to be marked disconnected (else they are left as they are). */
  markMissing: boolean
  rows: number
  /** Numbers the file names (ranges expanded). */
  numbers: number
  badRows: number
  /** Numbers named twice in the file (the later lines count as bad rows). */
  counts: Record<InventoryDiffKind, number>
  samples: Record<Exclude<InventoryDiffKind, 'unchanged'>, DiffSample[]>
}

export const invoiceDiffKinds = ['billedNumbers', 'nowBilled', 'nowUnbilled', 'unknownNumbers', 'serviceLines', 'unknownServices'] as const
export type InvoiceDiffKind = (typeof invoiceDiffKinds)[number]

export interface InvoiceDryRun {
  kind: 'invoice'
  rows: number
  badRows: number
  totalCents: number
  counts: Record<InvoiceDiffKind, number>
  samples: Partial<Record<InvoiceDiffKind, DiffSample[]>>
}

export type DryRun = InventoryDryRun | InvoiceDryRun
