import { onBeforeUnmount, onMounted, ref } from 'vue'

export type FullscreenState = 'waiting' | 'on' | 'refused' | 'unsupported'

/**
 * Kiosk: the first click or key press asks the browser for full screen (browsers
 * allow it only inside a user gesture). The listeners are passive observers — no
 * preventDefault, no stopPropagation — so the same click still acknowledges an
 * alert banner or unblocks the alarm. Leaving full screen (Esc) re-arms them.
 */
export function useFullscreenOnGesture(target: () => HTMLElement = () => document.documentElement) {
  const state = ref<FullscreenState>(typeof document !== 'undefined' && document.fullscreenEnabled ? 'waiting' : 'unsupported')
  const events = ['pointerdown', 'keydown'] as const

  function onGesture() {
    if (document.fullscreenElement || state.value === 'unsupported') return
    disarm()
    try {
      target()
        .requestFullscreen({ navigationUI: 'hide' })
        .then(
          () => (state.value = 'on'),
          () => {
            state.value = 'refused'
            arm()
          },
        )
    } catch {
      state.value = 'refused'
    }
  }
  function onChange() {
    if (document.fullscreenElement) state.value = 'on'
    else if (state.value === 'on') {
      state.value = 'waiting'
      arm()
    }
  }
  const arm = () => events.forEach((e) => window.addEventListener(e, onGesture, { capture: true, passive: true }))
  const disarm = () => events.forEach((e) => window.removeEventListener(e, onGesture, { capture: true }))

  onMounted(() => {
    if (state.value === 'unsupported') return
    arm()
    document.addEventListener('fullscreenchange', onChange)
  })
  onBeforeUnmount(() => {
    disarm()
    document.removeEventListener('fullscreenchange', onChange)
  })
  return { state }
}
