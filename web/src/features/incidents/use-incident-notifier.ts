import { alertReasonLabel } from './deadline-labels'
import { ref, watch, type Ref } from 'vue'
import { useRouter } from 'vue-router'
import type { Severity } from '../../graphql/generated/graphql'
import { t } from '../../i18n'
import { createAlarm } from '../../lib/alarm'
import { createNotify } from '../../lib/notify'
import type { IncidentAlert } from './incident-alerts'
import { shouldNotify } from './notify-policy'

const MUTE_KEY = 'xinbao.nightMute'
const supported = typeof window !== 'undefined' && 'Notification' in window

/**
 * The page's notification settings, one set whichever screen shows them (the leader's
 * view has the switches; the watch above every screen obeys them).
 */
export const notificationSettings = {
  permission: ref<NotificationPermission | 'unsupported'>(supported ? Notification.permission : 'unsupported'),
  nightMute: ref(typeof localStorage !== 'undefined' && localStorage.getItem(MUTE_KEY) === '1'),
  async enable() {
    if (!supported) return
    notificationSettings.permission.value = await Notification.requestPermission()
  },
}
watch(notificationSettings.nightMute, (on) => localStorage.setItem(MUTE_KEY, on ? '1' : '0'))

/**
 * System notifications (on a desktop or a phone; a tap opens the incident) and a short
 * sound: a new incident, a line crossed (the first warning is "about to be crossed"),
 * consent asked or given. Night mute never silences 重大 or 特别重大.
 */
export function useIncidentNotifier(alerts: Readonly<Ref<readonly IncidentAlert[]>>, now: () => number) {
  const { permission, nightMute } = notificationSettings
  const alarm = createAlarm({ periodMs: 60_000 })
  const seen = new Set<string>()
  const router = useRouter()
  const notify = createNotify({
    Notification: supported ? window.Notification : undefined,
    serviceWorker: typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined,
    focus: () => window.focus(),
    open: (path) => void router.push(path),
  })
  // a phone shows them through the service worker: have it ready before the first
  watch(permission, (p) => p === 'granted' && notify.prepare(), { immediate: true })

  watch(alerts, (list) => {
    for (const a of list) {
      if (seen.has(a.key)) continue
      seen.add(a.key)
      if (!shouldNotify(a.subject.severity as Severity, nightMute.value, now())) continue
      alarm.start() // one burst …
      setTimeout(() => alarm.stop(), 1_500) // … not a siren on a desk
      if (permission.value === 'granted') {
        const title = t.leader.notifyTitle(alertReasonLabel(a.reason), t.severity[a.subject.severity as Severity])
        void notify.show(title, { body: t.leader.notifyNew(a.subject.unitName, a.subject.title), tag: a.key, path: `/incidents/${a.subject.id}` })
      }
    }
  })

  return { unlockSound: () => alarm.unlock() }
}
