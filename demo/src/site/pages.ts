import type { Page } from './layout.js';

/** What the pages need to know about the running demo. */
export interface SiteSettings {
  /** Where the widget posts: the relay's `/v1/synpunkter`. */
  endpoint: string;
  /** The promised answer time, in working days. */
  replyDays: number;
}

/** The municipality's services: the list an editor pastes into the form. */
export const AREAS: [string, string][] = [
  ['aldreomsorg', 'Äldreomsorg'],
  ['stod-omsorg', 'Stöd till personer med funktionsnedsättning (LSS)'],
  ['socialtjanst', 'Socialtjänst och försörjningsstöd'],
  ['forskola-skola', 'Förskola och skola'],
  ['gata-park', 'Gator, parker och snöröjning'],
  ['vatten-avfall', 'Vatten och avfall'],
  ['bygga-bo', 'Bygglov och bostäder'],
  ['miljo-halsa', 'Miljö och hälsa'],
  ['kultur-fritid', 'Kultur, idrott och fritid'],
  ['bibliotek', 'Bibliotek'],
  ['kollektivtrafik', 'Färdtjänst och skolskjuts'],
  ['kundtjanst', 'Kundtjänst och bemötande'],
];

/** The same services in English, for the English page (the values stay the same). */
const AREAS_EN: Record<string, string> = {
  aldreomsorg: 'Care for older people',
  'stod-omsorg': 'Support for people with disabilities (LSS)',
  socialtjanst: 'Social services and financial assistance',
  'forskola-skola': 'Preschool and school',
  'gata-park': 'Streets, parks and snow clearing',
  'vatten-avfall': 'Water and waste',
  'bygga-bo': 'Building permits and housing',
  'miljo-halsa': 'Environment and health',
  'kultur-fritid': 'Culture, sports and leisure',
  bibliotek: 'Libraries',
  kollektivtrafik: 'Mobility service and school transport',
  kundtjanst: 'Customer service and how we treat you',
};

function areaElements(lang: 'sv' | 'en'): string {
  return AREAS.map(
    ([value, label]) =>
      `    <synpunkt-area value="${value}">${lang === 'en' ? (AREAS_EN[value] ?? label) : label}</synpunkt-area>`,
  ).join('\n');
}

/** The editor's snippet, as pasted into the CMS, with the attributes a page needs. */
function snippet(settings: SiteSettings, extra: string, fallback: string): string {
  return `<synpunkt-form endpoint="${settings.endpoint}" privacy-url="/personuppgifter"
    reply-days="${settings.replyDays}" appeal-url="/kontakt/overklaga" fault-report-url="/kontakt/felanmalan"
    municipality="Exempelkommun"${extra}>
${areaElements(extra.includes('lang="en"') ? 'en' : 'sv')}
    ${fallback}
  </synpunkt-form>`;
}

/**
 * The Swedish, the lättläst and the English page hold the same form (the same endpoint and
 * areas): one `draft-key`, so what someone has written follows them through "Lättläst",
 * "In English" and "På svenska".
 */
const SAME_FORM = ' draft-key="synpunkt"';

const SV_FALLBACK =
  '<p><a href="mailto:kommun@exempelkommun.se">Skicka din synpunkt med e-post</a> eller ring kundtjänst på 0123-45 00 00.</p>';

/** The staff page's fallback speaks to staff: a citizen never sees the intranet form. */
const STAFF_FALLBACK =
  '<p><a href="mailto:registrator@exempelkommun.se">Skicka synpunkten med e-post till registrator</a>.</p>';

const CONTACT_BOX = `<div class="box">
  <h2>Kundtjänst</h2>
  <p>Ring 0123-45 00 00, vardagar 8–17.<br>Besök oss på Storgatan 1.</p>
  <p>Du kan också skriva till Exempelkommun, Kundtjänst, 123 45 Exempelstad.</p>
</div>`;

