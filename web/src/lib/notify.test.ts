import { describe, expect, it, vi } from 'vitest'
import { createNotify, followNotificationTaps, isAppPath, notificationBlocker, type NotifyEnvironment } from './notify'

/** a desktop browser's Notification: records what was shown */
function desktopNotification() {
  const shown: { title: string; options?: NotificationOptions; instance: { onclick: (() => void) | null; close: () => void } }[] = []
  const Ctor = vi.fn(function (this: { onclick: (() => void) | null; close: () => void }, title: string, options?: NotificationOptions) {
    this.onclick = null
    this.close = vi.fn()
    shown.push({ title, options, instance: this })
  })
  return { Ctor: Ctor as unknown as NotifyEnvironment['Notification'], shown }
}

/** Chrome on Android: the page may not construct one */
function phoneNotification() {
  return vi.fn(function () {
    throw new TypeError("Failed to construct 'Notification': Illegal constructor. Use ServiceWorkerRegistration.showNotification() instead.")
  }) as unknown as NotifyEnvironment['Notification']
}

function workerContainer({ registers = true } = {}) {
  const showNotification = vi.fn(async (_title: string, _options?: NotificationOptions) => undefined)
  const registration = { showNotification } as unknown as ServiceWorkerRegistration
  const container = {
    register: vi.fn(async () => {
      if (!registers) throw new DOMException('SecurityError')
      return registration
    }),
    ready: Promise.resolve(registration),
  } as unknown as ServiceWorkerContainer
  return { container, showNotification }
}

const env = (over: Partial<NotifyEnvironment>): NotifyEnvironment => ({ Notification: undefined, serviceWorker: undefined, focus: vi.fn(), open: vi.fn(), ...over })
const options = { body: '李家村：山体滑坡', tag: 'i7:NEW', path: '/incidents/7' }

describe('createNotify', () => {
  it('on a desktop the page shows it, and a click brings the window up at the incident', async () => {
    const { Ctor, shown } = desktopNotification()
    const { container, showNotification } = workerContainer()
    const e = env({ Notification: Ctor, serviceWorker: container })
    expect(await createNotify(e).show('新事件', options)).toBe('page')
    expect(shown).toHaveLength(1)
    expect(shown[0]!.options).toEqual({ body: options.body, tag: options.tag })
    expect(showNotification).not.toHaveBeenCalled()
    shown[0]!.instance.onclick!()
    expect(e.focus).toHaveBeenCalled()
    expect(e.open).toHaveBeenCalledWith('/incidents/7')
    expect(shown[0]!.instance.close).toHaveBeenCalled()
  })

  it('on a phone, where the page may not construct one, the service worker shows it with the path to open', async () => {
    const { container, showNotification } = workerContainer()
    expect(await createNotify(env({ Notification: phoneNotification(), serviceWorker: container })).show('新事件', options)).toBe('worker')
    expect(container.register).toHaveBeenCalledWith('/sw.js')
    expect(showNotification).toHaveBeenCalledWith('新事件', { body: options.body, tag: options.tag, data: { path: '/incidents/7' } })
  })

  it('registers the service worker once, however many it shows', async () => {
    const { container, showNotification } = workerContainer()
    const notify = createNotify(env({ Notification: phoneNotification(), serviceWorker: container }))
    notify.prepare()
    await Promise.all([notify.show('一', options), notify.show('二', { ...options, tag: 'i8:NEW' })])
    expect(container.register).toHaveBeenCalledTimes(1)
    expect(showNotification).toHaveBeenCalledTimes(2)
  })

  it('says none, without throwing, where neither can show one; a failed registration is tried again next time', async () => {
    expect(await createNotify(env({})).show('新事件', options)).toBe('none')
    expect(await createNotify(env({ Notification: phoneNotification() })).show('新事件', options)).toBe('none') // no service worker (not https)
    const { container } = workerContainer({ registers: false })
    const notify = createNotify(env({ Notification: phoneNotification(), serviceWorker: container }))
    expect(await notify.show('新事件', options)).toBe('none')
    expect(await notify.show('新事件', options)).toBe('none')
    expect(container.register).toHaveBeenCalledTimes(2)
  })
})

describe('followNotificationTaps', () => {
  it("opens the path a tap on the worker's notification names, and nothing outside the app", () => {
    const listeners: ((e: MessageEvent) => void)[] = []
    const container = { addEventListener: (_: string, l: (e: MessageEvent) => void) => listeners.push(l), startMessages: vi.fn() } as unknown as ServiceWorkerContainer
    const open = vi.fn()
    followNotificationTaps(container, open)
    expect(container.startMessages).toHaveBeenCalled()
    const send = (data: unknown) => listeners.forEach((l) => l({ data } as MessageEvent))
    send({ type: 'xinbao.open', path: '/incidents/7' })
    send({ type: 'xinbao.open', path: '//evil.example/x' })
    send({ type: 'xinbao.open', path: 'https://evil.example/' })
    send({ type: 'other', path: '/admin' })
    send(null)
    expect(open.mock.calls).toEqual([['/incidents/7']])
  })

  it('does nothing where there is no service worker (a page not on https)', () => {
    expect(() => followNotificationTaps(undefined, vi.fn())).not.toThrow()
  })
})

it.each([
  ['/incidents/7', true],
  ['/', true],
  ['//evil.example', false],
  ['https://evil.example', false],
  ['incidents/7', false],
  [7, false],
])('isAppPath(%j) is %s', (path, ok) => expect(isAppPath(path)).toBe(ok))

describe('notificationBlocker', () => {
  const wechatAndroid =
    'Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64'
  const wechatIphone =
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2c) NetType/WIFI Language/zh_CN'
  const safariIphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'
  const huawei = 'Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00; HMSCore 6.13.0.302) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/14.0.5.302 Mobile Safari/537.36'
  it.each([
    [wechatAndroid, false, 'wechat'],
    [wechatIphone, false, 'wechat'],
    [safariIphone, false, 'ios'],
    [safariIphone, true, 'other'], // opened from the home screen and still none: an old iOS
    [huawei, false, 'other'],
  ] as const)('%#: %s', (ua, standalone, why) => expect(notificationBlocker(ua, standalone)).toBe(why))
})
