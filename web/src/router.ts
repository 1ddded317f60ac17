import { createRouter, createWebHistory } from 'vue-router'
import WallView from './views/WallView.vue'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'wall', component: WallView, alias: '/wall' },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
})
