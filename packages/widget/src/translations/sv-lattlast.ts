import type { LattlastCatalog } from './catalog.js';

const reload = () => 'Något blev fel. Öppna sidan igen och försök en gång till.';
const file = () => 'Det blev fel med en fil. Ta bort filen eller välj en annan fil.';

/**
 * Lättläst svenska: korta meningar, vanliga ord, "du", inga förkortningar. Samma ord för samma
 * sak: alltid "synpunkt", alltid "svar". Testet i test/node/lix.test.ts mäter texterna med LIX.
 */
export const svLattlast: LattlastCatalog = {
  toggle: 'Lättläst',
  progress: (step, total) => `Steg ${step} av ${total}`,
  back: 'Tillbaka',
  next: 'Nästa',
  listen: 'Lyssna',
  stopListening: 'Sluta läsa',
  change: 'Ändra',
  addFilesAgain: 'Lägg till filer igen',
  requiredChoice: {
    area: 'Välj vad det gäller. Välj ”Vet inte” om du inte vet.',
    replyWanted: 'Välj om du vill få svar.',
    via: 'Välj hur du vill få svar.',
  },
  failedHeading: 'Synpunkten skickades inte',
  failedRetryable:
    'Det gick inte att skicka. Din text finns kvar. Vänta en stund. Tryck sedan på ”Försök igen”.',
  failedFinal:
    'Det gick inte att skicka. Din text finns kvar. Kopiera texten. Skicka den till kommunen på ett annat sätt.',
  steps: {
    kind: {
      heading: 'Vilken sorts synpunkt har du?',
      instruction: 'Välj det som passar bäst. Du får klaga. Det blir inte sämre för dig.',
    },
    area: {
      heading: 'Vad handlar din synpunkt om?',
      instruction: 'Välj ett svar. Välj ”Vet inte” om du inte vet.',
    },
    message: {
      heading: 'Skriv din synpunkt',
      instruction: 'Berätta vad som hände. Skriv gärna var och när det hände.',
    },
    reply: { heading: 'Vill du få svar?', instruction: 'Välj ja eller nej.' },
    review: {
      heading: 'Stämmer allt?',
      instruction: 'Läs din synpunkt. Välj ”Skicka” när allt stämmer.',
    },
  },

  kinds: {
    praise: { label: 'Beröm', hint: 'Du tycker att något är bra.' },
    suggestion: { label: 'Förslag', hint: 'Du har en idé om hur något kan bli bättre.' },
    complaint: { label: 'Klagomål', hint: 'Du tycker att något är fel.' },
  },
  areaUnknown: 'Vet inte',
  requiredForReply: 'Skriv ditt namn. Välj hur vi ska svara dig.',
  contactUse: () => 'Vi använder dina uppgifter för att svara dig.',
  replyLegend: 'Vill du få svar?',
  replyYes: 'Ja, jag vill få svar',
  replyNo: 'Nej, jag skickar utan namn',
  viaLegend: 'Hur vill du få svar?',
  publicRecord: (who) =>
    `Det du skickar till ${who} blir en allmän handling. Det betyder att andra kan få läsa det. Skriv inte känsliga saker om dig eller andra. Till exempel om hälsa.`,
  privacyLink: 'Så hanterar vi dina uppgifter',

  receiptReference: 'Numret på din synpunkt',
  receiptReplyBy: (date) => `Du får svar senast ${date}.`,
  receiptNext: (who) => `Nu läser ${who} din synpunkt. Spara numret. Säg numret när du hör av dig.`,
  receiptNextAnonymous: (who) =>
    `Nu läser ${who} din synpunkt. Du skickade utan namn. Därför får du inget svar.`,

  summaryHeading: 'Du behöver ändra något',
  filesNotRestored: (names) =>
    `Dina filer finns inte kvar: ${names}. Sidan startade om. Då försvinner filer. Välj ”Lägg till filer igen”. Då kommer du till det vanliga formuläret.`,
  // The review step's labels: the same words as the steps' questions.
  fields: {
    kind: 'Vilken sorts synpunkt',
    area: 'Vad den handlar om',
    message: 'Din synpunkt',
    occurredAt: 'När',
    place: 'Var',
    earlierReference: 'Numret från förra gången du hörde av dig',
    attachments: 'Filer',
    replyWanted: 'Vill du få svar',
    via: 'Hur du vill få svar',
    name: 'Namn',
    email: 'E-post',
    phone: 'Telefonnummer',
    street: 'Gatuadress',
    postalCode: 'Postnummer',
    city: 'Ort',
    channel: 'Hur synpunkten kom in',
    form: 'Formuläret',
  },

  errors: {
    required: () => 'Fyll i här.',
    invalid_type: () => 'Något blev fel. Fyll i igen.',
    too_long: ({ max }) => `Texten är för lång. Du kan skriva högst ${max ?? ''} tecken.`,
    invalid_characters: () => 'Texten har tecken som vi inte kan läsa. Skriv texten igen.',
    invalid_value: () => 'Välj ett av svaren.',
    unknown_key: reload,
    invalid_id: reload,
    invalid_email: () => 'Skriv din e-post så här: namn@exempel.se',
    invalid_phone: () => 'Skriv ditt telefonnummer så här: 070-123 45 67',
    invalid_postal_code: () => 'Skriv ditt postnummer så här: 123 45',
    invalid_date: () => 'Skriv ett datum så här: 2026-03-15',
    date_in_future: () => 'Välj i dag eller en dag som har varit.',
    invalid_url: reload,
    contact_not_allowed: () =>
      'Du skickar utan namn. Ta bort ditt namn, din e-post, ditt telefonnummer och din adress.',
    invalid_file_name: file,
    invalid_file_data: file,
    file_type_not_allowed: file,
    file_type_mismatch: file,
    file_size_mismatch: file,
    file_too_large: file,
    too_many_files: file,
    files_too_large: file,
    files_not_supported: file,
    unsupported_version: reload,
  },
};
