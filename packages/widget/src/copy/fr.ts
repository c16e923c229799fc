import type { WidgetCopy } from './widget-copy'

/** French. Formal address (vous); a narrow no-break space before : ? ! as French typography has. */
export const fr = {
  lang: 'fr',
  common: {
    close: 'Fermer',
    closeDialog: 'Fermer et annuler la connexion',
    back: 'Retour',
    loading: 'Chargement…',
    working: 'Vérification auprès de {provider}…',
    opensInNewTab: '(s’ouvre dans un nouvel onglet)',
    progress: 'Étape {current} sur {total}',
  },
  consent: {
    title: 'Connecter {host} à {provider}',
    intro:
      '{host} utilise JumpLink pour se connecter à votre organisation {provider} avec une clé d’API ou un compte de service.',
    readsTitle: '{host} pourra lire\u202f:',
    permissionRead: 'Lecture seule\u202f: {host} ne peut rien modifier dans {provider}.',
    permissionReadWrite:
      'Lecture et action\u202f: {host} peut aussi faire des modifications dans {provider} en votre nom, par exemple mettre à jour des utilisateurs ou des groupes.',
    forUser: 'Connexion pour {user}.',
    privacy:
      'Votre clé est chiffrée lorsqu’elle est enregistrée et n’est jamais montrée à {host}. Vous pouvez vous déconnecter à tout moment en révoquant la connexion ou la clé.',
    accept: 'Continuer',
    expires: 'Ce lien fonctionne jusqu’au {time}.',
  },
  instructions: {
    title: 'Créer une clé d’API dans {provider}',
    intro: 'Il vous faut un compte administrateur {provider}. Cela prend environ une minute.',
    cautionsTitle: 'Avant de commencer',
    consoleLinks: 'Ouvrez l’Admin Portal de {provider} pour votre région\u202f:',
    consoleLink: '{region}',
    docsLink: 'Aide de {provider} sur les clés d’API',
    haveKey: 'J’ai ma clé',
    roleRead:
      'Créez la clé avec un compte administrateur ayant le rôle {role}\u202f: il peut lire tout ce dont {host} a besoin et ne peut rien modifier.',
    roleReadWrite:
      'Créez la clé avec un compte administrateur ayant le rôle {role} (ou supérieur), pour que {host} puisse lire et aussi faire les modifications qu’il demande.',
    kindLegend: 'Comment {host} doit-il se connecter\u202f?',
    kindApiKey: 'Avec la {label} d’un administrateur',
    kindServiceAccount: 'Avec un compte de service (ID client et secret)',
    serviceAccountTitle: 'Créer un compte de service dans {provider}',
    serviceAccountRoleRead:
      'Donnez au compte de service le rôle {role}\u202f: il peut lire tout ce dont {host} a besoin et ne peut rien modifier.',
    serviceAccountRoleReadWrite:
      'Donnez au compte de service le rôle {role} (ou supérieur), pour que {host} puisse lire et aussi faire les modifications qu’il demande.',
    serviceAccountDocsLink: 'Aide de {provider} sur les comptes de service',
    haveServiceAccount: 'J’ai l’ID client et le secret',
  },
  credentials: {
    title: 'Saisissez votre {label}',
    updateTitle: 'Saisissez une nouvelle {label}',
    updateIntro:
      'La clé de {organization} ne fonctionne plus. Créez-en une nouvelle et collez-la ici\u202f: la connexion reste la même.',
    region: 'Région',
    regionHint:
      'L’endroit où votre organisation {provider} est hébergée. Une clé ne fonctionne que dans sa propre région.',
    key: '{label}',
    show: 'Afficher la clé',
    empty: 'Collez d’abord votre {label}.',
    formatWarning:
      'Cela ne ressemble pas à une {label} {provider}. {hint} Vérifiez que vous l’avez copiée en entier, ou envoyez-la quand même.',
    sendAnyway: 'Envoyer quand même',
    submit: 'Connecter',
    help: 'Comment créer une clé\u202f?',
    serviceAccountTitle: 'Saisissez l’ID client et le secret du compte de service',
    serviceAccountUpdateIntro:
      'Le compte de service de {organization} ne fonctionne plus. Créez un nouveau secret client et collez-le ici avec l’ID client\u202f: la connexion reste la même.',
    clientId: 'ID client',
    clientSecret: 'Secret client',
    showSecret: 'Afficher le secret',
    serviceAccountEmpty: 'Collez d’abord l’ID client et le secret client.',
    serviceAccountHelp: 'Comment créer un compte de service\u202f?',
  },
  organization: {
    title: 'Choisissez une organisation',
    intro:
      'Cette clé donne accès à plusieurs organisations. Choisissez celle à connecter à {host}.',
    search: 'Rechercher une organisation',
    matches: '{count} organisations affichées sur {total}',
    noMatch: 'Aucune organisation ne correspond à «\u202f{query}\u202f».',
    unnamed: 'Organisation sans nom ({id})',
    submit: 'Connecter',
  },
  duplicate: {
    title: '{organization} est déjà connectée',
    body: '{host} a déjà une connexion à {organization} pour vous. Remplacer sa clé par celle-ci\u202f? La connexion reste la même\u202f; seule la clé change.',
    replace: 'Remplacer la clé',
    cancel: 'Retour',
  },
  done: {
    title: 'Connecté',
    body: '{host} est maintenant connecté à {organization}.',
    updateBody: 'La nouvelle clé est enregistrée. {host} reste connecté à {organization}.',
    finish: 'Terminé',
  },
  errors: {
    invalid_request: {
      title: 'Quelque chose ne va pas dans le formulaire',
      body: 'La clé ou la région n’a pas pu être lue.',
      next: 'Vérifiez la clé et la région, puis réessayez.',
      action: 'edit_key',
    },
    payload_too_large: {
      title: 'Cette clé est trop longue',
      body: 'Le texte collé est bien plus long qu’une {label} {provider}.',
      next: 'Copiez seulement la clé elle-même et collez-la de nouveau.',
      action: 'edit_key',
    },
    unsupported_media_type: {
      title: 'Une erreur s’est produite',
      body: 'Le widget a envoyé une requête que le serveur n’a pas pu lire.',
      next: 'Fermez cette fenêtre et recommencez. Si cela se reproduit, contactez le support de {host}.',
      action: 'close',
    },
    route_not_found: {
      title: 'Le service de connexion est introuvable',
      body: '{host} est peut-être configuré avec une mauvaise adresse de serveur.',
      next: 'Fermez cette fenêtre et prévenez le support de {host}.',
      action: 'close',
    },
    method_not_allowed: {
      title: 'Une erreur s’est produite',
      body: 'Le widget et le service de connexion ne se comprennent pas.',
      next: 'Fermez cette fenêtre et prévenez le support de {host}.',
      action: 'close',
    },
    missing_credentials: {
      title: 'Ce lien de connexion n’est pas valide',
      body: 'Le widget a été ouvert sans lien de connexion.',
      next: 'Recommencez pour obtenir un nouveau lien.',
      action: 'restart',
    },
    invalid_token: {
      title: 'Ce lien de connexion n’est pas valide',
      body: 'Le lien est peut-être incomplet ou destiné à autre chose.',
      next: 'Recommencez pour obtenir un nouveau lien.',
      action: 'restart',
    },
    token_expired: {
      title: 'Ce lien de connexion a expiré',
      body: 'Les liens ne durent que peu de temps, pour protéger votre compte.',
      next: 'Recommencez pour obtenir un nouveau lien. Rien n’a été enregistré.',
      action: 'restart',
    },
    link_session_expired: {
      title: 'Ce lien de connexion a expiré',
      body: 'Les liens ne durent que peu de temps, pour protéger votre compte.',
      next: 'Recommencez pour obtenir un nouveau lien. Rien n’a été enregistré.',
      action: 'restart',
    },
    link_session_completed: {
      title: 'Déjà connecté',
      body: 'Ce lien a déjà servi à connecter une organisation.',
      next: 'Fermez cette fenêtre. Pour connecter une autre organisation, recommencez depuis {host}.',
      action: 'close',
    },
    origin_not_allowed: {
      title: 'Cette page ne peut pas connecter de comptes',
      body: '{host} n’a pas autorisé ce site à ouvrir la fenêtre de connexion.',
      next: 'Fermez cette fenêtre et prévenez le support de {host}.',
      action: 'close',
    },
    connection_not_found: {
      title: 'La connexion n’existe plus',
      body: 'La connexion que vous mettez à jour a été supprimée.',
      next: 'Fermez cette fenêtre et connectez-vous de nouveau depuis {host}.',
      action: 'close',
    },
    connection_revoked: {
      title: 'La connexion a été coupée',
      body: 'La connexion que vous mettez à jour a été révoquée et ne peut pas être réparée.',
      next: 'Fermez cette fenêtre et connectez-vous de nouveau depuis {host}.',
      action: 'close',
    },
    invalid_api_key: {
      title: '{provider} n’a pas accepté cette clé',
      body: 'La clé est peut-être mal saisie, d’une autre région, expirée ou remplacée par une clé plus récente.',
      next: 'Vérifiez la région et collez de nouveau la clé, ou créez-en une nouvelle.',
      action: 'edit_key',
    },
    invalid_client_credentials: {
      title: '{provider} n’a pas accepté ce compte de service',
      body: 'L’identifiant client ou le secret est peut-être mal saisi ou d’une autre région, ou le secret a expiré ou été supprimé.',
      next: 'Vérifiez la région et collez de nouveau l’identifiant client et le secret, ou créez un nouveau secret.',
      action: 'edit_key',
    },
    insufficient_permissions: {
      title: 'Cette clé ne peut pas lire ce dont {host} a besoin',
      body: 'La clé fonctionne, mais son administrateur n’a pas assez de droits, ou l’accès à l’API n’est pas activé pour lui.',
      next: 'Utilisez la clé d’un administrateur ayant un accès complet en lecture, avec l’accès à l’API activé.',
      action: 'show_instructions',
    },
    organization_not_accessible: {
      title: 'Cette clé n’a pas accès à cette organisation',
      body: 'L’administrateur de cette clé n’a pas accès à l’organisation.',
      next: 'Utilisez la clé d’un administrateur de cette organisation.',
      action: 'edit_key',
    },
    provider_rate_limited: {
      title: '{provider} est surchargé',
      body: '{provider} nous a demandé de ralentir.',
      next: 'Patientez un instant, puis réessayez. Votre clé est conservée.',
      action: 'retry',
    },
    provider_unavailable: {
      title: '{provider} ne répond pas correctement',
      body: '{provider} rencontre peut-être des problèmes en ce moment.',
      next: 'Réessayez dans une minute. Votre clé est conservée.',
      action: 'retry',
    },
    credential_unreadable: {
      title: 'La clé enregistrée doit être remplacée',
      body: 'La clé enregistrée pour {provider} ne peut plus être utilisée.',
      next: 'Recommencez et saisissez une nouvelle clé.',
      action: 'restart',
    },
    provider_timeout: {
      title: '{provider} a mis trop de temps à répondre',
      body: '{provider} est peut-être lent en ce moment.',
      next: 'Réessayez. Votre clé est conservée.',
      action: 'retry',
    },
    rate_limited: {
      title: 'Trop de tentatives',
      body: 'Pour protéger votre compte, nous avons suspendu les nouvelles tentatives un instant.',
      next: 'Patientez un instant, puis réessayez.',
      action: 'retry',
    },
    service_unavailable: {
      title: 'Le service de connexion est injoignable',
      body: 'Votre réseau est peut-être coupé, ou le service est surchargé.',
      next: 'Vérifiez votre connexion, puis réessayez.',
      action: 'retry',
    },
    internal_error: {
      title: 'Une erreur s’est produite de notre côté',
      body: 'Ce n’est pas de votre faute, et rien n’a été enregistré.',
      next: 'Réessayez. Si cela continue, contactez le support de {host}.',
      action: 'retry',
    },
    connection_exists: {
      title: 'Cette organisation est déjà connectée',
      body: '{host} a déjà une connexion à cette organisation.',
      next: 'Remplacez sa clé, ou revenez en arrière pour choisir une autre organisation.',
      action: 'edit_key',
    },
  },
  errorActions: {
    retry: 'Réessayer',
    edit_key: 'Vérifier la clé',
    show_instructions: 'Comment créer une clé',
    restart: 'Recommencer',
    close: 'Fermer',
  },
  retryAfter: {
    one: 'Vous pourrez réessayer dans {seconds} seconde.',
    other: 'Vous pourrez réessayer dans {seconds} secondes.',
  },
  retryNow: 'Vous pouvez réessayer maintenant.',
  reference: 'Référence\u202f: {id}',
  providers: {
    jumpcloud: {
      label: 'clé d’API',
      formatHint:
        'Commence par jca_ suivi de 36 lettres et chiffres (anciennes clés\u202f: 40 lettres et chiffres).',
      regions: { us: 'États-Unis', eu: 'Europe', in: 'Inde' },
      keySteps: [
        'Connectez-vous à l’Admin Portal de JumpCloud avec le compte administrateur que cette connexion doit utiliser. Un compte dédié est préférable\u202f: la clé agit avec les droits de cet administrateur.',
        'Ouvrez le menu de votre compte (vos initiales ou votre avatar) et choisissez My API Key.',
        'Choisissez Generate New API Key et copiez la clé. JumpCloud ne l’affiche qu’une seule fois.',
      ],
      keyCautions: [
        'L’accès à l’API est désactivé par défaut. Un Administrator with Billing doit d’abord l’activer pour le compte administrateur.',
        'Générer une nouvelle clé invalide la précédente\u202f: tout ce qui utilise encore l’ancienne clé cesse de fonctionner.',
        'Par défaut, les nouvelles clés expirent après 90 jours. À l’expiration, une nouvelle clé vous sera demandée.',
      ],
      readScopes: [
        'Les utilisateurs, leurs groupes, leurs responsables et leur statut MFA',
        'Les appareils et leur niveau de sécurité (chiffrement, pare-feu, version du système)',
        'Les applications SSO et qui peut les utiliser',
        'Les événements de connexion et d’audit',
      ],
      serviceAccountSteps: [
        'Connectez-vous à l’Admin Portal de JumpCloud en tant qu’Administrator with Billing.',
        'Allez dans Settings, puis Service Accounts, et ajoutez un compte de service. Nommez-le d’après son usage et donnez-lui le rôle indiqué plus haut.',
        'Créez un secret client et choisissez sa durée de validité. Copiez l’ID client et le secret client\u202f: JumpCloud n’affiche le secret qu’une fois.',
      ],
      serviceAccountCautions: [
        'Seul un Administrator with Billing peut créer des comptes de service.',
        'Un secret client reste valable pendant la durée choisie à sa création. Quand il expire, un nouveau vous sera demandé.',
        'Un compte de service peut avoir deux secrets à la fois\u202f: pour changer, créez le nouveau, saisissez-le ici, puis supprimez l’ancien.',
      ],
    },
  },
} satisfies WidgetCopy
