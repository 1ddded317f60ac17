import { t } from '../i18n'

/** What a data panel says instead of data: null when it has something to show. */
export function panelMessage(
  state: 'loading' | 'ready' | 'error',
  isEmpty: boolean,
  emptyText: string = t.wall.empty,
): { text: string; tone: 'dim' | 'warn' } | null {
  if (!isEmpty) return null
  if (state === 'loading') return { text: t.wall.loading, tone: 'dim' }
  if (state === 'error') return { text: t.wall.loadFailed, tone: 'warn' }
  return { text: emptyText, tone: 'dim' }
}
