import { useT } from './i18n.tsx'
import { Badge } from './ui.tsx'

/** Whether a tenant is still in the building, as a badge with text (never colour alone). */
export function TenantPresence({ moveOut, movedOut }: { moveOut: string | null; movedOut: boolean }) {
  const t = useT()
  if (movedOut) return <Badge tone="neutral">{t.t('tenant.movedOut')}</Badge>
  if (moveOut) return <Badge tone="warn">{t.t('tenant.movingOut', { date: t.date(moveOut) })}</Badge>
  return <Badge tone="ok">{t.t('tenant.present')}</Badge>
}
