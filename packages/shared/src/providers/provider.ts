/**
 * What the widget needs to know about a directory to draw its connection form. Data only: the
 * widget reads it generically and never branches on which provider it is.
 */
export interface ProviderMetadata {
  id: string
  /** As the directory spells its own name. */
  name: string
  credential: {
    /** What the directory calls the credential. */
    label: string
    /** Source of a RegExp that every genuine key matches, used to warn before sending. */
    pattern: string
    /** One sentence telling what a key looks like. */
    formatHint: string
    placeholder: string
  }
  regions: readonly {
    id: 'us' | 'eu' | 'in'
    label: string
    /** Where the admin signs in, to create the key. */
    consoleUrl: string
  }[]
  defaultRegion: 'us' | 'eu' | 'in'
  /** Plain-words steps to create a key, in order. */
  keySteps: readonly string[]
  /** Things an admin must know before creating a key. */
  keyCautions: readonly string[]
  /** What a read-only connection lets the host see, one line each. */
  readScopes: readonly string[]
  docsUrl: string
  /**
   * The directory's own names of the admin roles that suit each kind of connection, as its
   * console shows them (not translated: the admin looks for these exact words).
   */
  adminRoles?: { read: string; readWrite: string }
  /**
   * The directory's second credential, if it has one: a service account with OAuth client
   * credentials (client id and secret) instead of one admin's key. The widget then lets the
   * admin choose, and shows this guide for it.
   */
  serviceAccount?: {
    /** Plain-words steps to create a service account and its secret, in order. */
    steps: readonly string[]
    /** Things to know first: who may create one, how long a secret lasts, rotation. */
    cautions: readonly string[]
    docsUrl: string
  }
  /** The directory's brand color, for the mark the widget draws next to its name. */
  brandColor?: string
}
