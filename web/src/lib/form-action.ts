import { ref } from 'vue'
import { errorMessage } from '../features/auth/session'
import { refusedFields } from '../features/office/scoring-scheme'
import { t } from '../i18n'
import { useFieldMarks } from './field-marks'

/**
 * A small form's send: busy while it runs, then what it says (its own words when it
 * went, the server's when refused), with the fields a refusal names marked.
 *
 *   const send = useFormAction()
 *   send.run(async () => { await mutate(…); return '已保存' })
 */
export function useFormAction() {
  const busy = ref(false)
  const result = ref<{ ok: boolean; text: string } | null>(null)
  const invalid = ref<string[]>([])
  const { messageId, mark } = useFieldMarks(invalid)

  /** Refused before sending: says why and marks the fields. */
  function refuse(text: string, fields: string[]) {
    invalid.value = fields
    result.value = { ok: false, text }
  }

  async function run(action: () => Promise<string>): Promise<boolean> {
    busy.value = true
    result.value = null
    invalid.value = []
    try {
      result.value = { ok: true, text: await action() }
      return true
    } catch (err) {
      refuse(errorMessage(err, t.app.networkError), refusedFields(err))
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, result, messageId, mark, run, refuse }
}
