import { computed, useId, type Ref } from 'vue'

/**
 * Marks the inputs a form's problems are about, for the eye (the red border in
 * styles.css) and for screen readers: `aria-invalid` on the input and
 * `aria-describedby` pointing at the message that says why (give it `:id="messageId"`).
 *
 *   <input v-bind="mark('title')" />   <ul :id="messageId">…</ul>
 */
export function useFieldMarks(fields: Ref<readonly string[]>) {
  const invalid = computed(() => new Set(fields.value))
  const messageId = useId()
  const mark = (field: string) => (invalid.value.has(field) ? { 'aria-invalid': 'true' as const, 'aria-describedby': messageId } : {})
  return { messageId, mark }
}
