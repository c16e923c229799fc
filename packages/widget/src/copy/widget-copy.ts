import type { ErrorCode } from '@jumplink/shared/errors'

/**
 * What a button under an error does: send the same request again, go back to the key, show how
 * to make a key, start over with a fresh link token, or close the widget.
 */
export type ErrorAction = 'retry' | 'edit_key' | 'show_instructions' | 'restart' | 'close'

export interface ErrorCopy {
  title: string
  /** What happened, in plain words. */
  body: string
  /** What to do next. */
  next: string
  action: ErrorAction
}

/**
 * Every string the widget shows. `{name}` marks a value filled in at render time: `{host}` (the
 * host app), `{provider}` (the directory), `{label}` (what the directory calls its key) and the
 * like. A second language is one more file of this type.
 */
export interface WidgetCopy {
  /** BCP 47 tag of this table's language. */
  lang: string
  common: {
    close: string
    closeDialog: string
    back: string
    continue: string
    loading: string
    working: string
    opensInNewTab: string
  }
  consent: {
    title: string
    intro: string
    readsTitle: string
    permissionRead: string
    permissionReadWrite: string
    forUser: string
    privacy: string
    accept: string
  }
  instructions: {
    title: string
    intro: string
    cautionsTitle: string
    consoleLinks: string
    consoleLink: string
    docsLink: string
    haveKey: string
  }
  credentials: {
    title: string
    updateTitle: string
    updateIntro: string
    region: string
    regionHint: string
    key: string
    show: string
    hide: string
    empty: string
    formatWarning: string
    sendAnyway: string
    submit: string
    help: string
  }
  organization: {
    title: string
    intro: string
    search: string
    matches: string
    noMatch: string
    unnamed: string
    submit: string
  }
  done: {
    title: string
    body: string
    updateBody: string
    finish: string
  }
  hosted: {
    openedDirectly: string
  }
  errors: Record<ErrorCode, ErrorCopy>
  errorActions: Record<ErrorAction, string>
  retryAfter: string
  reference: string
}

/** The few strings the embed loader needs, kept apart so the loader stays small. */
export interface EmbedCopy {
  frameTitle: string
}