/** Every page of the demo site. */
export function sitePages(settings: SiteSettings): Page[] {
  const widget = ['/js/synpunkt-form.js'];
  return [
    {
      path: '/',
      title: 'Start',
      lang: 'sv',
      section: '/',
      main: `<h1>Välkommen till Exempelkommun</h1>
<p class="lead">Här bor 48 000 människor. Vi finns till för dig som bor, arbetar eller besöker kommunen.</p>
<h2>Tyck till om kommunen</h2>
<p>Har du beröm, ett förslag eller ett klagomål? <a href="/kontakt/synpunkter">Lämna en synpunkt</a>. Vill du ha svar får du det inom ${settings.replyDays} arbetsdagar.</p>`,
      aside: CONTACT_BOX,
    },
    {
      path: '/kontakt/synpunkter',
      title: 'Lämna en synpunkt',
      lang: 'sv',
      section: '/kontakt',
      breadcrumbs:
        '<a href="/">Start</a> › <a href="/kontakt">Kontakta oss</a> › Lämna en synpunkt',
      main: `<h1>Lämna en synpunkt</h1>
<p class="lead">Vi vill veta vad du tycker om kommunens verksamheter. Dina synpunkter hjälper oss att bli bättre.</p>
<p>Du kan lämna beröm, förslag eller klagomål. Du får svar inom ${settings.replyDays} arbetsdagar om du vill ha svar.
Vill du inte ha svar kan du vara anonym.</p>
${snippet(settings, SAME_FORM, SV_FALLBACK)}
<h2>Så hanterar vi din synpunkt</h2>
<ol>
  <li>Kundtjänst tar emot din synpunkt och skickar den till rätt verksamhet.</li>
  <li>Den som ansvarar för verksamheten utreder och svarar dig.</li>
  <li>Vi sammanställer alla synpunkter flera gånger om året och använder dem för att förbättra verksamheten.</li>
</ol>`,
      aside: `${CONTACT_BOX}<div class="box"><h2>Lämna synpunkter på annat sätt</h2>
<p>Du kan också ringa, skriva brev eller besöka oss. Personalen registrerar din synpunkt åt dig.</p></div>`,
      scripts: widget,
    },
    {
      path: '/lattlast/synpunkter',
      title: 'Tyck till – lättläst',
      lang: 'sv',
      section: '/kontakt',
      main: `<h1>Tyck till om kommunen</h1>
<p class="lead">Här kan du säga vad du tycker.</p>
<p>Du kan säga att något är bra. Du kan ge ett förslag. Du kan klaga.</p>
<p>Vi svarar dig inom ${settings.replyDays} arbetsdagar om du vill.</p>
${snippet(settings, ` lattlast${SAME_FORM}`, SV_FALLBACK)}`,
      aside: CONTACT_BOX,
      scripts: widget,
    },
    {
      path: '/en/feedback',
      title: 'Give feedback',
      lang: 'en',
      section: '/kontakt',
      main: `<h1>Give feedback</h1>
<p class="lead">Tell us what you think about the municipality's services: praise, suggestions or complaints.</p>
<p>If you want a reply, you will get one within ${settings.replyDays} working days. You can also stay anonymous.</p>
${snippet(settings, ` lang="en"${SAME_FORM}`, '<p><a href="mailto:kommun@exempelkommun.se">Send your feedback by e-mail</a>.</p>')}`,
      scripts: widget,
    },
    {
      path: '/intranat/registrera-synpunkt',
      title: 'Registrera en synpunkt (för personal)',
      lang: 'sv',
      main: `<h1>Registrera en synpunkt</h1>
<p class="lead">För dig som arbetar i kommunen. Har någon lämnat en synpunkt till dig på telefon, vid ett besök eller i ett brev? Registrera den här, med personens egna ord.</p>
${snippet(settings, ' staff lex-sarah-url="/intranat/lex-sarah"', STAFF_FALLBACK)}`,
      scripts: widget,
    },
    {
      path: '/personuppgifter',
      title: 'Så hanterar vi personuppgifter',
      lang: 'sv',
      main: `<h1>Så hanterar vi personuppgifter</h1>
<p>Kommunstyrelsen i Exempelkommun är personuppgiftsansvarig för synpunkter som du lämnar.
Vi använder dina kontaktuppgifter för att kunna svara dig. Har du lämnat en e-postadress får du också ett mejl om att vi har tagit emot synpunkten. Vill du ha svar med e-post frågar vi dig efteråt om du fick svaret i tid. Du kan svara på den frågan i 30 dagar. Sedan sparar vi bara svaret, inte vem som gav det.
Det du skickar blir allmän handling.</p>
<p>Synpunkten går vidare till den som ska svara dig, och där sparas den som allmän handling. I tjänsten som tar emot formuläret raderar vi din text och dina kontaktuppgifter 30 dagar efter att synpunkten har kommit fram.</p>
<p>Du har rätt att få veta vilka uppgifter vi har om dig. Kontakta vårt dataskyddsombud på dataskydd@exempelkommun.se.</p>`,
    },
    {
      path: '/tillganglighet',
      title: 'Tillgänglighetsredogörelse',
      lang: 'sv',
      main: `<h1>Tillgänglighetsredogörelse</h1>
<p>Exempelkommun vill att så många som möjligt ska kunna använda webbplatsen. Formuläret för synpunkter följer WCAG 2.2 nivå AA.</p>
<p>Hittar du något som inte fungerar? <a href="/kontakt/synpunkter">Lämna en synpunkt</a> eller skicka e-post till <a href="mailto:webb@exempelkommun.se">webb@exempelkommun.se</a>.</p>
<h2>Tillsyn</h2>
<p>Myndigheten för digital förvaltning (Digg) har tillsyn över lagen om tillgänglighet till digital offentlig service. Är du inte nöjd med hur vi har hanterat dina synpunkter kan du <a href="https://www.digg.se/">kontakta Digg</a>.</p>`,
    },
  ];
}
