import { index, layout, prefix, route, type RouteConfig } from '@react-router/dev/routes'

export default [
  index('routes/index.tsx'),
  route('login', 'routes/auth/login.tsx'),
  route('logout', 'routes/auth/logout.tsx'),
  route('lang', 'routes/auth/lang.tsx'),
  // --- API v1 routes (resource routes; JSON, problem+json) ---
  ...prefix('api/v1', [
    route('openapi.json', 'routes/api/openapi.ts'),
    route('buildings', 'routes/api/buildings.ts'),
    route('buildings/:buildingId', 'routes/api/building.ts'),
    route('buildings/:buildingId/export', 'routes/api/building-export.ts'),
    route('buildings/:buildingId/impact', 'routes/api/building-impact.ts'),
    route('impact/preview', 'routes/api/impact-preview.ts'),
    route('*', 'routes/api/not-found.ts'),
  ]),
  // Personal API tokens: a page of the app, in its own instance of the app layout.
  layout('routes/app-layout.tsx', { id: 'routes/app-layout-api-tokens' }, [route('account/tokens', 'routes/auth/tokens.tsx')]),
  // --- end API v1 routes ---
  layout('routes/app-layout.tsx', [
    route('account', 'routes/auth/account.tsx'),
    ...prefix('buildings', [
      index('routes/buildings/index.tsx'),
      route('new', 'routes/buildings/new.tsx'),
      ...prefix(':buildingId', [
        index('routes/buildings/overview.tsx'),
        route('edit', 'routes/buildings/edit.tsx'),
        route('delete', 'routes/buildings/delete.tsx'),
        route('shares', 'routes/buildings/shares.tsx'),
        route('audit', 'routes/buildings/audit.tsx'),
        route('contracts/new', 'routes/contracts/new.tsx'),
        route('contracts/:contractId/edit', 'routes/contracts/edit.tsx'),
        route('contracts/:contractId/delete', 'routes/contracts/delete.tsx'),
        route('services/new', 'routes/services/new.tsx'),
        route('services/:serviceId/edit', 'routes/services/edit.tsx'),
        route('services/:serviceId/delete', 'routes/services/delete.tsx'),
        route('tenants', 'routes/tenants/index.tsx'),
        route('tenants/new', 'routes/tenants/new.tsx'),
        route('tenants/:tenantId', 'routes/tenants/detail.tsx'),
        route('tenants/:tenantId/edit', 'routes/tenants/edit.tsx'),
        route('tenants/:tenantId/delete', 'routes/tenants/delete.tsx'),
        route('tenants/:tenantId/users', 'routes/tenants/users.tsx'),
        route('contacts/new', 'routes/contacts/new.tsx'),
        route('contacts/:contactId/edit', 'routes/contacts/edit.tsx'),
        route('contacts/:contactId/delete', 'routes/contacts/delete.tsx'),
        route('numbers', 'routes/numbers/index.tsx'),
        route('numbers/new', 'routes/numbers/new.tsx'),
        route('numbers/:numberId', 'routes/numbers/detail.tsx'),
        // --- impact screens of a building ---
        route('impact', 'routes/impact/building.tsx'),
        route('move-out', 'routes/impact/move-out.tsx'),
        // --- end impact screens of a building ---
      ]),
    ]),
    // --- other impact / account screens ---
    route('impact/preview', 'routes/impact/preview.tsx'),
    route('my/sales-share', 'routes/impact/my-share.tsx'),
    // --- end other impact / account screens ---
    ...prefix('my', [
      index('routes/my/index.tsx'),
      route('numbers', 'routes/my/numbers.tsx'),
      route('contacts', 'routes/my/contacts.tsx'),
      route('contacts/new', 'routes/my/contact-new.tsx'),
      route('contacts/:contactId/edit', 'routes/my/contact-edit.tsx'),
      route('contacts/:contactId/delete', 'routes/my/contact-delete.tsx'),
    ]),
  ]),
] satisfies RouteConfig
