import { data, href, useActionData, useLoaderData } from 'react-router'
import { useT } from '#app/components/i18n.tsx'
import { ImpactReportView } from '#app/components/impact/report.tsx'
import { MigrationForm } from '#app/components/impact/request-form.tsx'
import { FileFields, FileProblems, UploadForm } from '#app/components/impact/upload.tsx'
import { pageTitle } from '#app/components/tenant-meta.tsx'
import { PageHeader } from '#app/components/ui.tsx'
import { BodyTooLargeError, guarded, readFormDataLimited } from '#app/server/http.server.ts'
import { requireUser } from '#app/server/session.server.ts'
import { maxUploadBytes, previewUploadedBuilding } from '#app/services/impact-upload.server.ts'
import type { Route } from './+types/preview'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, (t) => t.t('impact.upload.title'))

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireUser(request)
  return guarded(async () => previewUploadedBuilding({ actor, formData: null }))
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requireUser(request)
  // The file comes back in a hidden field on later steps: allow for it twice, and the form.
  const formData = await readFormDataLimited(request, 2 * maxUploadBytes + 1_000_000).catch((error: unknown) => {
    if (error instanceof BodyTooLargeError) throw data({ message: 'Payload too large' }, { status: 413 })
    throw error
  })
  return guarded(async () => {
    const screen = await previewUploadedBuilding({ actor, formData })
    return data(screen, { status: screen.status })
  })
}

export default function ImpactPreview() {
  const loaded = useLoaderData<typeof loader>()
  const posted = useActionData<typeof action>()
  const screen = posted ?? loaded
  const t = useT()
  return (
    <div className="space-y-5">
      <PageHeader title={t.t('impact.upload.title')} subtitle={t.t('impact.upload.intro')} crumbs={[{ to: href('/buildings'), label: t.t('nav.buildings') }]} />
      <FileProblems problems={screen.problems} fileName={screen.fileName} />
      {screen.tenants === null ? (
        <UploadForm error={screen.errors.file} />
      ) : (
        <MigrationForm
          key={`${screen.fileName} ${screen.values.shownTenant} ${JSON.stringify(screen.errors)}`}
          method="post"
          encType="multipart/form-data"
          form={screen}
          before={<FileFields fileName={screen.fileName} buildingName={screen.buildingName} buildingJson={screen.buildingJson} />}
        />
      )}
      {screen.outcome ? <ImpactReportView outcome={screen.outcome} /> : null}
    </div>
  )
}
