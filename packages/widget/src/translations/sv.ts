import type { Catalog } from './catalog.js';

/** Swedish, the default: plain and friendly, the reader is "du". */
export const sv: Catalog = {
  locale: 'sv',
  dateLocale: 'sv-SE',

  routesHeading: 'Innan du börjar',
  otherWaysHeading: 'Andra sätt att höra av dig',
  routes: {
    emergency: ['Är det akut?', 'Ring 112'],
    appeal: ['Vill du överklaga ett beslut?', 'Så överklagar du'],
    faultReport: ['Är något trasigt, till exempel en gatlampa?', 'Gör en felanmälan'],
    ivo: [
      'Har något allvarligt hänt i vården eller omsorgen?',
      'Kontakta Inspektionen för vård och omsorg (IVO)',
    ],
    lexSarah: [
      'Har du som anställd sett något allvarligt fel i omsorgen?',
      'Så rapporterar du enligt lex Sarah',
    ],
  },
  appealStaff: ['Vill personen överklaga ett beslut?', 'Så överklagar man'],
  alternatives: 'Vill du hellre höra av dig på ett annat sätt?',
  alternativesStaff: 'Går det inte att registrera synpunkten här?',

  optional: '(frivilligt)',
  requiredForReply: 'Obligatoriskt om du vill få svar',
  requiredForReplyStaff: 'Obligatoriskt om personen vill få svar',

  kindLegend: 'Vad vill du lämna?',
  kindLegendStaff: 'Vad vill personen lämna?',
  kindHint: 'Det påverkar inte hur du blir bemött om du klagar.',
  kinds: {
    praise: { label: 'Beröm', hint: 'Något som fungerar bra.' },
    suggestion: { label: 'Förslag', hint: 'En idé om hur något kan bli bättre.' },
    complaint: { label: 'Klagomål', hint: 'En tjänst eller ett bemötande som inte var bra.' },
  },
  seriousLabel: 'Allvarligt klagomål',
  seriousHint:
    'Kryssa i om du bedömer att klagomålet är allvarligt. Ett allvarligt klagomål ska alltid gå direkt till närmaste chef.',

  areaLabel: 'Vad gäller det?',
  areaChoose: 'Välj',
  areaUnknown: 'Vet inte',

  messageLabel: 'Skriv din synpunkt',
  messageLabelStaff: 'Skriv vad personen sa',
  messageHint: 'Berätta vad som hänt och vad du tycker.',
  messageHintStaff: 'Skriv med personens egna ord så långt det går.',
  messageCount: (count, max) => `${count} av ${max} tecken`,
  messageOver: (over) => `${over} tecken för mycket`,

  whenLabel: 'När hände det?',
  whenHint: 'Om du vet.',
  whenHintStaff: 'Om personen vet.',
  whereLabel: 'Var hände det?',
  whereHint: 'En adress eller en plats, till exempel lekplatsen vid Storgatan.',
  earlierLabel: 'Ärendenummer från tidigare kontakt',
  earlierHint:
    'Har du redan fått svar i samma fråga och vill ta den vidare? Skriv ärendenumret, så hittar vi det.',
  earlierHintStaff:
    'Har personen redan fått svar i samma fråga och vill ta den vidare? Skriv ärendenumret.',

  filesLabel: 'Bifoga filer',
  filesHint: (count, perFile, together, types) =>
    `Du kan bifoga ${types}. Högst ${count} filer, högst ${perFile} per fil och ${together} tillsammans.`,
  filesAdded: 'Bifogade filer',
  filesChoose: 'Välj filer',
  filesChooseMore: 'Lägg till fler filer',
  fileRemove: (name) => `Ta bort ${name}`,
  fileRefusedType: (name, types) => `${name} kan inte bifogas. Det går bara att bifoga ${types}.`,
  fileRefusedBytes: (name) =>
    `${name} kan inte bifogas. Innehållet är inte det som filnamnet säger. Spara om filen och försök igen.`,
  fileRefusedSize: (name, megabytes) => `${name} är för stor. Filen får vara högst ${megabytes}.`,
  fileRefusedCount: (name, count) => `${name} kom inte med. Du kan bifoga högst ${count} filer.`,
  fileRefusedTotal: (name, megabytes) =>
    `${name} kom inte med. Filerna får vara högst ${megabytes} tillsammans.`,
  fileRefusedRead: (name) => `Det gick inte att läsa ${name}. Försök igen.`,
  fileRefusedEmpty: (name) => `${name} är tom och kan inte bifogas.`,
  fileRefusedDuplicate: (name) => `${name} är redan bifogad.`,
  filesAddedNote: (names, count) => `${count === 1 ? 'Bifogad' : 'Bifogade'}: ${names}.`,
  fileRemoved: (name) => `${name} är borttagen.`,
  failedWithFiles:
    'Filer tar lång tid att skicka med en långsam uppkoppling. Du kan ta bort filer och försöka igen.',
  filesNotRestored: (names) =>
    `Filerna sparas inte när sidan laddas om. Lägg till dem igen: ${names}.`,

  replyLegend: 'Vill du ha svar?',
  replyLegendStaff: 'Vill personen ha svar?',
  replyYes: 'Ja, jag vill ha svar',
  replyYesStaff: 'Ja, personen vill ha svar',
  replyNo: 'Nej, jag vill vara anonym',
  replyNoStaff: 'Nej, personen vill vara anonym',
  anonymousNote: 'Då kan vi inte svara dig eller ställa frågor om din synpunkt.',
  anonymousNoteStaff: 'Då kan ingen svara personen eller ställa frågor om synpunkten.',
  contactUse: (who) => `Dina kontaktuppgifter används för att ${who} ska kunna svara dig.`,
  contactUseStaff: (who) => `Kontaktuppgifterna används för att ${who} ska kunna svara personen.`,
  nameLabel: 'Namn',
  viaLegend: 'Hur vill du få svar?',
  viaLegendStaff: 'Hur vill personen få svar?',
  viaEmail: 'E-post',
  viaPhone: 'Telefon',
  viaLetter: 'Brev',
  emailLabel: 'E-postadress',
  phoneLabel: 'Telefonnummer',
  streetLabel: 'Gatuadress',
  postalCodeLabel: 'Postnummer',
  cityLabel: 'Ort',

  channelLabel: 'Hur kom synpunkten in?',
  channels: { phone: 'Telefon', visit: 'Besök', letter: 'Brev', email: 'E-post' },

  theMunicipality: 'kommunen',
  publicRecord: (who) =>
    `Det du skickar till ${who} blir allmän handling. Det betyder att andra kan få läsa det. Skriv inte känsliga uppgifter om dig själv eller andra, till exempel om hälsa.`,
  publicRecordStaff: (who) =>
    `Det som skickas till ${who} blir allmän handling. Skriv inte känsliga uppgifter om personen eller andra, till exempel om hälsa.`,
  privacyLink: 'Så hanterar vi dina personuppgifter',
  privacyLinkStaff: 'Så hanterar vi personuppgifter',

  send: 'Skicka',
  sending: 'Skickar…',
  summaryHeading: 'Något behöver rättas',
  summaryItem: (field, message) => `${field}: ${message}`,

  failedHeading: 'Synpunkten skickades inte',
  failedRetryable:
    'Det blev ett fel när vi försökte skicka. Din text finns kvar. Försök igen om en stund.',
  failedFinal:
    'Det blev ett fel, och vi kunde inte ta emot synpunkten. Din text finns kvar. Du kan kopiera den och höra av dig på ett annat sätt.',
  failedStaff: {
    heading: 'Synpunkten registrerades inte',
    retryable:
      'Det blev ett fel när synpunkten skulle registreras. Texten finns kvar. Försök igen om en stund.',
    final:
      'Det blev ett fel och synpunkten kunde inte registreras. Texten finns kvar. Kopiera den och registrera synpunkten på ett annat sätt.',
  },
  retry: 'Försök igen',
  notSent: 'Synpunkten skickades inte. Din text finns kvar.',

  receiptHeading: 'Tack för din synpunkt!',
  receiptReference: 'Ditt ärendenummer',
  receiptReplyBy: (date) => `Du får svar senast ${date}.`,
  receiptNext: (who) =>
    `Synpunkten går till den som ansvarar för frågan hos ${who}. Ange ärendenumret om du kontaktar oss.`,
  receiptNextAnonymous: (who) =>
    `Synpunkten går till den som ansvarar för frågan hos ${who}. Du får inget svar, eftersom du är anonym.`,
  sendAnother: 'Skicka en ny synpunkt',
  receiptStaff: {
    heading: 'Synpunkten är registrerad',
    reference: 'Ärendenummer',
    replyBy: (date) => `Personen ska få svar senast ${date}.`,
    next: (who) =>
      `Synpunkten går till den som ansvarar för frågan hos ${who}. Ge personen ärendenumret.`,
    nextAnonymous: (who) =>
      `Synpunkten går till den som ansvarar för frågan hos ${who}. Personen är anonym och får inget svar.`,
    sendAnother: 'Registrera en ny synpunkt',
  },

  fields: {
    kind: 'Vad vill du lämna',
    area: 'Vad gäller det',
    message: 'Synpunkt',
    occurredAt: 'När',
    place: 'Var',
    earlierReference: 'Tidigare ärendenummer',
    attachments: 'Filer',
    replyWanted: 'Vill du ha svar',
    via: 'Hur du vill få svar',
    name: 'Namn',
    email: 'E-postadress',
    phone: 'Telefonnummer',
    street: 'Gatuadress',
    postalCode: 'Postnummer',
    city: 'Ort',
    channel: 'Hur synpunkten kom in',
    form: 'Formuläret',
  },
  fieldsStaff: {
    kind: 'Vad vill personen lämna',
    replyWanted: 'Vill personen ha svar',
    via: 'Hur personen vill få svar',
  },
  required: {
    kind: 'Välj beröm, förslag eller klagomål.',
    area: 'Välj vad det gäller. Välj ”Vet inte” om du inte vet.',
    message: 'Skriv din synpunkt.',
    occurredAt: 'Skriv ett datum eller lämna fältet tomt.',
    place: 'Skriv en plats eller lämna fältet tomt.',
    earlierReference: 'Skriv ärendenumret eller lämna fältet tomt.',
    attachments: 'Lägg till filen igen eller ta bort den.',
    replyWanted: 'Välj om du vill ha svar.',
    via: 'Välj hur du vill få svar.',
    name: 'Skriv ditt namn.',
    email: 'Skriv din e-postadress.',
    phone: 'Skriv ditt telefonnummer.',
    street: 'Skriv din gatuadress.',
    postalCode: 'Skriv ditt postnummer.',
    city: 'Skriv din ort.',
    channel: 'Välj hur synpunkten kom in.',
    form: 'Något saknas i formuläret. Ladda om sidan och försök igen.',
  },
  requiredStaff: {
    area: 'Välj vad det gäller. Välj ”Vet inte” om personen inte vet.',
    message: 'Skriv vad personen sa.',
    replyWanted: 'Välj om personen vill ha svar.',
    via: 'Välj hur personen vill få svar.',
    name: 'Skriv personens namn.',
    email: 'Skriv personens e-postadress.',
    phone: 'Skriv personens telefonnummer.',
    street: 'Skriv personens gatuadress.',
    postalCode: 'Skriv personens postnummer.',
    city: 'Skriv personens ort.',
  },
  contactNotAllowedStaff: 'Personen vill vara anonym. Ta bort kontaktuppgifterna.',
  errors: {
    required: () => 'Fyll i eller välj här.',
    invalid_type: () => 'Det här går inte att använda. Fyll i igen.',
    too_long: ({ max }) => `Texten är för lång. Den får vara högst ${max ?? ''} tecken.`,
    invalid_characters: () => 'Texten har tecken som inte går att använda. Skriv om den.',
    invalid_value: () => 'Välj ett av alternativen.',
    unknown_key: () => 'Formuläret skickade något okänt. Ladda om sidan och försök igen.',
    invalid_id: () => 'Formuläret har ett fel. Ladda om sidan och försök igen.',
    invalid_email: () => 'Skriv en e-postadress, till exempel namn@exempel.se.',
    invalid_phone: () => 'Skriv ett telefonnummer, till exempel 070-123 45 67.',
    invalid_postal_code: () => 'Skriv ett postnummer med fem siffror, till exempel 123 45.',
    invalid_date: () => 'Skriv ett datum som finns, till exempel 2026-03-15.',
    date_in_future: () => 'Datumet har inte varit än. Välj dagens datum eller ett tidigare.',
    invalid_url: () => 'Sidans adress gick inte att läsa. Ladda om sidan och försök igen.',
    contact_not_allowed: () => 'Du har valt att vara anonym. Ta bort dina kontaktuppgifter.',
    invalid_file_name: () => 'Ett filnamn går inte att använda. Byt namn på filen.',
    invalid_file_data: () => 'En fil gick inte att läsa. Ta bort den och lägg till den igen.',
    file_type_not_allowed: ({ allowed }) =>
      `En fil har fel typ. Det går att bifoga ${allowed ?? 'JPEG, PNG och PDF'}.`,
    file_type_mismatch: () =>
      'En fil är inte den filtyp som namnet säger. Spara om filen och lägg till den igen.',
    file_size_mismatch: () => 'En fil blev fel. Ta bort den och lägg till den igen.',
    file_too_large: ({ max }) => `En fil är för stor. Den får vara högst ${max ?? ''}.`,
    too_many_files: ({ max }) => `Du har för många filer. Du kan bifoga högst ${max ?? ''}.`,
    files_too_large: ({ max }) =>
      `Filerna är för stora. De får vara högst ${max ?? ''} tillsammans.`,
    files_not_supported: () => 'Det går inte att bifoga filer här. Ta bort filerna.',
    unsupported_version: () => 'Formuläret är för gammalt. Ladda om sidan och försök igen.',
  },
};
