/**
 * The town named in the wall header. The API has no field for it yet, so it is set
 * at build time (VITE_TOWN_NAME); the regulation itself calls the town "xx镇".
 */
export const townName: string = import.meta.env.VITE_TOWN_NAME?.trim() || 'xx镇'
