/** Colors a host may pass as `brandColor`. Anything else is ignored, so CSS cannot be injected. */
const SAFE_COLOR = /^(#[0-9a-f]{3}|#[0-9a-f]{6}|(rgb|hsl)a?\([0-9.,%\s/deg]+\))$/i

export function isSafeColor(color: string): boolean {
  return SAFE_COLOR.test(color.trim())
}

/** Black or white, whichever reads better on a hex color (WCAG relative luminance). */
export function readableOn(color: string): string {
  const hex = color.trim().replace('#', '')
  if (!/^([0-9a-f]{3}|[0-9a-f]{6})$/i.test(hex)) return '#fff'
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex
  const [r = 0, g = 0, b = 0] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
  // Contrast with white is 1.05/(L+.05), with black (L+.05)/.05; they are equal at L ≈ 0.179.
  return luminance > 0.179 ? '#111' : '#fff'
}

/** The CSS rule giving one widget instance the host's brand color, or '' when there is none. */
export function brandRule(instance: string, color: string | undefined): string {
  if (!color || !isSafeColor(color) || /["\\]/.test(instance)) return ''
  return `.jl-root[data-jl="${instance}"]{--jl-brand:${color.trim()};--jl-brand-fg:${readableOn(color)}}`
}
