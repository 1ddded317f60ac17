import { en } from './en'
import { zhCN, type Messages } from './zh-CN'

// Every string lives in a locale file; callers only ever read `t`. The locale is
// chosen once per page load: `?lang=en` (remembered), else the stored choice, else
// Chinese — the working language of the township.
const LOCALES: Record<string, Messages> = { 'zh-CN': zhCN, en }
const KEY = 'xinbao.lang'

export function pickLocale(search: string, stored: string | null): Messages {
  const asked = new URLSearchParams(search).get('lang')
  if (asked && LOCALES[asked]) return LOCALES[asked]
  return (stored && LOCALES[stored]) || zhCN
}

function choose(): Messages {
  if (typeof window === 'undefined') return zhCN
  try {
    const asked = new URLSearchParams(window.location.search).get('lang')
    if (asked && LOCALES[asked]) window.localStorage.setItem(KEY, asked)
    return pickLocale(window.location.search, window.localStorage.getItem(KEY))
  } catch {
    return zhCN
  }
}

export const t: Messages = choose()
