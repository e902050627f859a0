// What the panel says, per language (data-lang, else the host page's <html lang>, else English).
const languages = {
  en: {
    conversation: 'Conversation',
    close: 'Close chat',
    inputLabel: 'Type your message',
    placeholder: 'Write a message…',
    send: 'Send message',
    human: 'Talk to a human',
    online: 'Answers right away',
    waiting: 'Waiting for a person from the team…',
    withHuman: 'You are chatting with a person from the team',
    you: 'You',
    team: 'Team',
    sources: 'Sources:',
    retry: 'Retry',
    notSent: 'Not sent.',
    typing: '{name} is typing…',
    creditsExhausted: 'Our assistant cannot answer right now, but a person from the team can.',
    tooMany: 'You are sending messages too quickly. Please wait a moment, then retry.',
    suspended: 'This chat is unavailable at the moment.',
    unreachable: 'We could not reach the chat. Check your connection, then retry.',
    invalid: 'This message could not be sent. It may be too long.',
    expired: 'Your earlier conversation could not be restored, so a new one starts here.',
    generic: 'Something went wrong. Please retry.',
    full: 'This conversation is full — press Retry to start a new one with your message.',
  },
  de: {
    conversation: 'Unterhaltung',
    close: 'Chat schließen',
    inputLabel: 'Nachricht eingeben',
    placeholder: 'Nachricht schreiben…',
    send: 'Nachricht senden',
    human: 'Mit einem Menschen sprechen',
    online: 'Antwortet sofort',
    waiting: 'Wir warten auf jemanden aus dem Team…',
    withHuman: 'Sie chatten mit jemandem aus dem Team',
    you: 'Sie',
    team: 'Team',
    sources: 'Quellen:',
    retry: 'Erneut senden',
    notSent: 'Nicht gesendet.',
    typing: '{name} schreibt…',
    creditsExhausted: 'Unser Assistent kann gerade nicht antworten, aber jemand aus dem Team kann helfen.',
    tooMany: 'Sie senden zu schnell. Bitte warten Sie kurz und versuchen Sie es erneut.',
    suspended: 'Dieser Chat ist derzeit nicht verfügbar.',
    unreachable: 'Der Chat ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    invalid: 'Diese Nachricht konnte nicht gesendet werden. Vielleicht ist sie zu lang.',
    expired: 'Ihre frühere Unterhaltung ließ sich nicht wiederherstellen; hier beginnt eine neue.',
    generic: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
    full: 'Diese Unterhaltung ist voll – mit „Erneut senden“ beginnt eine neue mit Ihrer Nachricht.',
  },
  fr: {
    conversation: 'Conversation',
    close: 'Fermer le chat',
    inputLabel: 'Saisissez votre message',
    placeholder: 'Écrire un message…',
    send: 'Envoyer le message',
    human: 'Parler à une personne',
    online: 'Répond tout de suite',
    waiting: 'Une personne de l’équipe va vous répondre…',
    withHuman: 'Vous discutez avec une personne de l’équipe',
    you: 'Vous',
    team: 'Équipe',
    sources: 'Sources :',
    retry: 'Réessayer',
    notSent: 'Non envoyé.',
    typing: '{name} écrit…',
    creditsExhausted: 'Notre assistant ne peut pas répondre pour le moment, mais une personne de l’équipe le peut.',
    tooMany: 'Vous envoyez des messages trop vite. Patientez un instant, puis réessayez.',
    suspended: 'Ce chat est indisponible pour le moment.',
    unreachable: 'Impossible de joindre le chat. Vérifiez votre connexion, puis réessayez.',
    invalid: 'Ce message n’a pas pu être envoyé. Il est peut-être trop long.',
    expired: 'Votre conversation précédente n’a pas pu être restaurée ; une nouvelle commence ici.',
    generic: 'Un problème est survenu. Veuillez réessayer.',
    full: 'Cette conversation est complète — réessayez pour en commencer une nouvelle avec votre message.',
  },
  es: {
    conversation: 'Conversación',
    close: 'Cerrar el chat',
    inputLabel: 'Escribe tu mensaje',
    placeholder: 'Escribe un mensaje…',
    send: 'Enviar mensaje',
    human: 'Hablar con una persona',
    online: 'Responde al instante',
    waiting: 'Esperando a una persona del equipo…',
    withHuman: 'Estás hablando con una persona del equipo',
    you: 'Tú',
    team: 'Equipo',
    sources: 'Fuentes:',
    retry: 'Reintentar',
    notSent: 'No enviado.',
    typing: '{name} está escribiendo…',
    creditsExhausted: 'Nuestro asistente no puede responder ahora, pero una persona del equipo sí.',
    tooMany: 'Estás enviando mensajes demasiado rápido. Espera un momento y vuelve a intentarlo.',
    suspended: 'Este chat no está disponible en este momento.',
    unreachable: 'No pudimos conectar con el chat. Revisa tu conexión y vuelve a intentarlo.',
    invalid: 'No se pudo enviar este mensaje. Puede que sea demasiado largo.',
    expired: 'No se pudo recuperar tu conversación anterior; aquí empieza una nueva.',
    generic: 'Algo salió mal. Vuelve a intentarlo.',
    full: 'Esta conversación está llena: reintenta para empezar una nueva con tu mensaje.',
  },
};

export function stringsFor(lang) {
  return languages[String(lang).slice(0, 2).toLowerCase()] || languages.en;
}

/** The message a visitor sees for a problem code (see docs/WIDGET.md, "When things go wrong"). */
export function problemText(strings, code) {
  switch (code) {
    case 'credits_exhausted':
      return strings.creditsExhausted;
    case 'too_many_requests':
    case 'rate_limited':
      return strings.tooMany;
    case 'conversation_full':
      return strings.full;
    case 'tenant_suspended':
    case 'invalid_widget_key':
    case 'origin_not_allowed':
      return strings.suspended;
    case 'unreachable':
    case 'service_unavailable':
    case 'internal_error':
      return strings.unreachable;
    case 'validation_failed':
    case 'payload_too_large':
      return strings.invalid;
    default:
      return strings.generic;
  }
}
