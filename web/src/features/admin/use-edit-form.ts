import { reactive, ref } from 'vue'
import { t } from '../../i18n'
import { formFocus } from '../../lib/form-focus'
import { errorMessage } from '../auth/session'

export interface FormMessage {
  ok: boolean
  text: string
}

/**
 * The create/edit form of an admin table: opened from "new" or a row's "edit"
 * (focus moves into it and back to the opener when it closes), saved once at a
 * time, with one message line for the outcome. `blank` gives the fields of a new
 * record; `open` fills them from a row.
 */
export function useEditForm<F extends object>(selector: string, blank: () => F) {
  const form = reactive(blank()) as F
  const editing = ref(false)
  const busy = ref(false)
  const message = ref<FormMessage | null>(null)
  const focus = formFocus(selector)

  function open(values: Partial<F> = {}) {
    Object.assign(form, blank(), values)
    editing.value = true
    message.value = null
    focus.opened()
  }
  function close() {
    editing.value = false
    focus.closed()
  }
  /** a problem found before anything was sent */
  function refuse(text: string) {
    message.value = { ok: false, text }
  }
  /**
   * Runs `save` (which returns the success message); on success closes the form
   * and runs `after` (reloading the table), on failure keeps the form open with
   * the server's reason.
   */
  async function submit(save: () => Promise<string>, after?: () => Promise<void>) {
    busy.value = true
    message.value = null
    try {
      const text = await save()
      message.value = { ok: true, text }
      close()
      await after?.()
    } catch (err) {
      message.value = { ok: false, text: errorMessage(err, t.app.networkError) }
    } finally {
      busy.value = false
    }
  }
  return { form, editing, busy, message, open, close, refuse, submit }
}
