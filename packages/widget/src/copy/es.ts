import type { WidgetCopy } from './widget-copy'

/** Spanish, neutral for Spain and Latin America; formal address (usted). */
export const es = {
  lang: 'es',
  common: {
    close: 'Cerrar',
    closeDialog: 'Cerrar y cancelar la conexión',
    back: 'Atrás',
    loading: 'Cargando…',
    working: 'Comprobando con {provider}…',
    opensInNewTab: '(se abre en una pestaña nueva)',
    progress: 'Paso {current} de {total}',
  },
  consent: {
    title: 'Conectar {host} con {provider}',
    intro:
      '{host} usa JumpLink para conectarse a su organización de {provider} con una clave de API o una cuenta de servicio.',
    readsTitle: '{host} podrá leer:',
    permissionRead: 'Solo lectura: {host} no puede cambiar nada en {provider}.',
    permissionReadWrite:
      'Lectura y acción: {host} también puede hacer cambios en {provider} en su nombre, como actualizar usuarios o grupos.',
    forUser: 'Conexión para {user}.',
    privacy:
      'Su clave se guarda cifrada y nunca se muestra a {host}. Puede desconectarse en cualquier momento revocando la conexión o la clave.',
    accept: 'Continuar',
    expires: 'Este enlace funciona hasta el {time}.',
  },
  instructions: {
    title: 'Cree una clave de API en {provider}',
    intro: 'Necesita una cuenta de administrador de {provider}. Tarda alrededor de un minuto.',
    cautionsTitle: 'Antes de empezar',
    consoleLinks: 'Abra el Admin Portal de {provider} de su región:',
    consoleLink: '{region}',
    docsLink: 'Ayuda de {provider} sobre claves de API',
    haveKey: 'Ya tengo mi clave',
    roleRead:
      'Cree la clave con un administrador que tenga el rol {role}: puede leer todo lo que {host} necesita y no puede cambiar nada.',
    roleReadWrite:
      'Cree la clave con un administrador que tenga el rol {role} (o superior), para que {host} pueda leer y también hacer los cambios que solicite.',
    kindLegend: '¿Cómo debe conectarse {host}?',
    kindApiKey: 'Con la {label} de un administrador',
    kindServiceAccount: 'Con una cuenta de servicio (ID de cliente y secreto)',
    serviceAccountTitle: 'Crear una cuenta de servicio en {provider}',
    serviceAccountRoleRead:
      'Asigne a la cuenta de servicio el rol {role}: puede leer todo lo que {host} necesita y no puede cambiar nada.',
    serviceAccountRoleReadWrite:
      'Asigne a la cuenta de servicio el rol {role} (o superior), para que {host} pueda leer y también hacer los cambios que solicite.',
    serviceAccountDocsLink: 'Ayuda de {provider} sobre cuentas de servicio',
    haveServiceAccount: 'Tengo el ID de cliente y el secreto',
  },
  credentials: {
    title: 'Introduzca su {label}',
    updateTitle: 'Introduzca una nueva {label}',
    updateIntro:
      'La clave de {organization} ya no funciona. Cree una nueva y péguela aquí: la conexión sigue siendo la misma.',
    region: 'Región',
    regionHint:
      'Dónde está alojada su organización de {provider}. Una clave solo funciona en su propia región.',
    key: '{label}',
    show: 'Mostrar clave',
    empty: 'Primero pegue su {label}.',
    formatWarning:
      'Esto no parece una {label} de {provider}. {hint} Compruebe que la copió entera, o envíela de todos modos.',
    sendAnyway: 'Enviar de todos modos',
    submit: 'Conectar',
    help: '¿Cómo creo una clave?',
    serviceAccountTitle: 'Introduzca el ID de cliente y el secreto de la cuenta de servicio',
    serviceAccountUpdateIntro:
      'La cuenta de servicio de {organization} ya no funciona. Cree un nuevo secreto de cliente y péguelo aquí con el ID de cliente: la conexión sigue siendo la misma.',
    clientId: 'ID de cliente',
    clientSecret: 'Secreto de cliente',
    showSecret: 'Mostrar secreto',
    serviceAccountEmpty: 'Pegue primero el ID de cliente y el secreto de cliente.',
    serviceAccountHelp: '¿Cómo creo una cuenta de servicio?',
  },
  organization: {
    title: 'Elija una organización',
    intro: 'Esta clave llega a varias organizaciones. Elija la que quiere conectar con {host}.',
    search: 'Buscar organizaciones',
    matches: 'Se muestran {count} de {total} organizaciones',
    noMatch: 'Ninguna organización coincide con «{query}».',
    unnamed: 'Organización sin nombre ({id})',
    submit: 'Conectar',
  },
  duplicate: {
    title: '{organization} ya está conectada',
    body: '{host} ya tiene una conexión con {organization} para usted. ¿Reemplazar su clave por esta? La conexión sigue siendo la misma; solo cambia la clave.',
    replace: 'Reemplazar la clave',
    cancel: 'Atrás',
  },
  done: {
    title: 'Conectado',
    body: '{host} ya está conectado con {organization}.',
    updateBody: 'La nueva clave está guardada. {host} sigue conectado con {organization}.',
    finish: 'Listo',
  },
  errors: {
    invalid_request: {
      title: 'Algo no está bien en el formulario',
      body: 'No se pudo leer la clave o la región.',
      next: 'Compruebe la clave y la región, y vuelva a intentarlo.',
      action: 'edit_key',
    },
    payload_too_large: {
      title: 'Esa clave es demasiado larga',
      body: 'Lo que pegó es mucho más largo que una {label} de {provider}.',
      next: 'Copie solo la clave y vuelva a pegarla.',
      action: 'edit_key',
    },
    unsupported_media_type: {
      title: 'Algo salió mal',
      body: 'El widget envió una solicitud que el servidor no pudo leer.',
      next: 'Cierre esta ventana y empiece de nuevo. Si vuelve a pasar, contacte con el soporte de {host}.',
      action: 'close',
    },
    route_not_found: {
      title: 'No se encontró el servicio de conexión',
      body: 'Puede que {host} esté configurado con una dirección de servidor equivocada.',
      next: 'Cierre esta ventana e informe al soporte de {host}.',
      action: 'close',
    },
    method_not_allowed: {
      title: 'Algo salió mal',
      body: 'El widget y el servicio de conexión no se entienden.',
      next: 'Cierre esta ventana e informe al soporte de {host}.',
      action: 'close',
    },
    missing_credentials: {
      title: 'Este enlace de conexión no es válido',
      body: 'El widget se abrió sin un enlace de conexión.',
      next: 'Empiece de nuevo para obtener un enlace nuevo.',
      action: 'restart',
    },
    invalid_token: {
      title: 'Este enlace de conexión no es válido',
      body: 'Puede que el enlace esté incompleto o sea para otra cosa.',
      next: 'Empiece de nuevo para obtener un enlace nuevo.',
      action: 'restart',
    },
    token_expired: {
      title: 'Este enlace de conexión ha caducado',
      body: 'Los enlaces solo duran poco tiempo, para proteger su cuenta.',
      next: 'Empiece de nuevo para obtener un enlace nuevo. No se guardó nada.',
      action: 'restart',
    },
    link_session_expired: {
      title: 'Este enlace de conexión ha caducado',
      body: 'Los enlaces solo duran poco tiempo, para proteger su cuenta.',
      next: 'Empiece de nuevo para obtener un enlace nuevo. No se guardó nada.',
      action: 'restart',
    },
    link_session_completed: {
      title: 'Ya está conectado',
      body: 'Este enlace ya se usó para conectar una organización.',
      next: 'Cierre esta ventana. Para conectar otra organización, empiece de nuevo desde {host}.',
      action: 'close',
    },
    origin_not_allowed: {
      title: 'Esta página no puede conectar cuentas',
      body: '{host} no ha permitido que este sitio web abra la ventana de conexión.',
      next: 'Cierre esta ventana e informe al soporte de {host}.',
      action: 'close',
    },
    connection_not_found: {
      title: 'La conexión ya no existe',
      body: 'La conexión que está actualizando se eliminó.',
      next: 'Cierre esta ventana y vuelva a conectar desde {host}.',
      action: 'close',
    },
    connection_revoked: {
      title: 'La conexión se desconectó',
      body: 'La conexión que está actualizando se revocó y no se puede reparar.',
      next: 'Cierre esta ventana y vuelva a conectar desde {host}.',
      action: 'close',
    },
    invalid_api_key: {
      title: '{provider} no aceptó esta clave',
      body: 'Puede que la clave esté mal escrita, sea de otra región, haya caducado o se haya sustituido por otra más reciente.',
      next: 'Compruebe la región y vuelva a pegar la clave, o cree una nueva.',
      action: 'edit_key',
    },
    invalid_client_credentials: {
      title: '{provider} no aceptó esta cuenta de servicio',
      body: 'Puede que el ID de cliente o el secreto estén mal escritos o sean de otra región, o que el secreto haya caducado o se haya eliminado.',
      next: 'Compruebe la región y vuelva a pegar el ID de cliente y el secreto, o cree un secreto nuevo.',
      action: 'edit_key',
    },
    insufficient_permissions: {
      title: 'Esta clave no puede leer lo que {host} necesita',
      body: 'La clave funciona, pero su administrador no tiene permisos suficientes o no tiene activado el acceso a la API.',
      next: 'Use la clave de un administrador con acceso completo de lectura y con el acceso a la API activado.',
      action: 'show_instructions',
    },
    organization_not_accessible: {
      title: 'Esta clave no llega a esa organización',
      body: 'El administrador de esta clave no tiene acceso a la organización.',
      next: 'Use la clave de un administrador de esa organización.',
      action: 'edit_key',
    },
    provider_rate_limited: {
      title: '{provider} está saturado',
      body: '{provider} nos pidió que fuéramos más despacio.',
      next: 'Espere un momento y vuelva a intentarlo. Su clave se conserva.',
      action: 'retry',
    },
    provider_unavailable: {
      title: '{provider} no responde correctamente',
      body: 'Puede que {provider} tenga problemas en este momento.',
      next: 'Vuelva a intentarlo en un minuto. Su clave se conserva.',
      action: 'retry',
    },
    credential_unreadable: {
      title: 'Hay que sustituir la clave guardada',
      body: 'La clave guardada para {provider} ya no se puede usar.',
      next: 'Empiece de nuevo e introduzca una clave nueva.',
      action: 'restart',
    },
    provider_timeout: {
      title: '{provider} tardó demasiado en responder',
      body: 'Puede que {provider} esté lento en este momento.',
      next: 'Vuelva a intentarlo. Su clave se conserva.',
      action: 'retry',
    },
    rate_limited: {
      title: 'Demasiados intentos',
      body: 'Para proteger su cuenta, pausamos los nuevos intentos durante un momento.',
      next: 'Espere un momento y vuelva a intentarlo.',
      action: 'retry',
    },
    service_unavailable: {
      title: 'No pudimos llegar al servicio de conexión',
      body: 'Puede que su red no funcione o que el servicio esté saturado.',
      next: 'Compruebe su conexión y vuelva a intentarlo.',
      action: 'retry',
    },
    internal_error: {
      title: 'Algo salió mal por nuestra parte',
      body: 'No es culpa suya y no se guardó nada.',
      next: 'Vuelva a intentarlo. Si sigue pasando, contacte con el soporte de {host}.',
      action: 'retry',
    },
    connection_exists: {
      title: 'Esta organización ya está conectada',
      body: '{host} ya tiene una conexión con esta organización.',
      next: 'Reemplace su clave, o vuelva atrás y elija otra organización.',
      action: 'edit_key',
    },
  },
  errorActions: {
    retry: 'Volver a intentarlo',
    edit_key: 'Revisar la clave',
    show_instructions: 'Cómo crear una clave',
    restart: 'Empezar de nuevo',
    close: 'Cerrar',
  },
  retryAfter: {
    one: 'Podrá volver a intentarlo dentro de {seconds} segundo.',
    other: 'Podrá volver a intentarlo dentro de {seconds} segundos.',
  },
  retryNow: 'Ya puede volver a intentarlo.',
  reference: 'Referencia: {id}',
  providers: {
    jumpcloud: {
      label: 'clave de API',
      formatHint:
        'Empieza por jca_ seguido de 36 letras y números (claves antiguas: 40 letras y números).',
      regions: { us: 'Estados Unidos', eu: 'Europa', in: 'India' },
      keySteps: [
        'Inicie sesión en el Admin Portal de JumpCloud con la cuenta de administrador que debe usar esta conexión. Lo mejor es una cuenta dedicada: la clave actúa con los permisos de ese administrador.',
        'Abra el menú de su cuenta (sus iniciales o su avatar) y elija My API Key.',
        'Elija Generate New API Key y copie la clave. JumpCloud la muestra solo una vez.',
      ],
      keyCautions: [
        'El acceso a la API está desactivado por defecto. Un Administrator with Billing debe activarlo primero para la cuenta de administrador.',
        'Generar una clave nueva invalida la anterior: todo lo que siga usando la clave antigua deja de funcionar.',
        'Las claves nuevas caducan a los 90 días por defecto. Cuando caduque, se le pedirá una nueva.',
      ],
      readScopes: [
        'Usuarios, sus grupos, responsables y estado de MFA',
        'Dispositivos y su estado de seguridad (cifrado, cortafuegos, versión del sistema)',
        'Aplicaciones SSO y quién puede usarlas',
        'Eventos de inicio de sesión y de auditoría',
      ],
      serviceAccountSteps: [
        'Inicie sesión en el Admin Portal de JumpCloud como Administrator with Billing.',
        'Vaya a Settings y luego a Service Accounts, y añada una cuenta de servicio. Póngale un nombre que diga para qué sirve y asígnele el rol indicado arriba.',
        'Cree un secreto de cliente y elija cuánto dura. Copie el ID de cliente y el secreto de cliente: JumpCloud muestra el secreto solo una vez.',
      ],
      serviceAccountCautions: [
        'Solo un Administrator with Billing puede crear cuentas de servicio.',
        'Un secreto de cliente vale durante el tiempo que eligió al crearlo. Cuando caduque, se le pedirá uno nuevo.',
        'Una cuenta de servicio puede tener dos secretos a la vez: para cambiarlo, cree el nuevo, introdúzcalo aquí y después borre el antiguo.',
      ],
    },
  },
} satisfies WidgetCopy
