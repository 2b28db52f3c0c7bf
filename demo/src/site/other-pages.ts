// The pages the form's guidance links to (appeals, fault reports, lex Sarah) and the menu's
// sections, so that a newcomer who clicks around the demo never lands on a dead end.
import type { Page } from './layout.js';

const TO_FORM =
  '<p>Har du beröm, ett förslag eller ett klagomål? <a href="/kontakt/synpunkter">Lämna en synpunkt</a>.</p>';

/** A menu section: the demo has no content there, and says so. */
function section(path: string, title: string, about: string): Page {
  return {
    path,
    title,
    lang: 'sv',
    section: path,
    main: `<h1>${title}</h1>
<p class="lead">${about}</p>
<p>Det här är en demosajt. En riktig kommun har sina sidor om ${title.toLowerCase()} här.</p>
${TO_FORM}`,
  };
}

/** The appeal, fault report and lex Sarah pages, and the menu's sections. */
export function otherPages(): Page[] {
  return [
    section('/omsorg', 'Omsorg och stöd', 'Äldreomsorg, stöd i hemmet och stöd enligt LSS.'),
    section('/skola', 'Förskola och skola', 'Förskola, grundskola, gymnasium och vuxenutbildning.'),
    section('/bygga-bo', 'Bygga, bo och miljö', 'Bygglov, bostäder, vatten, avfall och miljö.'),
    {
      path: '/kontakt',
      title: 'Kontakta oss',
      lang: 'sv',
      section: '/kontakt',
      main: `<h1>Kontakta oss</h1>
<p class="lead">Ring, skriv eller besök oss. Kundtjänst hjälper dig vidare.</p>
<ul>
  <li><a href="/kontakt/synpunkter">Lämna en synpunkt</a>: beröm, förslag eller klagomål.</li>
  <li><a href="/kontakt/overklaga">Överklaga ett beslut</a></li>
  <li><a href="/kontakt/felanmalan">Gör en felanmälan</a></li>
</ul>`,
    },
    {
      path: '/kontakt/overklaga',
      title: 'Överklaga ett beslut',
      lang: 'sv',
      section: '/kontakt',
      breadcrumbs: '<a href="/">Start</a> › <a href="/kontakt">Kontakta oss</a> › Överklaga',
      main: `<h1>Överklaga ett beslut</h1>
<p class="lead">Tycker du att ett beslut som kommunen har fattat om dig är fel? Då kan du överklaga det.</p>
<p>Att överklaga är inte samma sak som att lämna ett klagomål. När du överklagar prövas beslutet igen.</p>
<p>I beslutet står det hur du överklagar och hur lång tid du har på dig. Oftast är det tre veckor från den dag du fick beslutet.</p>
<p>Skriv vilket beslut det gäller, varför du tycker att det är fel och vad du vill att det ska ändras till. Skicka det till den nämnd som fattade beslutet.</p>
<p>Behöver du hjälp? Ring kundtjänst på 0123-45 00 00.</p>`,
    },
    {
      path: '/kontakt/felanmalan',
      title: 'Gör en felanmälan',
      lang: 'sv',
      section: '/kontakt',
      breadcrumbs: '<a href="/">Start</a> › <a href="/kontakt">Kontakta oss</a> › Felanmälan',
      main: `<h1>Gör en felanmälan</h1>
<p class="lead">Är något trasigt, till exempel en gatlampa, en gunga eller ett hål i gatan? Berätta det för oss, så lagar vi det.</p>
<p>Ring kundtjänst på 0123-45 00 00 eller skicka e-post till <a href="mailto:felanmalan@exempelkommun.se">felanmalan@exempelkommun.se</a>. Skriv var det är och vad som är trasigt.</p>
<p>Är det bråttom, till exempel vatten som rinner ut på gatan? Ring vår jour på 0123-45 00 99. Den svarar dygnet runt.</p>`,
    },
    {
      path: '/intranat/lex-sarah',
      title: 'Rapportera enligt lex Sarah (för personal)',
      lang: 'sv',
      main: `<h1>Rapportera enligt lex Sarah</h1>
<p class="lead">För dig som arbetar i äldreomsorgen, i socialtjänsten eller med stöd enligt LSS.</p>
<p>Ser du ett allvarligt fel i omsorgen, eller en stor risk för ett sådant fel? Då måste du rapportera det. Det kallas lex Sarah.</p>
<p>Berätta det för din chef samma dag. Din chef dokumenterar rapporten och ser till att felet rättas.</p>
<p>En lex Sarah-rapport är inte en synpunkt. Registrera den inte i formuläret för synpunkter.</p>
<p><a href="/intranat/registrera-synpunkt">Tillbaka till Registrera en synpunkt</a></p>`,
    },
  ];
}

/** What a link to a page that is not in the demo shows (with status 404). */
export const NOT_FOUND: Page = {
  path: '',
  title: 'Sidan finns inte',
  lang: 'sv',
  main: `<h1>Sidan finns inte</h1>
<p class="lead">Vi hittar inte sidan du letar efter. Den kan ha flyttats eller tagits bort.</p>
<p><a href="/">Gå till startsidan</a></p>
${TO_FORM}`,
};
