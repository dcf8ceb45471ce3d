// The pieces of an import's page: its state badge, the progress bar, the column-mapping form and the
// dry run. Presentational: everything comes in as props from the route's loader data.
import { Form } from 'react-router'
import type { DiffSample, DryRun, ImportState, Progress } from '#app/domain/imports/jobs.ts'
import { delimiterName, inventoryFields, invoiceFields, type ColumnMapping, type FileFormat, type ImportField, type ImportKind } from '#app/domain/imports/types.ts'
import { FormErrors, inputClass, SubmitButton, type FormFailureLike } from './form.tsx'
import { useT } from './i18n.tsx'
import { Badge, tableClass } from './ui.tsx'

const stateTone = { mapping: 'info', parsing: 'info', ready: 'warn', applying: 'info', applied: 'ok', failed: 'danger', cancelled: 'neutral' } as const

export function ImportStateBadge({ state }: { state: ImportState }) {
  const t = useT()
  return <Badge tone={stateTone[state]}>{t.t(`imports.state.${state}`)}</Badge>
}

function duration(seconds: number, t: ReturnType<typeof useT>): string {
  if (seconds < 60) return t.t('imports.seconds', { n: Math.max(1, Math.round(seconds)) })
  const m = Math.floor(seconds / 60)
  const s = Math.round(seconds % 60)
  return t.t('imports.minutes', { m, s })
}

/** Rows done, rate and time left while the server reads the file; an open-ended bar while it applies. */
export function ImportProgressBar({ state, progress, refreshHref }: { state: ImportState; progress: Progress; refreshHref: string }) {
  const t = useT()
  const percent = progress.fraction === null ? null : Math.round(progress.fraction * 100)
  return (
    <section aria-labelledby="import-progress-title" className="mb-6 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="import-progress-title" className="mb-2 text-base font-semibold">
        {t.t(state === 'applying' ? 'imports.progress.applying' : 'imports.progress.reading')}
      </h2>
      <progress className="h-3 w-full" max={100} {...(percent === null ? {} : { value: percent })} aria-label={t.t('imports.progress.label')}>
        {percent === null ? '' : `${percent}%`}
      </progress>
      <p className="mt-2 text-sm text-slate-700" aria-live="polite">
        {percent === null ? t.t('imports.progress.running', { elapsed: duration(progress.elapsedSeconds, t) }) : null}
        {percent !== null ? (
          <>
            <span data-testid="import-progress-text">
              {t.t('imports.progress.rows', { rows: t.count(progress.rowsDone), percent })}
            </span>
            {progress.rowsPerSecond !== null ? ` · ${t.t('imports.progress.rate', { rate: t.count(Math.round(progress.rowsPerSecond)) })}` : ''}
            {progress.secondsLeft !== null ? ` · ${t.t('imports.progress.left', { left: duration(progress.secondsLeft, t) })}` : ''}
          </>
        ) : null}
      </p>
      <noscript>
        <p className="mt-2 text-sm">
          <a className="text-sky-800 underline" href={refreshHref}>
            {t.t('imports.progress.refresh')}
          </a>
        </p>
      </noscript>
    </section>
  )
}

