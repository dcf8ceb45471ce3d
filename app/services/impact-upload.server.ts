// The upload preview: a building file (JSON) and a request form, evaluated with the engine and never
// stored. The uploader sees everything in the file — it is their own data. The file travels back to
// the page in a hidden field, so the form can be refined without uploading it again.
import type { Actor } from '#app/domain/actor.ts'
import type { IsoDate } from '#app/domain/dates.ts'
import { inventoryFromFile, parseBuildingFile, type FileProblem } from '#app/domain/impact/building-file.ts'
import { pageReport } from '#app/domain/impact/page-report.ts'
import { reportLabels, requestChoices, type ImpactOutcome } from '#app/domain/impact/screen.ts'
import { InputProblemsError } from '#app/server/errors.server.ts'
import { formFields, migrationRequest, problemsAsFieldErrors, readMigrationForm, wantsReport, type FieldErrors } from './impact-form.server.ts'
import { pickedTenant, tenantOptions } from './impact-screen.server.ts'
import { blastRadiusOf, previewImpactOfFile } from './impact.server.ts'
import { requirePermission } from './scope.server.ts'
import { todayInNetherlands } from '#app/server/clock.server.ts'

/** Largest building file accepted (a 400-tenant building with 20,000 numbers is well below). */
export const maxUploadBytes = 5 * 1024 * 1024

type Loaded = { ok: true; json: unknown; text: string; name: string } | { ok: false; problems: FileProblem[]; name: string } | null

/** The uploaded file, else the one kept from the previous step; null when there is neither. */
async function loadFile(formData: FormData): Promise<Loaded> {
  const file = formData.get('file')
  const kept = formData.get('buildingJson')
  let name = String(formData.get('fileName') ?? '')
  let text: string
  if (file instanceof File && file.size > 0) {
    name = file.name
    if (file.size > maxUploadBytes) return { ok: false, name, problems: [{ path: '$', message: `The file is larger than ${maxUploadBytes / 1024 / 1024} MB` }] }
    text = await file.text()
  } else if (typeof kept === 'string' && kept.trim() !== '') {
    if (Buffer.byteLength(kept) > maxUploadBytes) return { ok: false, name, problems: [{ path: '$', message: `The file is larger than ${maxUploadBytes / 1024 / 1024} MB` }] }
    text = kept
  } else {
    return null
  }
  try {
    return { ok: true, json: JSON.parse(text) as unknown, text, name }
  } catch (error) {
    return { ok: false, name, problems: [{ path: '$', message: `Not valid JSON (${(error as Error).message})` }] }
  }
}

const empty = {
  fileName: '',
  buildingJson: '',
  buildingName: null as string | null,
  problems: [] as FileProblem[],
  tenants: null as ReturnType<typeof tenantOptions> | null,
  tenant: null as { id: string; legalName: string } | null,
  choices: null as ReturnType<typeof requestChoices> | null,
  carriers: [] as string[],
  values: readMigrationForm(new URLSearchParams(), null, null, todayInNetherlands()),
  errors: {} as FieldErrors,
  outcome: null as ImpactOutcome | null,
}

/**
 * One step of the upload page: without a form, the empty page; with a file, its problems (JSON
 * paths) or the request form for its tenants; with `run=1`, the report of the file, never stored.
 */
export async function previewUploadedBuilding({ actor, formData, today = todayInNetherlands() }: { actor: Actor; formData: FormData | null; today?: IsoDate }) {
  requirePermission(actor, 'impact:preview-file')
  const values = readMigrationForm(new URLSearchParams(), null, null, today)
  if (!formData) return { ...empty, values, status: 200 }
  const loaded = await loadFile(formData)
  if (loaded === null) return { ...empty, values, errors: { file: { key: 'impact.upload.fileRequired' } } as FieldErrors, status: 400 }
  if (!loaded.ok) return { ...empty, values, fileName: loaded.name, problems: loaded.problems, status: 400 }
  const parsed = parseBuildingFile(loaded.json)
  if (!parsed.ok) return { ...empty, values, fileName: loaded.name, problems: parsed.problems, status: 400 }

  const inventory = inventoryFromFile(parsed.value)
  const fields = formFields(formData)
  const picked = pickedTenant(fields, inventory)
  const choices = picked.tenant ? requestChoices(inventory, picked.tenant.id) : null
  const form = readMigrationForm(fields, picked.tenant?.id ?? null, choices, today)
  let errors: FieldErrors = { ...picked.error }
  let outcome: ImpactOutcome | null = null
  if (wantsReport(fields) && Object.keys(errors).length === 0) {
    const checked = migrationRequest(form, choices ?? { numbers: [], voiceServices: [], dataServices: [], contacts: [] }, today)
    errors = checked.errors
    if (checked.request) {
      try {
        const result = previewImpactOfFile({ actor, building: loaded.json, request: checked.request, asOf: today })
        outcome = { report: pageReport(result.report), picture: blastRadiusOf(result.inventory, result.report, null), labels: reportLabels(result.inventory) }
      } catch (error) {
        if (!(error instanceof InputProblemsError)) throw error
        errors = problemsAsFieldErrors(error.problems)
      }
    }
  }
  return {
    status: Object.keys(errors).length > 0 ? 400 : 200,
    fileName: loaded.name,
    buildingJson: JSON.stringify(loaded.json),
    buildingName: inventory.building.name,
    problems: [] as FileProblem[],
    tenants: tenantOptions(inventory, today),
    tenant: picked.tenant ? { id: picked.tenant.id, legalName: picked.tenant.legalName } : null,
    choices,
    carriers: [...new Set(inventory.contracts.map((c) => c.carrier))].sort(),
    values: form,
    errors,
    outcome,
  }
}
