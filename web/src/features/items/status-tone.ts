import type { ItemStatus } from '../../graphql/generated/graphql'

/** How an item's status is coloured wherever it is listed (a chip's tone class). */
export const statusTone: Record<ItemStatus, string> = { SUBMITTED: 'is-warn', ADOPTED: 'is-ok', NOT_ADOPTED: 'is-dim', RETURNED: 'is-bad' }
