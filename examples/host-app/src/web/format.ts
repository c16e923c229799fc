const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' })
const dateTimeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' })

export function formatDate(iso: string | null, empty = 'Never'): string {
  return iso ? dateFormat.format(new Date(iso)) : empty
}

export function formatDateTime(iso: string | null, empty = 'Never'): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : empty
}

/** Tri-state flags: null means the directory did not report it, which is not "no". */
export function triState(value: boolean | null, yes: string, no: string): string {
  if (value === null) return 'Unknown'
  return value ? yes : no
}
