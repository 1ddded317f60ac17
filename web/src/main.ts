import { install as urql } from '@urql/vue'
import { createApp } from 'vue'
import App from './App.vue'
import { readAccessToken } from './graphql/auth'
import { apiKey, createApi } from './graphql/client'
import { graphqlEndpoints } from './graphql/endpoints'
import { router } from './router'
import './styles.css'

const endpoints = graphqlEndpoints(window.location)
const api = createApi({ httpUrl: endpoints.http, wsUrl: endpoints.ws, token: readAccessToken() })

createApp(App).use(router).use(urql, api.urql).provide(apiKey, api).mount('#app')
