import type { ErrorCode } from '@jumplink/shared/errors'

/**
 * What a button under an error does: send the same request again, go back to the key, show how
 * to make a key, start over with a fresh link token, or close the widget.
 */
export type ErrorAction = 'retry' | 'edit_key' | 'show_instructions' | 'restart' | 'close'

/**
 * Catalog codes only the host API answers (the public token exchange, unified reads and writes):
 * the widget talks to the link API alone, so it carries no copy for them. Should one reach it, it
 * is read by its HTTP status like any unknown code.
 */
export type HostApiOnlyCode =
  | 'invalid_cursor'
  | 'unsupported_filter'
  | 'invalid_secret_key'
  | 'invalid_public_token'
  | 'public_token_expired'
  | 'public_token_already_used'
  | 'resource_not_found'
  | 'write_not_permitted'
  | 'resource_conflict'
  | 'invalid_field_value'
  | 'idempotency_key_reused'
  | 'idempotency_request_in_progress'
  | 'webhook_endpoint_not_found'
  | 'webhook_delivery_not_found'
  | 'webhook_url_invalid'
  | 'webhook_url_insecure'
  | 'webhook_url_private'
  | 'webhook_endpoint_limit_reached'

/** The codes the link API can answer, each with copy in every language. */
export type WidgetErrorCode = Exclude<ErrorCode, HostApiOnlyCode>

export interface ErrorCopy {
  title: string
  /** What happened, in plain words. */
  body: string
  /** What to do next. */
  next: string
  action: ErrorAction
}

/**
 * A string that depends on a count, one form per plural category of the language
 * (`Intl.PluralRules`): English needs `one` and `other`, other languages may add `few`, `many`…
 */
export interface PluralCopy {
  zero?: string
  one?: string
  two?: string
  few?: string
  many?: string
  other: string
}

/**
 * The provider's own prose (from its metadata, in English) in another language. English reads
 * the metadata itself; a language without an entry for a provider shows the English prose.
 */
export interface ProviderCopy {
  /** What the directory calls its credential, `{label}` in the copy. */
  label: string
  formatHint: string
  /** Region labels by region id. */
  regions: Record<string, string>
  keySteps: readonly string[]
  keyCautions: readonly string[]
  readScopes: readonly string[]
  /** The service account guide's steps and cautions (empty if the directory has none). */
  serviceAccountSteps: readonly string[]
  serviceAccountCautions: readonly string[]
}

/**
 * Every string the widget shows. `{name}` marks a value filled in at render time: `{host}` (the
 * host app), `{provider}` (the directory), `{label}` (what the directory calls its key) and the
 * like. Every language is one file of this type (`en` is bundled, the others load on demand),
 * so adding a key means adding it to every language file: the type checker lists the files that
 * miss it, and `catalogs.test.ts` checks the placeholders match.
 */
export interface WidgetCopy {
  /** BCP 47 tag of this table's language. */
  lang: string
  common: {
    close: string
    closeDialog: string
    back: string
    loading: string
    working: string
    opensInNewTab: string
    /** The progress indicator, "Step 2 of 4". */
    progress: string
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
    /** When the link stops working, `{time}` formatted by `Intl.DateTimeFormat`. */
    expires: string
  }
  instructions: {
    title: string
    intro: string
    cautionsTitle: string
    consoleLinks: string
    consoleLink: string
    docsLink: string
    haveKey: string
    /** Which admin role to create the key with, `{role}` in the directory's own words. */
    roleRead: string
    roleReadWrite: string
    /** The choice between the two credentials, when the directory offers a service account. */
    kindLegend: string
    kindApiKey: string
    kindServiceAccount: string
    /** The service account's guide: title, role, link to the directory's help, next button. */
    serviceAccountTitle: string
    serviceAccountRoleRead: string
    serviceAccountRoleReadWrite: string
    serviceAccountDocsLink: string
    haveServiceAccount: string
  }
  credentials: {
    title: string
    updateTitle: string
    updateIntro: string
    region: string
    regionHint: string
    key: string
    show: string
    empty: string
    formatWarning: string
    sendAnyway: string
    submit: string
    help: string
    /** The service account's form: client id and client secret instead of a key. */
    serviceAccountTitle: string
    serviceAccountUpdateIntro: string
    clientId: string
    clientSecret: string
    showSecret: string
    serviceAccountEmpty: string
    serviceAccountHelp: string
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
  /** The organization chosen is already connected for this user: replace its key? */
  duplicate: {
    title: string
    body: string
    replace: string
    cancel: string
  }
  done: {
    title: string
    body: string
    updateBody: string
    finish: string
  }
  errors: Record<WidgetErrorCode, ErrorCopy>
  errorActions: Record<ErrorAction, string>
  /** Counts down while a rate limit lasts. */
  retryAfter: PluralCopy
  retryNow: string
  reference: string
  /** Translations of each provider's own prose, by provider id (English uses the metadata). */
  providers?: Record<string, ProviderCopy>
}

/** The few strings the embed loader needs, kept apart so the loader stays small. */
export interface EmbedCopy {
  frameTitle: string
}
