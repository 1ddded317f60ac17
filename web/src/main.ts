import { install as urql } from '@urql/vue'
import { createApp } from 'vue'
import App from './App.vue'
import { readAccessToken } from './graphql/auth'
import { apiKey, createApi } from './graphql/client'
import { socketLink } from './features/events/live-status'
import { graphqlEndpoints } from './graphql/endpoints'
import { createAppRouter } from './router'
import './styles.css'

// first: takes a display's ?token= out of the address bar before the router reads it
const token = readAccessToken()
const endpoints = graphqlEndpoints(window.location)
const api = createApi({ httpUrl: endpoints.http, wsUrl: endpoints.ws, token })
// the socket's state is followed from its creation (a screen mounted later still knows it)
socketLink(api.ws)
const router = createAppRouter(api.urql)

createApp(App).use(router).use(urql, api.urql).provide(apiKey, api).mount('#app')
