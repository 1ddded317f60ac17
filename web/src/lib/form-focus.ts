import { nextTick } from 'vue'

/**
 * For a form that opens somewhere else on the page (an "edit" button in a table row
 * opens the form above the table): moving focus into the form when it opens, and
 * back to the button that opened it when it closes, so a keyboard or screen-reader
 * user lands where the work is instead of having to find it.
 */
export function formFocus(selector: string) {
  let opener: HTMLElement | null = null
  return {
    /** call after the form was asked to show */
    opened() {
      const active = document.activeElement
      opener = active instanceof HTMLElement && active !== document.body ? active : opener
      void nextTick(() => {
        const form = document.querySelector<HTMLElement>(selector)
        if (!form) return
        form.scrollIntoView({ block: 'start', behavior: 'smooth' })
        form.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea, button')?.focus({ preventScroll: true })
      })
    },
    /** call after the form was asked to close (saved or cancelled) */
    closed() {
      const back = opener
      opener = null
      void nextTick(() => {
        if (back?.isConnected) back.focus()
      })
    },
  }
}
