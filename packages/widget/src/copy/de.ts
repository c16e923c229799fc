import type { WidgetCopy } from './widget-copy'

/** German. Formal address (Sie), as business software in German is written. */
export const de = {
  lang: 'de',
  common: {
    close: 'Schließen',
    closeDialog: 'Schließen und Verbindung abbrechen',
    back: 'Zurück',
    loading: 'Wird geladen…',
    working: 'Wird bei {provider} geprüft…',
    opensInNewTab: '(öffnet in einem neuen Tab)',
    progress: 'Schritt {current} von {total}',
  },
  consent: {
    title: '{host} mit {provider} verbinden',
    intro:
      '{host} verbindet sich über JumpLink mit einem API-Schlüssel oder einem Dienstkonto mit Ihrer {provider}-Organisation.',
    readsTitle: '{host} kann dann Folgendes lesen:',
    permissionRead: 'Nur lesen: {host} kann in {provider} nichts ändern.',
    permissionReadWrite:
      'Lesen und handeln: {host} kann in {provider} auch in Ihrem Auftrag Änderungen vornehmen, etwa Benutzer oder Gruppen aktualisieren.',
    forUser: 'Verbindung für {user}.',
    privacy:
      'Ihr Schlüssel wird verschlüsselt gespeichert und {host} nie gezeigt. Sie können die Verbindung jederzeit trennen, indem Sie sie oder den Schlüssel widerrufen.',
    accept: 'Weiter',
    expires: 'Dieser Link gilt bis {time}.',
  },
  instructions: {
    title: 'API-Schlüssel in {provider} erstellen',
    intro: 'Sie brauchen ein Administratorkonto bei {provider}. Es dauert etwa eine Minute.',
    cautionsTitle: 'Bevor Sie beginnen',
    consoleLinks: 'Öffnen Sie das {provider} Admin Portal Ihrer Region:',
    consoleLink: '{region}',
    docsLink: 'Hilfe von {provider} zu API-Schlüsseln',
    haveKey: 'Ich habe meinen Schlüssel',
    roleRead:
      'Erstellen Sie den Schlüssel als Administrator mit der Rolle {role}: Sie kann alles lesen, was {host} braucht, und nichts ändern.',
    roleReadWrite:
      'Erstellen Sie den Schlüssel als Administrator mit der Rolle {role} (oder höher), damit {host} lesen und auch die gewünschten Änderungen vornehmen kann.',
    kindLegend: 'Wie soll sich {host} verbinden?',
    kindApiKey: 'Mit dem {label} eines Administrators',
    kindServiceAccount: 'Mit einem Dienstkonto (Client-ID und Secret)',
    serviceAccountTitle: 'Dienstkonto in {provider} erstellen',
    serviceAccountRoleRead:
      'Geben Sie dem Dienstkonto die Rolle {role}: Sie kann alles lesen, was {host} braucht, und nichts ändern.',
    serviceAccountRoleReadWrite:
      'Geben Sie dem Dienstkonto die Rolle {role} (oder höher), damit {host} lesen und auch die gewünschten Änderungen vornehmen kann.',
    serviceAccountDocsLink: 'Hilfe von {provider} zu Dienstkonten',
    haveServiceAccount: 'Ich habe Client-ID und Secret',
  },
  credentials: {
    title: '{label} eingeben',
    updateTitle: 'Neuen {label} eingeben',
    updateIntro:
      'Der Schlüssel für {organization} funktioniert nicht mehr. Erstellen Sie einen neuen und fügen Sie ihn hier ein: Die Verbindung bleibt dieselbe.',
    region: 'Region',
    regionHint:
      'Wo Ihre {provider}-Organisation gehostet wird. Ein Schlüssel funktioniert nur in seiner eigenen Region.',
    key: '{label}',
    show: 'Schlüssel zeigen',
    empty: 'Fügen Sie zuerst Ihren {label} ein.',
    formatWarning:
      'Das sieht nicht wie ein {label} von {provider} aus. {hint} Prüfen Sie, ob Sie ihn vollständig kopiert haben, oder senden Sie ihn trotzdem.',
    sendAnyway: 'Trotzdem senden',
    submit: 'Verbinden',
    help: 'Wie erstelle ich einen Schlüssel?',
    serviceAccountTitle: 'Client-ID und Secret des Dienstkontos eingeben',
    serviceAccountUpdateIntro:
      'Das Dienstkonto für {organization} funktioniert nicht mehr. Erstellen Sie ein neues Client-Secret und fügen Sie es hier mit der Client-ID ein: Die Verbindung bleibt dieselbe.',
    clientId: 'Client-ID',
    clientSecret: 'Client-Secret',
    showSecret: 'Secret zeigen',
    serviceAccountEmpty: 'Fügen Sie zuerst die Client-ID und das Client-Secret ein.',
    serviceAccountHelp: 'Wie erstelle ich ein Dienstkonto?',
  },
  organization: {
    title: 'Organisation wählen',
    intro:
      'Dieser Schlüssel erreicht mehrere Organisationen. Wählen Sie die, die mit {host} verbunden werden soll.',
    search: 'Organisationen durchsuchen',
    matches: '{count} von {total} Organisationen angezeigt',
    noMatch: 'Keine Organisation passt zu „{query}“.',
    unnamed: 'Organisation ohne Namen ({id})',
    submit: 'Verbinden',
  },
  duplicate: {
    title: '{organization} ist bereits verbunden',
    body: '{host} hat für Sie bereits eine Verbindung zu {organization}. Soll deren Schlüssel durch diesen ersetzt werden? Die Verbindung bleibt dieselbe, nur der Schlüssel ändert sich.',
    replace: 'Schlüssel ersetzen',
    cancel: 'Zurück',
  },
  done: {
    title: 'Verbunden',
    body: '{host} ist jetzt mit {organization} verbunden.',
    updateBody: 'Der neue Schlüssel ist gespeichert. {host} bleibt mit {organization} verbunden.',
    finish: 'Fertig',
  },
  errors: {
    invalid_request: {
      title: 'Etwas im Formular stimmt nicht',
      body: 'Der Schlüssel oder die Region konnte nicht gelesen werden.',
      next: 'Prüfen Sie Schlüssel und Region und versuchen Sie es erneut.',
      action: 'edit_key',
    },
    payload_too_large: {
      title: 'Dieser Schlüssel ist zu lang',
      body: 'Das Eingefügte ist viel länger als ein {label} von {provider}.',
      next: 'Kopieren Sie nur den Schlüssel selbst und fügen Sie ihn erneut ein.',
      action: 'edit_key',
    },
    unsupported_media_type: {
      title: 'Etwas ist schiefgelaufen',
      body: 'Das Widget hat eine Anfrage gesendet, die der Server nicht lesen konnte.',
      next: 'Schließen Sie dieses Fenster und beginnen Sie neu. Passiert es wieder, wenden Sie sich an den Support von {host}.',
      action: 'close',
    },
    route_not_found: {
      title: 'Der Verbindungsdienst wurde nicht gefunden',
      body: '{host} ist vielleicht mit der falschen Serveradresse eingerichtet.',
      next: 'Schließen Sie dieses Fenster und informieren Sie den Support von {host}.',
      action: 'close',
    },
    method_not_allowed: {
      title: 'Etwas ist schiefgelaufen',
      body: 'Das Widget und der Verbindungsdienst verstehen einander nicht.',
      next: 'Schließen Sie dieses Fenster und informieren Sie den Support von {host}.',
      action: 'close',
    },
    missing_credentials: {
      title: 'Dieser Verbindungslink ist ungültig',
      body: 'Das Widget wurde ohne Verbindungslink geöffnet.',
      next: 'Beginnen Sie neu, um einen neuen Link zu erhalten.',
      action: 'restart',
    },
    invalid_token: {
      title: 'Dieser Verbindungslink ist ungültig',
      body: 'Der Link ist vielleicht unvollständig oder für etwas anderes gedacht.',
      next: 'Beginnen Sie neu, um einen neuen Link zu erhalten.',
      action: 'restart',
    },
    token_expired: {
      title: 'Dieser Verbindungslink ist abgelaufen',
      body: 'Links gelten zum Schutz Ihres Kontos nur kurze Zeit.',
      next: 'Beginnen Sie neu, um einen neuen Link zu erhalten. Es wurde nichts gespeichert.',
      action: 'restart',
    },
    link_session_expired: {
      title: 'Dieser Verbindungslink ist abgelaufen',
      body: 'Links gelten zum Schutz Ihres Kontos nur kurze Zeit.',
      next: 'Beginnen Sie neu, um einen neuen Link zu erhalten. Es wurde nichts gespeichert.',
      action: 'restart',
    },
    link_session_completed: {
      title: 'Bereits verbunden',
      body: 'Mit diesem Link wurde schon eine Organisation verbunden.',
      next: 'Schließen Sie dieses Fenster. Um eine weitere Organisation zu verbinden, beginnen Sie in {host} neu.',
      action: 'close',
    },
    origin_not_allowed: {
      title: 'Diese Seite darf keine Konten verbinden',
      body: '{host} hat dieser Website nicht erlaubt, das Verbindungsfenster zu öffnen.',
      next: 'Schließen Sie dieses Fenster und informieren Sie den Support von {host}.',
      action: 'close',
    },
    connection_not_found: {
      title: 'Die Verbindung gibt es nicht mehr',
      body: 'Die Verbindung, die Sie aktualisieren, wurde entfernt.',
      next: 'Schließen Sie dieses Fenster und verbinden Sie in {host} neu.',
      action: 'close',
    },
    connection_revoked: {
      title: 'Die Verbindung wurde getrennt',
      body: 'Die Verbindung, die Sie aktualisieren, wurde widerrufen und lässt sich nicht reparieren.',
      next: 'Schließen Sie dieses Fenster und verbinden Sie in {host} neu.',
      action: 'close',
    },
    invalid_api_key: {
      title: '{provider} hat diesen Schlüssel nicht angenommen',
      body: 'Der Schlüssel ist vielleicht vertippt, aus einer anderen Region, abgelaufen oder durch einen neueren ersetzt.',
      next: 'Prüfen Sie die Region und fügen Sie den Schlüssel erneut ein, oder erstellen Sie einen neuen.',
      action: 'edit_key',
    },
    invalid_client_credentials: {
      title: '{provider} hat dieses Dienstkonto nicht angenommen',
      body: 'Client-ID oder Secret sind vielleicht vertippt oder aus einer anderen Region, oder das Secret ist abgelaufen oder wurde gelöscht.',
      next: 'Prüfen Sie die Region und fügen Sie Client-ID und Secret erneut ein, oder erstellen Sie ein neues Secret.',
      action: 'edit_key',
    },
    insufficient_permissions: {
      title: 'Dieser Schlüssel kann nicht lesen, was {host} braucht',
      body: 'Der Schlüssel funktioniert, aber sein Administrator hat nicht genug Rechte, oder der API-Zugang ist für ihn nicht aktiviert.',
      next: 'Verwenden Sie den Schlüssel eines Administrators mit vollem Lesezugriff und aktiviertem API-Zugang.',
      action: 'show_instructions',
    },
    organization_not_accessible: {
      title: 'Dieser Schlüssel erreicht diese Organisation nicht',
      body: 'Der Administrator dieses Schlüssels hat keinen Zugriff auf die Organisation.',
      next: 'Verwenden Sie den Schlüssel eines Administrators dieser Organisation.',
      action: 'edit_key',
    },
    provider_rate_limited: {
      title: '{provider} ist ausgelastet',
      body: '{provider} hat uns gebeten, langsamer zu machen.',
      next: 'Warten Sie einen Moment und versuchen Sie es dann erneut. Ihr Schlüssel bleibt erhalten.',
      action: 'retry',
    },
    provider_unavailable: {
      title: '{provider} antwortet nicht richtig',
      body: '{provider} hat gerade vielleicht Probleme.',
      next: 'Versuchen Sie es in einer Minute erneut. Ihr Schlüssel bleibt erhalten.',
      action: 'retry',
    },
    credential_unreadable: {
      title: 'Der gespeicherte Schlüssel muss ersetzt werden',
      body: 'Der für {provider} gespeicherte Schlüssel kann nicht mehr verwendet werden.',
      next: 'Beginnen Sie erneut und geben Sie einen neuen Schlüssel ein.',
      action: 'restart',
    },
    provider_timeout: {
      title: '{provider} hat zu lange gebraucht',
      body: '{provider} ist gerade vielleicht langsam.',
      next: 'Versuchen Sie es erneut. Ihr Schlüssel bleibt erhalten.',
      action: 'retry',
    },
    rate_limited: {
      title: 'Zu viele Versuche',
      body: 'Zum Schutz Ihres Kontos haben wir neue Versuche kurz angehalten.',
      next: 'Warten Sie einen Moment und versuchen Sie es dann erneut.',
      action: 'retry',
    },
    service_unavailable: {
      title: 'Der Verbindungsdienst ist nicht erreichbar',
      body: 'Vielleicht ist Ihr Netzwerk getrennt oder der Dienst ausgelastet.',
      next: 'Prüfen Sie Ihre Verbindung und versuchen Sie es dann erneut.',
      action: 'retry',
    },
    internal_error: {
      title: 'Bei uns ist etwas schiefgelaufen',
      body: 'Es liegt nicht an Ihnen, und es wurde nichts gespeichert.',
      next: 'Versuchen Sie es erneut. Passiert es immer wieder, wenden Sie sich an den Support von {host}.',
      action: 'retry',
    },
    connection_exists: {
      title: 'Diese Organisation ist bereits verbunden',
      body: '{host} hat bereits eine Verbindung zu dieser Organisation.',
      next: 'Ersetzen Sie deren Schlüssel, oder gehen Sie zurück und wählen Sie eine andere Organisation.',
      action: 'edit_key',
    },
  },
  errorActions: {
    retry: 'Erneut versuchen',
    edit_key: 'Schlüssel prüfen',
    show_instructions: 'So erstellen Sie einen Schlüssel',
    restart: 'Neu beginnen',
    close: 'Schließen',
  },
  retryAfter: {
    one: 'Sie können es in {seconds} Sekunde erneut versuchen.',
    other: 'Sie können es in {seconds} Sekunden erneut versuchen.',
  },
  retryNow: 'Sie können es jetzt erneut versuchen.',
  reference: 'Referenz: {id}',
  providers: {
    jumpcloud: {
      label: 'API-Schlüssel',
      formatHint:
        'Beginnt mit jca_, gefolgt von 36 Buchstaben und Ziffern (ältere Schlüssel: 40 Buchstaben und Ziffern).',
      regions: { us: 'Vereinigte Staaten', eu: 'Europa', in: 'Indien' },
      keySteps: [
        'Melden Sie sich im JumpCloud Admin Portal mit dem Administratorkonto an, das diese Verbindung nutzen soll. Am besten ein eigenes Konto: Der Schlüssel handelt mit den Rechten dieses Administrators.',
        'Öffnen Sie Ihr Kontomenü (Ihre Initialen oder Ihr Bild) und wählen Sie My API Key.',
        'Wählen Sie Generate New API Key und kopieren Sie den Schlüssel. JumpCloud zeigt ihn nur einmal.',
      ],
      keyCautions: [
        'Der API-Zugang ist standardmäßig aus. Ein Administrator with Billing muss ihn zuerst für das Administratorkonto aktivieren.',
        'Ein neuer Schlüssel macht den vorherigen ungültig: Alles, was noch den alten Schlüssel nutzt, funktioniert dann nicht mehr.',
        'Neue Schlüssel laufen standardmäßig nach 90 Tagen ab. Dann werden Sie um einen neuen gebeten.',
      ],
      readScopes: [
        'Benutzer, ihre Gruppen, Vorgesetzten und MFA-Status',
        'Geräte und ihr Sicherheitszustand (Verschlüsselung, Firewall, Betriebssystemversion)',
        'SSO-Anwendungen und wer sie nutzen darf',
        'Anmelde- und Audit-Ereignisse',
      ],
      serviceAccountSteps: [
        'Melden Sie sich im JumpCloud Admin Portal als Administrator with Billing an.',
        'Gehen Sie zu Settings, dann Service Accounts, und legen Sie ein Dienstkonto an. Benennen Sie es nach seinem Zweck und geben Sie ihm die oben genannte Rolle.',
        'Erstellen Sie ein Client-Secret und wählen Sie, wie lange es gilt. Kopieren Sie Client-ID und Client-Secret: JumpCloud zeigt das Secret nur einmal.',
      ],
      serviceAccountCautions: [
        'Nur ein Administrator with Billing kann Dienstkonten erstellen.',
        'Ein Client-Secret gilt so lange, wie Sie beim Erstellen gewählt haben. Läuft es ab, werden Sie um ein neues gebeten.',
        'Ein Dienstkonto kann zwei Secrets zugleich haben: Zum Wechseln erstellen Sie das neue, geben es hier ein und löschen dann das alte.',
      ],
    },
  },
} satisfies WidgetCopy
