import type { Language } from '../copy'

/**
 * What the hosted page says when it is opened on its own, not in a host app's window. Only this
 * page needs it, so it is not in the widget's catalogs (the in-page bundle would carry it), and
 * it needs no catalog to load first.
 */
export const OPENED_DIRECTLY: Record<Language, string> = {
  en: 'This page only works inside the connection window of the app you came from. Go back to that app and start again there.',
  de: 'Diese Seite funktioniert nur im Verbindungsfenster der App, aus der Sie kommen. Kehren Sie zu dieser App zurück und beginnen Sie dort neu.',
  fr: 'Cette page ne fonctionne que dans la fenêtre de connexion de l’application d’où vous venez. Retournez dans cette application et recommencez depuis celle-ci.',
  es: 'Esta página solo funciona dentro de la ventana de conexión de la aplicación de la que viene. Vuelva a esa aplicación y empiece de nuevo allí.',
}