/** Step 1: how the file is read (delimiter, encoding, header) and which column is which. */
export function MappingForm({
  kind,
  format,
  headers,
  preview,
  mapping,
  markMissing,
  canSave,
  failure,
}: {
  kind: ImportKind
  format: FileFormat
  headers: string[]
  preview: string[][]
  mapping: ColumnMapping
  markMissing: boolean
  canSave: boolean
  failure: FormFailureLike | undefined
}) {
  const t = useT()
  const fields: readonly ImportField[] = kind === 'inventory' ? inventoryFields : invoiceFields
  const current = (field: ImportField) => {
    const submitted = failure?.values[`col.${field}`]
    if (typeof submitted === 'string') return submitted
    const v = mapping[field]
    return v === undefined ? '' : String(v)
  }
  return (
    <Form method="post" className="mb-6 space-y-5 rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="text-base font-semibold">{t.t('imports.mapping.title')}</h2>
      <FormErrors failure={failure} />
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-medium">{t.t('imports.mapping.format')}</legend>
        <label className="space-y-1 text-sm">
          <span className="block">{t.t('imports.mapping.delimiter')}</span>
          <select name="delimiter" defaultValue={delimiterName(format.delimiter)} className={inputClass}>
            <option value="semicolon">{t.t('imports.mapping.delimiter.semicolon')}</option>
            <option value="comma">{t.t('imports.mapping.delimiter.comma')}</option>
            <option value="tab">{t.t('imports.mapping.delimiter.tab')}</option>
          </select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block">{t.t('imports.mapping.encoding')}</span>
          <select name="encoding" defaultValue={format.encoding} className={inputClass}>
            <option value="utf-8">UTF-8</option>
            <option value="windows-1252">Windows-1252</option>
          </select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block">{t.t('imports.mapping.header')}</span>
          <select name="header" defaultValue={format.header ? 'yes' : 'no'} className={inputClass}>
            <option value="yes">{t.t('yes')}</option>
            <option value="no">{t.t('no')}</option>
          </select>
        </label>
      </fieldset>
      <div className="overflow-x-auto">
        <table className={tableClass}>
          <caption className="mb-1 text-left text-sm text-slate-600">{t.t('imports.mapping.previewCaption')}</caption>
          <thead>
            <tr>
              {headers.map((h, i) => (
                <th key={i} scope="col">
                  {h || `#${i + 1}`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.map((record, r) => (
              <tr key={r}>
                {headers.map((_, i) => (
                  <td key={i} className="font-mono text-xs whitespace-pre">
                    {record[i] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-medium">{t.t('imports.mapping.columns')}</legend>
        {fields.map((field) => {
          const error = failure?.errors[`col.${field}`]
          return (
            <label key={field} className="space-y-1 text-sm">
              <span className="block">
                {t.t(`imports.field.${field}`)}
                {(field === 'number' && kind === 'inventory') || field === 'amount' ? ' *' : ''}
              </span>
              <select name={`col.${field}`} defaultValue={current(field)} className={inputClass} aria-invalid={Boolean(error)}>
                <option value="">{t.t('imports.mapping.notInFile')}</option>
                {headers.map((h, i) => (
                  <option key={i} value={String(i)}>
                    {h || `#${i + 1}`}
                  </option>
                ))}
              </select>
              {error ? <span className="block text-red-700">{t.t(error.key, error.params)}</span> : null}
            </label>
          )
        })}
      </fieldset>
      <div className="space-y-2 text-sm">
        {kind === 'inventory' ? (
          <label className="flex items-start gap-2">
            <input type="checkbox" name="markMissing" defaultChecked={markMissing} className="mt-1" />
            <span>{t.t('imports.mapping.markMissing')}</span>
          </label>
        ) : null}
        {canSave ? (
          <label className="flex items-start gap-2">
            <input type="checkbox" name="saveForCarrier" defaultChecked className="mt-1" />
            <span>{t.t('imports.mapping.save')}</span>
          </label>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <SubmitButton intent="start">{t.t('imports.mapping.start')}</SubmitButton>
        <SubmitButton intent="preview" tone="plain">
          {t.t('imports.mapping.reread')}
        </SubmitButton>
      </div>
    </Form>
  )
}

function SampleTable({ samples, kind }: { samples: DiffSample[]; kind: string }) {
  const t = useT()
  if (samples.length === 0) return null
  const showService = kind === 'serviceChanged' || kind === 'new' || kind === 'missing'
  const showStatus = kind === 'statusChanged' || kind === 'missing' || kind === 'new'
  return (
    <table className={`${tableClass} mt-1`}>
      <thead>
        <tr>
          <th scope="col">{t.t('numbers.number')}</th>
          {showService ? <th scope="col">{t.t('imports.dry.service')}</th> : null}
          {showStatus ? <th scope="col">{t.t('imports.dry.status')}</th> : null}
          <th scope="col">{t.t('imports.errors.line')}</th>
        </tr>
      </thead>
      <tbody>
        {samples.map((s) => (
          <tr key={s.e164}>
            <td className="tabular-nums">{t.phone(s.e164)}</td>
            {showService ? <td>{[s.fromService, s.toService].filter((v, i, a) => v && a.indexOf(v) === i).join(' → ') || '—'}</td> : null}
            {showStatus ? (
              <td>
                {[s.fromStatus, s.toStatus]
                  .filter((v): v is string => Boolean(v))
                  .filter((v, i, a) => a.indexOf(v) === i)
                  .map((v) => t.t(`numbers.status.${v as 'active'}`))
                  .join(' → ')}
              </td>
            ) : null}
            <td className="tabular-nums">{s.line ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Step 2: what applying would change, with counts and examples per kind of difference. */
export function DryRunSummary({ summary }: { summary: DryRun }) {
  const t = useT()
  const entries: { key: string; count: number; samples: DiffSample[] }[] =
    summary.kind === 'inventory'
      ? (['new', 'serviceChanged', 'statusChanged', 'missing', 'unchanged'] as const).map((k) => ({ key: k, count: summary.counts[k], samples: k === 'unchanged' ? [] : summary.samples[k] }))
      : (['billedNumbers', 'nowBilled', 'nowUnbilled', 'unknownNumbers', 'serviceLines', 'unknownServices'] as const).map((k) => ({ key: k, count: summary.counts[k], samples: summary.samples[k] ?? [] }))
  return (
    <section aria-labelledby="dry-run-title" className="mb-6 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="dry-run-title" className="mb-1 text-base font-semibold">
        {t.t('imports.dry.title')}
      </h2>
      <p className="mb-3 text-sm text-slate-700">
        {summary.kind === 'inventory'
          ? t.t('imports.dry.introInventory', { rows: t.count(summary.rows), numbers: t.count(summary.numbers) })
          : t.t('imports.dry.introInvoice', { rows: t.count(summary.rows), total: t.money(summary.totalCents) })}
      </p>
      <ul className="space-y-2">
        {entries.map((e) => (
          <li key={e.key} data-diff={e.key}>
            <details>
              <summary className="cursor-pointer text-sm">
                <span className="inline-block min-w-16 text-right font-semibold tabular-nums" data-testid={`diff-${e.key}`}>
                  {t.count(e.count)}
                </span>{' '}
                {t.t(e.key === 'missing' && summary.kind === 'inventory' && !summary.markMissing ? 'imports.dry.missingKept' : `imports.dry.${e.key as 'new'}`)}
              </summary>
              <SampleTable samples={e.samples} kind={e.key} />
            </details>
          </li>
        ))}
      </ul>
    </section>
  )
}
