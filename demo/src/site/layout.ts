// The page template of Exempelkommun's site. Everything here is our own static text: no user
// data is ever put into these pages (the mail page fills itself in with textContent).

/** One page of the demo site. */
export interface Page {
  path: string;
  title: string;
  lang: 'sv' | 'en';
  /** The main navigation entry this page belongs to. */
  section?: string;
  breadcrumbs?: string;
  main: string;
  aside?: string;
  scripts?: string[];
}

const NAV_SV: [string, string][] = [
  ['/', 'Start'],
  ['/omsorg', 'Omsorg och stöd'],
  ['/skola', 'Förskola och skola'],
  ['/bygga-bo', 'Bygga, bo och miljö'],
  ['/kontakt', 'Kontakta oss'],
];

const LOGO = `<svg width="36" height="36" viewBox="0 0 36 36" aria-hidden="true" focusable="false">
  <path d="M18 2 4 8v10c0 8 6 14 14 16 8-2 14-8 14-16V8z" fill="#fff"/>
  <path d="M11 20c3-6 11-6 14 0-4 3-10 3-14 0z" fill="#00594f"/></svg>`;

function header(page: Page): string {
  const en = page.lang === 'en';
  const tools = en
    ? `<li><a href="/kontakt/synpunkter" lang="sv">På svenska</a></li>`
    : `<li><a href="/lattlast/synpunkter">Lättläst</a></li>
       <li><a href="/en/feedback" lang="en">In English</a></li>
       <li><a href="/demo/post">Registratorns inkorg (demo)</a></li>`;
  // The section the page is in, not the page itself ("page" would say it is this one).
  const nav = NAV_SV.map(([href, label]) => {
    const current =
      page.section === href ? ` aria-current="${page.path === href ? 'page' : 'true'}"` : '';
    return `<li><a href="${href}"${current}>${label}</a></li>`;
  }).join('');
  return `<a class="skip-link" href="#main">${en ? 'Skip to content' : 'Till innehållet'}</a>
<header class="site-header"><div class="inner">
  <a class="logo" href="/">${LOGO}<span>Exempelkommun</span></a>
  <ul class="tools">${tools}</ul>
</div></header>
<nav class="main-nav" aria-label="${en ? 'Main menu' : 'Huvudmeny'}"><ul${en ? ' lang="sv"' : ''}>${nav}</ul></nav>`;
}

function footer(page: Page): string {
  const en = page.lang === 'en';
  return `<footer class="site-footer"><div class="inner">
  <p>Exempelkommun<br>Storgatan 1, 123 45 Exempelstad<br>${en ? 'Phone' : 'Telefon'} 0123-45 00 00</p>
  <ul>
    <li><a href="/personuppgifter"${en ? ' hreflang="sv"' : ''}>${en ? 'Personal data (in Swedish)' : 'Så hanterar vi personuppgifter'}</a></li>
    <li><a href="/tillganglighet"${en ? ' hreflang="sv"' : ''}>${en ? 'Accessibility statement (in Swedish)' : 'Tillgänglighetsredogörelse'}</a></li>
  </ul>
  <p>${en ? 'A demo site: no real municipality.' : 'En demosajt: ingen riktig kommun.'}</p>
</div></footer>`;
}

/** The whole HTML document of a page. */
export function renderPage(page: Page): string {
  const scripts = (page.scripts ?? [])
    .map((src) => `<script type="module" src="${src}"></script>`)
    .join('\n');
  const crumbs = page.breadcrumbs
    ? `<nav class="breadcrumbs" aria-label="${page.lang === 'en' ? 'Breadcrumbs' : 'Brödsmulor'}"><p>${page.breadcrumbs}</p></nav>`
    : '';
  const aside = page.aside ? `<aside>${page.aside}</aside>` : '';
  return `<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} – Exempelkommun</title>
<link rel="stylesheet" href="/css/site.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${scripts}
</head>
<body>
${header(page)}
${crumbs}
<div class="page">
<main id="main">
${page.main}
</main>
${aside}
</div>
${footer(page)}
</body>
</html>
`;
}
