import { Form } from 'react-router'
import type { FileProblem } from '#app/domain/impact/building-file.ts'
import { Field, SubmitButton, type FieldMessageLike } from '../form.tsx'
import { useImpactT } from './names.tsx'

/** What was wrong with the uploaded file, each problem at its JSON path. */
export function FileProblems({ problems, fileName }: { problems: FileProblem[]; fileName: string }) {
  const t = useImpactT()
  if (problems.length === 0) return null
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-medium">{t.t('impact.upload.problems', { file: fileName || t.t('impact.upload.theFile'), count: problems.length })}</p>
      <ul className="mt-2 space-y-1">
        {problems.slice(0, 100).map((p, i) => (
          <li key={i}>
            <code className="rounded bg-white px-1 text-xs">{p.path}</code> {p.message}
          </li>
        ))}
      </ul>
      {problems.length > 100 ? <p className="mt-1">{t.t('impact.upload.moreProblems', { count: problems.length - 100 })}</p> : null}
    </div>
  )
}

/** The file input, and the file read in an earlier step kept in hidden fields (never stored on the server). */
export function FileFields({ fileName, buildingName, buildingJson, error }: { fileName: string; buildingName: string | null; buildingJson: string; error?: FieldMessageLike | undefined }) {
  const t = useImpactT()
  const failure = error ? { ok: false as const, errors: { file: error }, values: {} } : undefined
  return (
    <fieldset className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">{t.t('impact.upload.file')}</legend>
      {buildingName ? <p className="text-sm">{t.t('impact.upload.loaded', { file: fileName, building: buildingName })}</p> : null}
      <Field label={buildingName ? t.t('impact.upload.replace') : t.t('impact.upload.choose')} name="file" failure={failure} hint={t.t('impact.upload.hint')}>
        {(p) => <input {...p} type="file" accept="application/json,.json" />}
      </Field>
      <input type="hidden" name="buildingJson" value={buildingJson} />
      <input type="hidden" name="fileName" value={fileName} />
    </fieldset>
  )
}

/** The first step: only the file. */
export function UploadForm({ error }: { error?: FieldMessageLike | undefined }) {
  const t = useImpactT()
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-3">
      <FileFields fileName="" buildingName={null} buildingJson="" error={error} />
      <SubmitButton>{t.t('impact.upload.read')}</SubmitButton>
    </Form>
  )
}
