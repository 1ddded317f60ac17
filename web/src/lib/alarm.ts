/**
 * An alarm made with WebAudio, so the display needs no sound files: a two-tone
 * siren burst, repeated until stopped. Browsers only start audio after a user
 * gesture unless the kiosk allows it (Chromium: --autoplay-policy=no-user-gesture-required);
 * `state` tells the screen whether it can be heard, so it can ask for one click.
 */
export type AlarmState = 'idle' | 'playing' | 'blocked' | 'unsupported'

export interface Alarm {
  start(): void
  stop(): void
  /** call from a click or key handler: lets a blocked context start */
  unlock(): void
  readonly state: AlarmState
  onChange(listener: (s: AlarmState) => void): () => void
}

export function createAlarm({ periodMs = 2500, volume = 0.35 } = {}): Alarm {
  const Ctx: typeof AudioContext | undefined =
    typeof window === 'undefined'
      ? undefined
      : (window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext)
  let ctx: AudioContext | undefined
  let timer: ReturnType<typeof setInterval> | undefined
  let wanted = false
  let state: AlarmState = Ctx ? 'idle' : 'unsupported'
  const listeners = new Set<(s: AlarmState) => void>()

  const set = (s: AlarmState) => {
    if (s === state) return
    state = s
    for (const l of listeners) l(s)
  }

  function context(): AudioContext | undefined {
    if (!Ctx) return undefined
    ctx ??= new Ctx()
    return ctx
  }

  /** One burst: 880/660 Hz alternating, six notes, square-ish and loud enough for a room. */
  function burst() {
    const c = context()
    if (!c) return
    if (c.state !== 'running') {
      void c.resume().catch(() => undefined)
      set('blocked')
      return
    }
    set('playing')
    const t0 = c.currentTime + 0.02
    for (let n = 0; n < 6; n++) {
      const osc = c.createOscillator()
      const gain = c.createGain()
      osc.type = 'square'
      osc.frequency.value = n % 2 === 0 ? 880 : 660
      const start = t0 + n * 0.22
      gain.gain.setValueAtTime(0, start)
      gain.gain.linearRampToValueAtTime(volume, start + 0.01)
      gain.gain.setValueAtTime(volume, start + 0.18)
      gain.gain.linearRampToValueAtTime(0, start + 0.2)
      osc.connect(gain).connect(c.destination)
      osc.start(start)
      osc.stop(start + 0.21)
    }
  }

  return {
    start() {
      if (wanted || !Ctx) return
      wanted = true
      burst()
      timer = setInterval(burst, periodMs)
    },
    stop() {
      wanted = false
      clearInterval(timer)
      timer = undefined
      if (state !== 'unsupported') set('idle')
    },
    unlock() {
      const c = context()
      if (!c || c.state === 'running') return
      void c.resume().then(
        () => {
          if (wanted) burst()
        },
        () => undefined,
      )
    },
    get state() {
      return state
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
