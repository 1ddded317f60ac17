// Xinbao's service worker: only for notifications. Phone browsers (Chrome on Android
// and those built on it) refuse `new Notification()` in a page; a service worker may
// show one, and a tap on it should open the incident it is about. It handles no
// requests (no fetch handler): pages always load from the server, so a new version
// is never held back by a cache here.

self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

/**
 * Opens the app at the notification's path: in a window already open (which routes
 * to it without a reload), or in a new one.
 */
async function openFromNotification(notification) {
  // the page's own rule (isAppPath in src/lib/notify.ts): a path of this app, never `//another.host/…`
  const path = typeof notification.data?.path === 'string' && /^\/(?!\/)/.test(notification.data.path) ? notification.data.path : '/'
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
  const target = windows.find((w) => w.focused) ?? windows.find((w) => w.visibilityState === 'visible') ?? windows[0]
  if (target) {
    target.postMessage({ type: 'xinbao.open', path })
    await target.focus().catch(() => undefined) // allowed only while handling the tap
    return
  }
  await self.clients.openWindow(new URL(path, self.registration.scope).href)
}
// for the browser test, which cannot tap a system notification
self.openFromNotification = openFromNotification

self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  event.waitUntil(openFromNotification(event.notification))
})
