/**
 * A sign-in's device as a person would name it (Android 手机 · 微信, Windows 电脑 · Edge),
 * from the browser's User-Agent, so that a person or the administrator can tell which
 * of several sign-ins is the phone left in a meeting room. Only this short label is
 * kept, not the User-Agent itself. Pure.
 */

/** Browsers and in-app browsers, most specific first (most claim to be Chrome or Safari too). */
const BROWSERS: readonly [RegExp, string][] = [
  [/MicroMessenger/i, '微信'],
  [/DingTalk/i, '钉钉'],
  [/QQBrowser/i, 'QQ 浏览器'],
  [/UCBrowser|UCWEB/i, 'UC 浏览器'],
  [/HuaweiBrowser/i, '华为浏览器'],
  [/MiuiBrowser/i, '小米浏览器'],
  [/QihooBrowser|360SE|360EE/i, '360 浏览器'],
  [/EdgA?\/|EdgiOS\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];

const SYSTEMS: readonly [RegExp, (ua: string) => string][] = [
  [/iPhone/, () => 'iPhone'],
  [/iPad/, () => 'iPad'],
  [/HarmonyOS|OpenHarmony/i, (ua) => (/Tablet|Pad/i.test(ua) ? '鸿蒙平板' : '鸿蒙手机')],
  [/Android/, (ua) => (/Mobile/.test(ua) ? 'Android 手机' : 'Android 平板')],
  [/Windows/, () => 'Windows 电脑'],
  [/Macintosh|Mac OS X/, () => 'Mac 电脑'],
  [/CrOS/, () => 'Chromebook'],
  [/Linux/, () => 'Linux 电脑'],
];

export function describeDevice(userAgent: string | null | undefined): string | null {
  const ua = userAgent?.slice(0, 512).trim();
  if (!ua) return null;
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1](ua) ?? '其他设备';
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  return browser ? `${system} · ${browser}` : system;
}
