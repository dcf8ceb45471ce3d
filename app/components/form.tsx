import { useId, type ReactNode } from 'react'
import type { MessageKey, Params } from '#app/i18n/index.ts'
import { useT } from './i18n.tsx'

export interface FieldMessageLike {
  key: MessageKey
  params?: Params
}

/** What an action returns when input was refused: messages per field and the values to put back. */
export interface FormFailureLike {
  ok: false
  errors: Record<string, FieldMessageLike>
  values: Record<string, string | string[]>
}

export function isFormFailure(value: unknown): value is FormFailureLike {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false && 'errors' in value
}

/** The submitted value of a field after a failed submit, else the stored one. */
export function valueOf(failure: FormFailureLike | undefined, name: string, fallback: string | null | undefined): string {
  const v = failure?.values[name]
  if (v === undefined) return fallback ?? ''
  return Array.isArray(v) ? (v[0] ?? '') : v
}

export function valuesOf(failure: FormFailureLike | undefined, name: string, fallback: readonly string[]): string[] {
  if (!failure) return [...fallback]
  const v = failure.values[name]
  if (v === undefined) return []
  return Array.isArray(v) ? v : [v]
}

const inputClass =
  'block w-full rounded border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-xs focus:border-sky-600 focus:outline-2 focus:outline-sky-600 aria-invalid:border-red-600'

interface FieldProps {
  label: string
  name: string
  failure?: FormFailureLike | undefined
  hint?: string
  children?: (props: { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined; className: string }) => ReactNode
  defaultValue?: string | null | undefined
  type?: string
  required?: boolean
  autoComplete?: string
  placeholder?: string
  inputMode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email'
}

/** A labelled input with its error message wired up for screen readers; keeps input on error. */
export function Field({ label, name, failure, hint, children, defaultValue, type = 'text', required, autoComplete, placeholder, inputMode }: FieldProps) {
  const t = useT()
  const id = useId()
  const error = failure?.errors[name]
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined
  const props = { id, name, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy, className: inputClass }
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required ? <span aria-hidden="true" className="text-red-700"> *</span> : null}
      </label>
      {children ? (
        children(props)
      ) : (
        <input
          {...props}
          type={type}
          required={required}
          autoComplete={autoComplete}
          placeholder={placeholder}
          inputMode={inputMode}
          defaultValue={type === 'password' ? undefined : valueOf(failure, name, defaultValue)}
        />
      )}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700" role="alert">
          {t.t(error.key, error.params)}
        </p>
      ) : null}
    </div>
  )
}

/** Banner above a form that was refused, plus any message not tied to one field. */
export function FormErrors({ failure }: { failure?: FormFailureLike | undefined }) {
  const t = useT()
  if (!failure) return null
  const general = failure.errors._form
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      <p>{general ? t.t(general.key, general.params) : t.t('form.hasErrors')}</p>
    </div>
  )
}

export function SubmitButton({ children, intent, name, value, tone = 'primary' }: { children: ReactNode; intent?: string; name?: string; value?: string; tone?: 'primary' | 'danger' | 'plain' }) {
  const tones = {
    primary: 'bg-sky-700 text-white hover:bg-sky-800',
    danger: 'bg-red-700 text-white hover:bg-red-800',
    plain: 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50',
  }
  return (
    <button
      type="submit"
      name={name ?? (intent ? 'intent' : undefined)}
      value={value ?? intent}
      className={`inline-flex items-center gap-1.5 rounded px-3 py-1.5 text-sm font-medium focus:outline-2 focus:outline-offset-2 focus:outline-sky-600 ${tones[tone]}`}
    >
      {children}
    </button>
  )
}

export { inputClass }
