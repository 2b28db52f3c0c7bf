import type { Page } from './layout.js';

/** The demo's view of what the relay delivered: the clerk's inbox and the outbox. */
export const MAIL_PAGE: Page = {
  path: '/demo/post',
  title: 'Registratorns inkorg (demo)',
  lang: 'sv',
  main: `<h1>Registratorns inkorg</h1>
<p class="lead">Så här kommer synpunkterna fram till kommunens registrator. Reläet tar emot dem från formuläret,
sparar dem och skickar dem som e-post. Sidan uppdateras av sig själv.</p>
<p><button type="button" class="refresh" id="refresh">Uppdatera nu</button> <span id="refresh-time"></span> <span id="refresh-status" role="status"></span></p>
<h2>Reläets utkorg</h2>
<table class="outbox">
  <caption>De senaste leveranserna och hur det gick</caption>
  <thead><tr><th scope="col">Ärendenummer</th><th scope="col">Mottagare</th><th scope="col">Status</th><th scope="col">Försök</th><th scope="col">Senaste fel</th></tr></thead>
  <tbody id="outbox-body"></tbody>
</table>
<h2>Mejl</h2>
<div id="mail-list"></div>
<h2>Sammanställning för kvartalet</h2>
<p>Kommunen sammanställer synpunkterna varje kvartal för att lära av dem. Reläet räknar dem efter typ och
verksamhet och sparar bara siffrorna, inte texten eller vem som skrev. Samma siffror ger kommandot
<code>synpunkt-relay report</code>.</p>
<table class="outbox" id="report">
  <caption id="report-caption">Synpunkter hittills i kvartalet</caption>
  <thead><tr><th scope="col">Verksamhet</th><th scope="col">Beröm</th><th scope="col">Förslag</th><th scope="col">Klagomål</th><th scope="col">Totalt</th></tr></thead>
  <tbody id="report-body"></tbody>
</table>
<p id="promise"></p>
<h2>Fick du svar i tid?</h2>
<p>Vardagen efter den dag kvittot lovade svar frågar reläet den som ville ha svar med e-post om svaret kom i tid.
Svaren räknas i sammanställningen ovan. I demon behöver du inte vänta tio arbetsdagar:</p>
<p><button type="button" class="refresh" id="follow-up-now">Skicka frågan nu</button> <span id="follow-up-status" role="status"></span></p>`,
  scripts: ['/js/mail-view.js'],
};
