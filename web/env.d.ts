/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Town shown in the wall header until the API exposes it (e.g. "xx镇"). */
  readonly VITE_TOWN_NAME?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
