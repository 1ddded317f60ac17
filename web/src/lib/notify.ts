// System notifications that also work on a phone. A page may construct a
// `Notification` on a desktop browser; Chrome on Android (and the browsers built on
// it) throws "Illegal constructor" there and only lets a service worker show one
// (public/sw.js). Either way a tap opens the path the notification is about.

export interface NotifyOptions {
  body: string
  /** one notification per tag: a second with the same tag replaces the first */
  tag: string
  /** the app's own path to open on a tap, e.g. /incidents/7 */
  path: string
}

/** shown by the page itself, by the service worker, or not at all (unsupported, refused) */
export type Shown = 'page' | 'worker' | 'none'

export interface NotifyEnvironment {
  Notification: (new (title: string, options?: NotificationOptions) => Notification) | undefined
  serviceWorker: ServiceWorkerContainer | undefined
  /** brings the window to the front */
  focus(): void
  /** opens a path of the app (the router) */
  open(path: string): void
}

const WORKER_URL = '/sw.js'
const WORKER_READY_MS = 10_000
/** a path of this app, never another site (`//host/…`) */
export const isAppPath = (path: unknown): path is string => typeof path === 'string' && /^\/(?!\/)/.test(path)

export function createNotify(env: NotifyEnvironment) {
  let registration: Promise<ServiceWorkerRegistration | null> | null = null

  /** the service worker, registered once; null where there is none (retried next time) */
  function worker(): Promise<ServiceWorkerRegistration | null> {
    const container = env.serviceWorker
    if (!container) return Promise.resolve(null)
    registration ??= (async () => {
      try {
        await container.register(WORKER_URL)
        let timer: ReturnType<typeof setTimeout> | undefined
        const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), WORKER_READY_MS)))
        const ready = await Promise.race([container.ready, timeout])
        clearTimeout(timer)
        return ready
      } catch {
        return null
      }
    })().then((r) => {
      if (!r) registration = null
      return r
    })
    return registration
  }

  async function show(title: string, { body, tag, path }: NotifyOptions): Promise<Shown> {
    if (!env.Notification) return 'none'
    try {
      const n = new env.Notification(title, { body, tag })
      n.onclick = () => {
        env.focus()
        env.open(path)
        n.close()
      }
      return 'page'
    } catch {
      // a phone: only the service worker may show it
    }
    const reg = await worker()
    if (!reg) return 'none'
    try {
      await reg.showNotification(title, { body, tag, data: { path } })
      return 'worker'
    } catch {
      return 'none'
    }
  }

  return {
    show,
    /** registers the service worker ahead of the first notification (once permission is given) */
    prepare: () => void worker(),
  }
}

/** A tap on a notification the service worker showed: it asks an open window to go to the path. */
export function followNotificationTaps(container: ServiceWorkerContainer | undefined, open: (path: string) => void): void {
  if (!container) return
  container.addEventListener('message', (e: MessageEvent) => {
    const data = e.data as { type?: unknown; path?: unknown } | null
    if (data?.type === 'xinbao.open' && isAppPath(data.path)) open(data.path)
  })
  container.startMessages()
}

/**
 * Why a browser without notifications has none, for what to tell the person:
 * WeChat's built-in browser never shows them (open the page in the phone's browser);
 * an iPhone shows them only for a page added to the home screen and opened from there;
 * anything else (a page not on https, an old browser) is told to use the phone's browser.
 */
export function notificationBlocker(userAgent: string, standalone: boolean): 'wechat' | 'ios' | 'other' {
  if (/MicroMessenger/i.test(userAgent)) return 'wechat'
  if (/iPhone|iPad|iPod/.test(userAgent) && !standalone) return 'ios'
  return 'other'
}
