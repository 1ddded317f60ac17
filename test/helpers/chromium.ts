/** Debian's Chromium unless CHROMIUM_PATH says otherwise. */
export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Flags every test and bench browser starts with: headless as root, and none of
 * Chromium's background connections (this machine's closed network refuses them).
 * The wall's alarm is WebAudio; a kiosk is started with the autoplay flag too.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
] as const;
