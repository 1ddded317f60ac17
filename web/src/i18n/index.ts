import { zhCN, type Messages } from './zh-CN'

// One locale today. Switching locale later means choosing the Messages object here
// (from a setting or the browser); callers only ever read `t`.
export const t: Messages = zhCN
