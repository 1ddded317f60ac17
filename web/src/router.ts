import type { Client } from '@urql/core'
import { createRouter, createWebHistory, type RouteLocationNormalized, type Router } from 'vue-router'
import { canEnter, canOpenUnit, homePath, type Area } from './features/auth/access'
import { loadViewer, tokenRefused, viewer } from './features/auth/session'
import { checkForNewBuild, claimReload, isChunkLoadError, newBuildKnown } from './lib/stale-build'
import WallView from './views/WallView.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** open without signing in */
    public?: boolean
    /** who may open it (see features/auth/access.ts) */
    area?: Area
    /** inside the app shell (header, navigation, sign-out) */
    shell?: boolean
  }
}

// The wall is in the main bundle (a display loads nothing else); every other
// screen is its own chunk, fetched when first opened.
export const createAppRouter = (client: Client) => installGuards(client, createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
    // `/` is the wall for a display; everyone else is sent to their own screen
    { path: '/', name: 'home', component: WallView, meta: { area: 'wall' } },
    { path: '/wall', name: 'wall', component: WallView, meta: { area: 'wall' } },
    { path: '/report', name: 'report', component: () => import('./views/ReportView.vue'), meta: { area: 'report', shell: true } },
    { path: '/leader', name: 'leader', component: () => import('./views/LeaderView.vue'), meta: { area: 'leader', shell: true } },
    { path: '/leader/record', name: 'leader-record', component: () => import('./views/LeaderRecordView.vue'), meta: { area: 'leader', shell: true } },
    {
      path: '/incidents/:id',
      name: 'incident',
      component: () => import('./views/IncidentView.vue'),
      meta: { area: 'incident', shell: true },
    },
    { path: '/units/:id', name: 'unit', component: () => import('./views/UnitView.vue'), meta: { area: 'unit', shell: true } },
    { path: '/office', name: 'office', component: () => import('./views/OfficeReviewView.vue'), meta: { area: 'office', shell: true } },
    {
      path: '/office/incidents',
      name: 'office-incidents',
      component: () => import('./views/OfficeIncidentsView.vue'),
      meta: { area: 'office', shell: true },
    },
    {
      path: '/office/items',
      name: 'office-items',
      component: () => import('./views/OfficeItemsView.vue'),
      meta: { area: 'office', shell: true },
    },
    {
      path: '/office/statistics',
      name: 'office-statistics',
      component: () => import('./views/OfficeStatisticsView.vue'),
      meta: { area: 'office', shell: true },
    },
    {
      path: '/office/notices',
      name: 'office-notices',
      component: () => import('./views/OfficeNoticesView.vue'),
      meta: { area: 'office', shell: true },
    },
    {
      path: '/office/scoring',
      name: 'office-scoring',
      component: () => import('./views/OfficeScoringView.vue'),
      meta: { area: 'office', shell: true },
    },
    {
      path: '/office/quota',
      name: 'office-quota',
      component: () => import('./views/OfficeQuotaView.vue'),
      meta: { area: 'office', shell: true },
    },
    { path: '/admin', name: 'admin', component: () => import('./views/AdminView.vue'), meta: { area: 'admin', shell: true } },
    { path: '/admin/:tab(units|sessions|audit)', name: 'admin-tab', component: () => import('./views/AdminView.vue'), meta: { area: 'admin', shell: true } },
    { path: '/account', name: 'account', component: () => import('./views/AccountView.vue'), meta: { area: 'account', shell: true } },
    { path: '/forbidden', name: 'forbidden', component: () => import('./views/ForbiddenView.vue'), meta: { shell: true } },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
}))

/** Route guards: signed in, allowed by role, and an informant only on their own unit. */
function installGuards(client: Client, router: Router) {
  router.beforeEach(async (to: RouteLocationNormalized, from: RouteLocationNormalized) => {
    // a newer build is deployed: go by a full load, so the next screen runs the new code
    // (nothing on the screen being left is lost: it is being left anyway)
    if (from.matched.length > 0 && newBuildKnown() && claimReload(window.sessionStorage, Date.now())) {
      window.location.assign(to.fullPath)
      return false
    }
    void checkForNewBuild() // in the background: its answer serves the next navigation
    if (to.meta.public) return true
    const status = await loadViewer(client)
    if (status === 'unreachable') {
      // a display keeps its wall up through a server restart; it retries by itself
      if (to.meta.area === 'wall') return true
      return { name: 'login', query: { next: to.fullPath, reason: 'unreachable' } }
    }
    const v = viewer.value
    if (status !== 'signed-in' || !v) {
      // a token kept here and refused: say so (on a wall, that its display token ended)
      const reason = tokenRefused.value ? { reason: to.meta.area === 'wall' ? 'display-ended' : 'ended' } : {}
      return { name: 'login', query: { ...(to.fullPath === '/' ? {} : { next: to.fullPath }), ...reason } }
    }
    // a password an administrator set is changed first (a wall's display keeps running)
    if (v.passwordChangeDue && to.name !== 'account' && to.meta.area !== 'wall') return { name: 'account', query: { next: to.fullPath } }
    if (to.name === 'home') return homePath(v) === '/wall' ? true : homePath(v)
    if (to.meta.area && !canEnter(v, to.meta.area)) return { name: 'forbidden', query: { from: to.fullPath } }
    if (to.name === 'unit' && !canOpenUnit(v, String(to.params.id))) return { name: 'forbidden', query: { from: to.fullPath } }
    return true
  })
  // a screen's code from before a deployment is gone: load the new version at the address wanted
  router.onError((err, to) => {
    if (isChunkLoadError(err) && claimReload(window.sessionStorage, Date.now())) return window.location.assign(to.fullPath)
    console.error(err) // as vue-router does with no handler: never swallowed
  })
  return router
}
