import { install as urql } from '@urql/vue'
import { createApp } from 'vue'
import App from './App.vue'
import { readAccessToken } from './graphql/auth'
import { apiKey, createApi, grantsChanged } from './graphql/client'
import { socketLink } from './features/events/live-status'
import { graphqlEndpoints } from './graphql/endpoints'
import { followNotificationTaps } from './lib/notify'
import { createAppRouter } from './router'
import './styles.css'

// first: takes a display's ?token= out of the address bar before the router reads it
const token = readAccessToken()
const endpoints = graphqlEndpoints(window.location)
const api = createApi({ httpUrl: endpoints.http, wsUrl: endpoints.ws, token })
// the socket's state is followed from its creation (a screen mounted later still knows it)
socketLink(api.ws)
// The person's roles, unit or units in charge changed while the page was open: a fresh
// page, so its menus and screens are those of the new grants (drafts are kept on the
// device), as after signing in
api.ws.on('closed', (event) => {
  if (grantsChanged(event)) window.location.reload()
})
const router = createAppRouter(api.urql)
// a tap on a notification the service worker showed (a phone) opens its incident here
followNotificationTaps(navigator.serviceWorker, (path) => void router.push(path))

createApp(App).use(router).use(urql, api.urql).provide(apiKey, api).mount('#app')
