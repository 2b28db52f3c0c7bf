// The registry clerk's inbox in the demo: the mails the relay delivered and its outbox.
// Everything from the server is put on the page with textContent, never as markup.
const mailList = document.getElementById('mail-list');
const outboxBody = document.getElementById('outbox-body');
// The time of the last refresh is shown, not read out: it changes every three seconds. The
// live region speaks when someone pressed "Uppdatera nu", or when fetching failed.
const status = document.getElementById('refresh-status');
const refreshedAt = document.getElementById('refresh-time');
// The clerk works in Sweden, and the mails say Swedish time: so does this page, wherever it is opened.
const SWEDISH_TIME = { timeZone: 'Europe/Stockholm' };

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function renderMail(mails) {
  mailList.replaceChildren();
  if (mails.length === 0) {
    mailList.append(
      element('p', 'Inga mejl ännu. Skicka en synpunkt från formuläret, så syns den här.'),
    );
    return;
  }
  for (const mail of mails) {
    const article = element('article', undefined, 'mail');
    article.append(element('h3', mail.subject));
    const meta = element('dl', undefined, 'mail-meta');
    for (const [label, value] of [
      ['Från', mail.from],
      ['Till', mail.to],
      ['Svara till', mail.replyTo ?? '–'],
      ['Mottaget', new Date(mail.receivedAt).toLocaleString('sv-SE', SWEDISH_TIME)],
      ['Synpunktens id', mail.synpunktId ?? '–'],
    ]) {
      meta.append(element('dt', label), element('dd', value));
    }
    article.append(meta, element('pre', mail.text, 'mail-body'));
    if (mail.attachments.length > 0) {
      const list = element('ul', undefined, 'mail-attachments');
      for (const file of mail.attachments) {
        list.append(element('li', `${file.filename} (${file.contentType}, ${file.size} byte)`));
      }
      article.append(element('h4', 'Bilagor'), list);
    }
    mailList.append(article);
  }
}

const STATUS = {
  pending: 'Väntar',
  delivered: 'Levererad',
  dead: 'Misslyckad',
  quarantined: 'I karantän',
};

function renderOutbox(outbox) {
  outboxBody.replaceChildren();
  if (outbox.entries.length === 0) {
    const row = element('tr');
    const cell = element('td', 'Kön är tom: allt är levererat.');
    cell.colSpan = 5;
    row.append(cell);
    outboxBody.append(row);
    return;
  }
  for (const entry of outbox.entries) {
    const row = element('tr');
    row.append(
      element('td', entry.reference),
      element('td', entry.target),
      element('td', STATUS[entry.status] ?? entry.status),
      element('td', String(entry.attempts)),
      element('td', entry.lastError ?? '–'),
    );
    outboxBody.append(row);
  }
}

const reportBody = document.getElementById('report-body');
const reportCaption = document.getElementById('report-caption');
const KINDS = ['praise', 'suggestion', 'complaint'];
const AREA_UNKNOWN_LABEL = 'Vet inte';

const promise = document.getElementById('promise');

/** What the senders asked "did you get an answer in time?" said. */
function renderPromise({ asked, kept, notKept }) {
  promise.textContent =
    asked === 0
      ? 'Ingen har fått frågan om svaret kom i tid ännu.'
      : `${asked} ${asked === 1 ? 'person har' : 'personer har'} fått frågan om svaret kom i tid. ` +
        `${kept} svarade ja, ${notKept} svarade nej och ${asked - kept - notKept} har inte svarat än.`;
}

function renderReport({ report, areaLabels }) {
  reportBody.replaceChildren();
  if (!report) return;
  renderPromise(report.replyPromise);
  reportCaption.textContent = `Synpunkter ${report.from} – ${report.to}: ${report.total}`;
  if (report.areas.length === 0) {
    const row = element('tr');
    const cell = element('td', 'Inga synpunkter ännu i kvartalet.');
    cell.colSpan = 5;
    row.append(cell);
    reportBody.append(row);
    return;
  }
  const label = (area) =>
    area === 'unknown'
      ? AREA_UNKNOWN_LABEL
      : Object.hasOwn(areaLabels, area)
        ? areaLabels[area]
        : area;
  for (const line of [
    ...report.areas,
    { area: null, byKind: report.byKind, total: report.total },
  ]) {
    const row = element('tr');
    const name = element('th', line.area === null ? 'Totalt' : label(line.area));
    name.scope = 'row';
    row.append(name, ...KINDS.map((kind) => element('td', String(line.byKind[kind]))));
    row.append(element('td', String(line.total)));
    reportBody.append(row);
  }
}

async function refresh(pressed = false) {
  try {
    const [mail, outbox, report] = await Promise.all([
      fetch('/demo-api/mail').then((r) => r.json()),
      fetch('/demo-api/outbox').then((r) => r.json()),
      fetch('/demo-api/report').then((r) => r.json()),
    ]);
    renderMail(mail);
    renderOutbox(outbox);
    renderReport(report);
    refreshedAt.textContent = `Uppdaterad ${new Date().toLocaleTimeString('sv-SE', SWEDISH_TIME)}.`;
    status.textContent = pressed ? 'Sidan är uppdaterad.' : '';
  } catch {
    status.textContent = 'Kunde inte hämta. Är demon igång?';
  }
}

document.getElementById('refresh').addEventListener('click', () => refresh(true));

const followUpStatus = document.getElementById('follow-up-status');
document.getElementById('follow-up-now').addEventListener('click', async () => {
  followUpStatus.textContent = 'Skickar…';
  try {
    const response = await fetch('/demo-api/follow-up-now', { method: 'POST' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { running, asked } = await response.json();
    followUpStatus.textContent = !running
      ? 'Reläet är inte igång, så ingen fråga skickades.'
      : asked === 0
        ? 'Ingen fick frågan: den går bara till den som ville ha svar med e-post, ' +
          'när synpunkten har kommit fram, och bara en gång.'
        : `Frågan skickades till ${asked} ${asked === 1 ? 'person' : 'personer'}. ` +
          'Den syns under Mejl.';
    refresh();
  } catch {
    followUpStatus.textContent = 'Kunde inte skicka. Är demon igång?';
  }
});
refresh();
setInterval(refresh, 3000);
