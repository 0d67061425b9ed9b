// The administrator's page of the audit service. Plain browser JavaScript, no build step: everything it
// shows comes from the admin API, called with the bearer token the administrator pasted in. Text from
// the API is only ever set with textContent, never parsed as HTML.
'use strict';

(() => {
  const TOKEN_KEY = 'audit-admin-token';
  const PAGE_SIZE = 50;
  // API paths are relative to the page (/admin), so that the page also works behind a path prefix.
  const API = 'audit';

  const PURPOSES = ['PRODUCT_INFO', 'EVENTS_SEMINARS', 'MARKETING', 'PRODUCT_DEVELOPMENT', 'STATISTICS'];
  const OPERATIONS = ['READ_CONTACT', 'SEARCH_CONTACTS', 'READ_STATISTICS'];
  const REASONS = {
    NOT_GROUP_MEMBER: 'Not a group member',
    LEFT_GROUP: 'Left the group',
    INACTIVE: 'Company inactive',
    OUTSIDE_JAPAN: 'Located outside Japan',
    PURPOSE_MISSING: 'No purpose declared',
    PURPOSE_NOT_ALLOWED: 'Purpose not allowed',
    CONTACT_SUSPENDED: 'Contact suspended',
    CONTACT_NOT_FOUND: 'Contact not found',
  };
  const RULES = {
    READ_RATE: 'Unusually many reads',
    REPEATED_REFUSALS: 'Repeated refusals',
    INELIGIBLE_COMPANY: 'Ineligible company',
    CHAIN_BROKEN: 'Audit chain broken',
  };
  const CHAINS = { accesses: 'Accesses', provisions: 'Provisions', 'company-register': 'Company register' };
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  const $ = (id) => document.getElementById(id);

  // ---- small helpers ----------------------------------------------------------------------------

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) if (child !== undefined && child !== null) node.append(child);
    return node;
  }

  const pad = (n) => String(n).padStart(2, '0');

  function formatTime(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return String(iso);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }

  const timeCell = (iso) => el('td', { class: 'nowrap', title: iso ?? '' }, formatTime(iso));
  const textCell = (value, attributes) => el('td', attributes, value === null || value === undefined || value === '' ? '—' : String(value));

  function outcomeBadge(outcome) {
    const kind = outcome === 'GRANTED' ? 'good' : outcome === 'DENIED' ? 'bad' : '';
    const label = outcome === 'GRANTED' ? 'Granted' : outcome === 'DENIED' ? 'Denied' : String(outcome ?? '—');
    return el('span', { class: `badge ${kind}` }, label);
  }

  function statusBadge(status) {
    return el('span', { class: `badge ${status === 'INTACT' ? 'good' : 'bad'}` }, status === 'INTACT' ? 'Intact' : status === 'BROKEN' ? 'Broken' : String(status));
  }

  const reasonCell = (reason) => (reason ? el('td', { title: reason }, REASONS[reason] ?? reason) : textCell(null));

  function replaceRows(table, rows) {
    table.tBodies[0].replaceChildren(...rows);
  }

  /** A datetime-local value (the browser's time zone) as an ISO 8601 instant, or undefined when empty. */
  function instant(input) {
    if (!input.value) return undefined;
    const date = new Date(input.value);
    if (Number.isNaN(date.getTime())) throw new InputError(`“${input.labels[0]?.textContent ?? input.name}” is not a valid date and time.`);
    return date.toISOString();
  }

  function queryString(params) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
    const text = search.toString();
    return text ? `?${text}` : '';
  }

  function plural(count, one, many) {
    return `${count} ${count === 1 ? one : many}`;
  }

  // ---- messages ---------------------------------------------------------------------------------

  class InputError extends Error {}

  class ApiError extends Error {
    constructor(status, body) {
      super(body?.message ?? `The audit service answered ${status}.`);
      this.status = status;
      this.body = body;
    }
  }

  function showMessage(target, kind, text, details = []) {
    target.className = `message ${kind}`;
    target.replaceChildren(text);
    if (details.length) target.append(el('ul', null, ...details.map((line) => el('li', null, line))));
    target.hidden = false;
  }

  const hideMessage = (target) => {
    target.hidden = true;
    target.replaceChildren();
  };

  /** What went wrong, in words an administrator can act on. */
  function describe(error) {
    if (error instanceof InputError) return { text: error.message, details: [] };
    if (!(error instanceof ApiError)) return { text: `Something went wrong in this page: ${error?.message ?? error}`, details: [] };
    const said = error.body?.message ? [`The service said: ${error.body.message}`] : [];
    const fields = Array.isArray(error.body?.details) ? error.body.details.map((d) => (d?.field ? `${d.field}: ${d.message ?? d.rule ?? ''}` : JSON.stringify(d))) : [];
    switch (error.status) {
      case 0:
        return { text: 'The audit service could not be reached. Check the network connection and try again.', details: [] };
      case 401:
        return {
          text: 'The token was not accepted: it may have expired, be incomplete, or belong to another environment. Paste a fresh administrator token.',
          details: said,
        };
      case 403:
        return {
          text: 'This token is valid but is not an administrator’s token, so it may not open the audit trail. Ask the personal information protection office for an administrator token.',
          details: said,
        };
      case 400:
        return { text: `The request was refused: ${error.body?.message ?? 'check the values entered.'}`, details: fields };
      case 404:
        return { text: error.body?.message ?? 'Not found.', details: [] };
      default:
        return { text: `The audit service could not answer (${error.status}${error.body?.code ? ` ${error.body.code}` : ''}). Try again in a moment.`, details: said };
    }
  }

  function showError(target, error) {
    if (error instanceof ApiError && error.status === 401) {
      // The token expired or was revoked while the page was open: back to sign-in, saying why.
      signOut();
      const { text, details } = describe(error);
      showMessage($('sign-in-message'), 'error', `You have been signed out. ${text}`, details);
      return;
    }
    const { text, details } = describe(error);
    showMessage(target, 'error', text, details);
  }

  async function busy(buttons, work) {
    const list = Array.isArray(buttons) ? buttons : [buttons];
    list.forEach((button) => (button.disabled = true));
    try {
      return await work();
    } finally {
      list.forEach((button) => (button.disabled = false));
    }
  }

  // ---- the API ----------------------------------------------------------------------------------

  const storedToken = () => sessionStorage.getItem(TOKEN_KEY);

  async function request(path, { method = 'GET', body, token = storedToken(), accept = 'application/json' } = {}) {
    const headers = { Authorization: `Bearer ${token}`, Accept: accept };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(`${API}/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'omit' });
    } catch {
      throw new ApiError(0, null);
    }
    if (!response.ok) {
      let errorBody = null;
      try {
        errorBody = await response.json();
      } catch {
        // not JSON: the status alone must do
      }
      throw new ApiError(response.status, errorBody);
    }
    return response;
  }

  const getJson = async (path, options) => (await request(path, options)).json();

  // ---- signing in and out -----------------------------------------------------------------------

  function claimsOf(token) {
    try {
      const part = token.split('.')[1];
      const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
      return JSON.parse(atob(base64));
    } catch {
      return null;
    }
  }

  /** Accepts the token as pasted: with or without "Bearer ", with stray spaces or line breaks. */
  function cleanToken(pasted) {
    return pasted.trim().replace(/^Bearer\s+/i, '').replace(/\s+/g, '');
  }

  async function signIn(event) {
    event.preventDefault();
    const message = $('sign-in-message');
    hideMessage(message);
    const token = cleanToken($('token').value);
    if (!token) {
      showMessage(message, 'error', 'Paste an administrator token first.');
      return;
    }
    await busy($('sign-in-button'), async () => {
      try {
        // A one-record search proves the token is an administrator's before it is kept.
        await request(`accesses${queryString({ limit: 1 })}`, { token });
      } catch (error) {
        const { text, details } = describe(error);
        showMessage(message, 'error', text, details);
        return;
      }
      sessionStorage.setItem(TOKEN_KEY, token);
      $('token').value = '';
      enterWorkspace();
    });
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    $('workspace').hidden = true;
    $('signed-in').hidden = true;
    $('sign-in').hidden = false;
    hideMessage($('sign-in-message'));
    for (const table of document.querySelectorAll('table')) for (const body of table.tBodies) body.replaceChildren();
    for (const id of ['accesses-table', 'provision-result', 'chain-result', 'alerts-table', 'summary-result']) $(id).hidden = true;
    for (const target of document.querySelectorAll('#workspace .message')) hideMessage(target);
  }

  function enterWorkspace() {
    const claims = claimsOf(storedToken());
    const who = claims?.sub ? `Signed in as ${claims.sub}` : 'Signed in';
    const until = claims?.exp ? ` · until ${formatTime(new Date(claims.exp * 1000).toISOString()).slice(11, 16)}` : '';
    $('signed-in-as').textContent = who + until;
    $('signed-in').hidden = false;
    $('sign-in').hidden = true;
    $('workspace').hidden = false;
    selectTab('accesses');
    void searchAccesses();
    void refreshAlertCount();
    void loadLatestVerification();
  }

  // ---- tabs -------------------------------------------------------------------------------------

  const TABS = ['accesses', 'provision', 'chain', 'alerts', 'summary'];

  function selectTab(name) {
    for (const tab of TABS) {
      const selected = tab === name;
      $(`tab-${tab}`).setAttribute('aria-selected', String(selected));
      $(`tab-${tab}`).tabIndex = selected ? 0 : -1;
      $(`view-${tab}`).hidden = !selected;
    }
    if (name === 'alerts') void loadAlerts(true);
  }

  function onTabKey(event) {
    const index = TABS.findIndex((tab) => `tab-${tab}` === event.currentTarget.id);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = TABS[(index + step + TABS.length) % TABS.length];
    selectTab(next);
    $(`tab-${next}`).focus();
  }

  // ---- accesses ---------------------------------------------------------------------------------

  const accesses = { filters: {}, cursors: [null], page: 0 };

  function accessFilters() {
    const contactId = $('f-contact').value.trim();
    if (contactId && !UUID.test(contactId)) throw new InputError('The contact id must be a UUID, such as 0b5e6f2c-3f0a-4d8e-9a51-2c7d1e4b8a90.');
    const filters = {
      companyCode: $('f-company').value.trim(),
      contactId,
      purpose: $('f-purpose').value.trim(),
      outcome: $('f-outcome').value,
      reason: $('f-reason').value,
      operation: $('f-operation').value,
      from: instant($('f-from')),
      to: instant($('f-to')),
    };
    if (filters.from && filters.to && filters.from > filters.to) throw new InputError('“From” must be before “To”.');
    return filters;
  }

  async function searchAccesses(event) {
    event?.preventDefault();
    hideMessage($('accesses-message'));
    try {
      accesses.filters = accessFilters();
    } catch (error) {
      showError($('accesses-message'), error);
      return;
    }
    accesses.cursors = [null];
    accesses.page = 0;
    await loadAccessPage();
  }

  async function loadAccessPage() {
    const message = $('accesses-message');
    const buttons = [$('search-accesses'), $('accesses-next'), $('accesses-previous')];
    await busy(buttons, async () => {
      let page;
      try {
        page = await getJson(`accesses${queryString({ ...accesses.filters, limit: PAGE_SIZE, cursor: accesses.cursors[accesses.page] })}`);
      } catch (error) {
        showError(message, error);
        return;
      }
      hideMessage(message);
      renderAccesses(page);
    });
  }

  function renderAccesses(page) {
    const table = $('accesses-table');
    replaceRows(
      table,
      page.records.map((record) =>
        el(
          'tr',
          { 'data-access-id': record.accessId },
          timeCell(record.accessedAt),
          textCell(record.companyCode, { class: 'nowrap' }),
          textCell(record.operation, { class: 'mono' }),
          textCell(record.purpose, { class: 'mono' }),
          el('td', null, outcomeBadge(record.outcome)),
          reasonCell(record.reason),
          el('td', { class: 'contacts' }, contactsCell(record.contactIds ?? [])),
          textCell(record.requestedBy),
        ),
      ),
    );
    table.hidden = page.records.length === 0;
    if (page.records.length === 0) showMessage($('accesses-message'), 'info', accesses.page === 0 ? 'No accesses match these filters.' : 'No more accesses.');
    accesses.cursors[accesses.page + 1] = page.nextCursor ?? null;
    $('accesses-next').hidden = !page.nextCursor;
    $('accesses-previous').hidden = accesses.page === 0;
    $('accesses-page').textContent = page.records.length ? `Page ${accesses.page + 1} · ${plural(page.records.length, 'access', 'accesses')}` : '';
  }

  function contactsCell(contactIds) {
    if (contactIds.length === 0) return '0';
    const items = contactIds.map((id) => el('li', null, el('button', { type: 'button', class: 'link', title: 'Open the record of provision', onclick: () => openProvision(id) }, id)));
    return el('details', null, el('summary', null, plural(contactIds.length, 'contact', 'contacts')), el('ul', null, ...items));
  }

  async function exportCsv() {
    const message = $('accesses-message');
    hideMessage(message);
    let filters;
    try {
      filters = accessFilters();
    } catch (error) {
      showError(message, error);
      return;
    }
    await busy($('export-csv'), async () => {
      let blob;
      try {
        blob = await (await request(`accesses/export.csv${queryString(filters)}`, { accept: 'text/csv' })).blob();
      } catch (error) {
        showError(message, error);
        return;
      }
      const url = URL.createObjectURL(blob);
      const link = el('a', { href: url, download: 'accesses.csv', hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      showMessage(message, 'success', 'Exported the accesses matching the filters above to accesses.csv.');
    });
  }

  // ---- record of provision ----------------------------------------------------------------------

  function openProvision(contactId) {
    $('p-contact').value = contactId;
    selectTab('provision');
    void showProvision();
  }

  // The record is read a page at a time; the page shows this many entries before it asks.
  const PROVISION_PAGE = 1000;
  const PROVISION_SHOWN = 5000;
  let provisionRecord = null;

  async function showProvision(event) {
    event?.preventDefault();
    const message = $('provision-message');
    hideMessage(message);
    const contactId = $('p-contact').value.trim();
    if (!UUID.test(contactId)) {
      showMessage(message, 'error', 'The contact id must be a UUID, such as 0b5e6f2c-3f0a-4d8e-9a51-2c7d1e4b8a90.');
      return;
    }
    provisionRecord = { contactId, provisions: [], accesses: [], total: null, nextCursor: null };
    await busy($('show-provision'), () => loadProvisionPages());
  }

  async function showMoreProvision() {
    hideMessage($('provision-message'));
    await busy($('provision-more'), () => loadProvisionPages());
  }

  /** Follows the record's pages until it is complete or PROVISION_SHOWN more entries are on screen. */
  async function loadProvisionPages() {
    const record = provisionRecord;
    let loaded = 0;
    try {
      do {
        const page = await getJson(
          `contacts/${encodeURIComponent(record.contactId)}/record-of-provision${queryString({ limit: PROVISION_PAGE, cursor: record.nextCursor })}`,
        );
        record.provisions.push(...(page.provisions ?? []));
        record.accesses.push(...(page.accesses ?? []));
        record.total = page.total;
        record.nextCursor = page.nextCursor ?? null;
        loaded += (page.provisions ?? []).length + (page.accesses ?? []).length;
      } while (record.nextCursor && loaded < PROVISION_SHOWN);
    } catch (error) {
      if (record.provisions.length + record.accesses.length === 0) $('provision-result').hidden = true;
      showError($('provision-message'), error);
      return;
    }
    renderProvision(record);
  }

  function renderProvision(record) {
    const provisions = record.provisions ?? [];
    const reads = record.accesses ?? [];
    replaceRows(
      $('provision-table'),
      provisions.map((p) =>
        el(
          'tr',
          null,
          timeCell(p.providedAt),
          textCell(p.companyCode, { class: 'nowrap' }),
          el('td', null, el('span', { class: `badge ${p.kind === 'DELIVERED' ? 'good' : 'warn'}` }, p.kind === 'DELIVERED' ? 'Delivered' : p.kind === 'WITHDRAWN' ? 'Withdrawn' : p.kind)),
          textCell(p.version, { class: 'number' }),
          textCell((p.purposes ?? []).join(', '), { class: 'mono' }),
        ),
      ),
    );
    replaceRows(
      $('provision-reads-table'),
      reads.map((a) =>
        el(
          'tr',
          null,
          timeCell(a.accessedAt),
          textCell(a.companyCode, { class: 'nowrap' }),
          textCell(a.operation, { class: 'mono' }),
          textCell(a.purpose, { class: 'mono' }),
          el('td', null, outcomeBadge(a.outcome)),
          textCell(a.requestedBy),
        ),
      ),
    );
    $('provision-table').hidden = provisions.length === 0;
    $('provision-none').hidden = provisions.length > 0;
    $('provision-reads-table').hidden = reads.length === 0;
    $('provision-reads-none').hidden = reads.length > 0;

    // Which companies hold the data now: those whose latest provision event is a delivery.
    const latest = new Map();
    for (const p of [...provisions].sort((a, b) => String(a.providedAt).localeCompare(String(b.providedAt)))) latest.set(p.companyCode, p.kind);
    const received = [...latest.keys()].sort();
    const holding = received.filter((code) => latest.get(code) === 'DELIVERED');
    const readers = [...new Set(reads.filter((a) => a.outcome === 'GRANTED').map((a) => a.companyCode))].sort();
    const parts = [
      received.length ? `Provided to ${plural(received.length, 'company', 'companies')} (${received.join(', ')}); held now by ${holding.length ? holding.join(', ') : 'none'}.` : 'Never provided to a group company.',
      readers.length ? `Read by ${plural(readers.length, 'company', 'companies')} (${readers.join(', ')}).` : 'Not read by any company.',
    ];
    const shown = provisions.length + reads.length;
    if (record.nextCursor) parts.push(`Showing the first ${shown} of ${record.total?.entries ?? 'more'} entries; the rest are on further pages.`);
    $('provision-summary').textContent = `Contact ${record.contactId}: ${parts.join(' ')}`;
    $('provision-more').hidden = !record.nextCursor;
    $('provision-result').hidden = false;
  }

  // ---- chain status -----------------------------------------------------------------------------

  async function loadLatestVerification() {
    const message = $('chain-message');
    try {
      renderVerification(await getJson('verifications/latest'));
      hideMessage(message);
    } catch (error) {
      $('chain-result').hidden = true;
      if (error instanceof ApiError && error.status === 404) showMessage(message, 'info', 'The audit chains have not been verified yet. Run a verification.');
      else showError(message, error);
    }
  }

  async function verify(full) {
    const message = $('chain-message');
    await busy([$('verify-now'), $('verify-full')], async () => {
      showMessage(message, 'info', full ? 'Running a full verification of every chain from its beginning…' : 'Verifying the records added since the last verification…');
      let report;
      try {
        report = await getJson(`verify${full ? '?full=true' : ''}`);
      } catch (error) {
        showError(message, error);
        return;
      }
      renderVerification(report);
      if (report.status === 'INTACT') showMessage(message, 'success', `Verification finished: every chain is intact (${plural(report.checkedRecords, 'record', 'records')} checked).`);
      else showMessage(message, 'error', 'Verification found a broken chain: a record was altered, removed or inserted. See the first broken record below, and report it.');
    });
  }

  function renderVerification(report) {
    const status = $('chain-status');
    status.replaceWith(Object.assign(statusBadge(report.status), { id: 'chain-status' }));
    $('chain-verified-at').textContent = formatTime(report.verifiedAt);
    $('chain-verified-at').title = report.verifiedAt ?? '';
    const mode = report.mode === 'FULL' ? 'Full' : report.mode === 'INCREMENTAL' ? 'Incremental' : String(report.mode);
    $('chain-mode').textContent = report.trigger === 'SCHEDULED' ? `${mode} (scheduled)` : mode;
    $('chain-checked').textContent = String(report.checkedRecords ?? '—');
    replaceRows(
      $('chain-table'),
      (report.chains ?? []).map((chain) => {
        const broken = chain.firstBroken;
        const hash = chain.headHash ?? '';
        return el(
          'tr',
          null,
          textCell(CHAINS[chain.chain] ?? chain.chain),
          el('td', null, statusBadge(chain.status)),
          textCell(chain.headSeq, { class: 'number' }),
          el('td', { class: 'mono', title: hash }, hash ? `${hash.slice(0, 16)}…` : '—'),
          textCell(chain.checkedFrom, { class: 'number' }),
          textCell(chain.checkedRecords, { class: 'number' }),
          broken ? el('td', { class: 'broken' }, `Record ${broken.seq}${broken.eventId ? ` (event ${broken.eventId})` : ''}: ${broken.problem}`) : textCell('None'),
        );
      }),
    );
    $('chain-result').hidden = false;
  }

  // ---- alerts -----------------------------------------------------------------------------------

  const alerts = { cursor: null };

  async function refreshAlertCount() {
    const badge = $('alert-count');
    try {
      const page = await getJson(`alerts${queryString({ status: 'OPEN', limit: 100 })}`);
      badge.textContent = page.nextCursor ? `${page.alerts.length}+` : String(page.alerts.length);
      badge.title = 'Open alerts';
      badge.hidden = page.alerts.length === 0;
    } catch {
      badge.hidden = true;
    }
  }

  async function loadAlerts(reset, event) {
    event?.preventDefault();
    const message = $('alerts-message');
    if (reset) alerts.cursor = null;
    const includeAcknowledged = $('alerts-include-acknowledged').checked;
    await busy([$('refresh-alerts'), $('alerts-more')], async () => {
      let page;
      try {
        page = await getJson(`alerts${queryString({ status: includeAcknowledged ? undefined : 'OPEN', limit: PAGE_SIZE, cursor: alerts.cursor })}`);
      } catch (error) {
        showError(message, error);
        return;
      }
      hideMessage(message);
      const rows = page.alerts.map(alertRow);
      const body = $('alerts-table').tBodies[0];
      if (reset) body.replaceChildren(...rows);
      else body.append(...rows);
      alerts.cursor = page.nextCursor ?? null;
      $('alerts-more').hidden = !page.nextCursor;
      $('alerts-table').hidden = body.rows.length === 0;
      $('alerts-none').textContent = includeAcknowledged ? 'No alerts.' : 'No open alerts.';
      $('alerts-none').hidden = body.rows.length > 0;
    });
  }

  function alertRow(alert) {
    const detail = el('td', null, alert.detail ?? '');
    if (alert.occurrences > 1) detail.append(el('div', { class: 'ack-note' }, `Seen ${alert.occurrences} times, last at ${formatTime(alert.lastSeenAt)}`));
    const status = el('td');
    const action = el('td');
    if (alert.acknowledgedAt) {
      status.append(el('span', { class: 'badge' }, 'Acknowledged'), el('div', { class: 'ack-note' }, `by ${alert.acknowledgedBy ?? '—'} at ${formatTime(alert.acknowledgedAt)}`));
      if (alert.note) status.append(el('div', { class: 'ack-note' }, `Note: ${alert.note}`));
    } else {
      status.append(el('span', { class: 'badge warn' }, 'Open'));
      action.append(el('button', { type: 'button', class: 'secondary', onclick: (event) => openAcknowledgeForm(alert, event.currentTarget) }, 'Acknowledge'));
    }
    return el(
      'tr',
      { 'data-alert-id': alert.id },
      timeCell(alert.raisedAt),
      el('td', { class: 'nowrap', title: alert.rule }, RULES[alert.rule] ?? alert.rule),
      textCell(alert.companyCode, { class: 'nowrap' }),
      detail,
      status,
      action,
    );
  }

  function openAcknowledgeForm(alert, button) {
    const cell = button.parentElement;
    button.hidden = true;
    const noteId = `note-${alert.id}`;
    const note = el('textarea', { id: noteId, rows: 2, maxlength: 1000, placeholder: 'What was found or done (optional)' });
    const confirm = el('button', { type: 'submit' }, 'Confirm acknowledgement');
    const cancel = el('button', { type: 'button', class: 'secondary' }, 'Cancel');
    const form = el('form', { class: 'ack-form' }, el('label', { for: noteId }, 'Note'), note, el('div', { class: 'actions' }, confirm, cancel));
    cancel.addEventListener('click', () => {
      form.remove();
      button.hidden = false;
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const message = $('alerts-message');
      await busy([confirm, cancel], async () => {
        let updated;
        try {
          const text = note.value.trim();
          updated = await getJson(`alerts/${encodeURIComponent(alert.id)}/acknowledgement`, { method: 'POST', body: text ? { note: text } : {} });
        } catch (error) {
          showError(message, error);
          return;
        }
        cell.parentElement.replaceWith(alertRow({ ...alert, ...updated }));
        showMessage(message, 'success', `Alert acknowledged (${RULES[alert.rule] ?? alert.rule}, ${alert.companyCode}).`);
        void refreshAlertCount();
      });
    });
    cell.append(form);
    note.focus();
  }

  // ---- company summary --------------------------------------------------------------------------

  async function showSummary(event) {
    event?.preventDefault();
    const message = $('summary-message');
    hideMessage(message);
    let code;
    let period;
    try {
      code = $('s-company').value.trim();
      if (!code) throw new InputError('Enter a company code.');
      period = { from: instant($('s-from')), to: instant($('s-to')) };
      if (period.from && period.to && period.from > period.to) throw new InputError('“From” must be before “To”.');
    } catch (error) {
      showError(message, error);
      return;
    }
    await busy($('show-summary'), async () => {
      let summary;
      try {
        summary = await getJson(`companies/${encodeURIComponent(code)}/summary${queryString(period)}`);
      } catch (error) {
        $('summary-result').hidden = true;
        showError(message, error);
        return;
      }
      renderSummary(summary);
    });
  }

  function renderSummary(summary) {
    const byPurpose = new Map();
    for (const { purpose, outcome, count } of summary.counts ?? []) {
      const key = purpose ?? '';
      const row = byPurpose.get(key) ?? { GRANTED: 0, DENIED: 0 };
      row[outcome] = (row[outcome] ?? 0) + Number(count);
      byPurpose.set(key, row);
    }
    const totals = { GRANTED: 0, DENIED: 0 };
    const rows = [...byPurpose.entries()]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
      .map(([purpose, counts]) => {
        totals.GRANTED += counts.GRANTED;
        totals.DENIED += counts.DENIED;
        return el(
          'tr',
          null,
          purpose ? textCell(purpose, { class: 'mono' }) : el('td', { class: 'empty' }, 'No purpose declared'),
          textCell(counts.GRANTED, { class: 'number' }),
          textCell(counts.DENIED, { class: 'number' }),
          textCell(counts.GRANTED + counts.DENIED, { class: 'number' }),
        );
      });
    replaceRows($('summary-table'), rows);
    $('summary-table').tFoot.replaceChildren(
      el('tr', null, el('td', null, 'Total'), textCell(totals.GRANTED, { class: 'number' }), textCell(totals.DENIED, { class: 'number' }), textCell(totals.GRANTED + totals.DENIED, { class: 'number' })),
    );
    const from = summary.from ? formatTime(summary.from) : 'the beginning';
    const to = summary.to ? formatTime(summary.to) : 'now';
    $('summary-period').textContent = rows.length
      ? `${summary.companyCode}, from ${from} to ${to}: ${plural(totals.GRANTED + totals.DENIED, 'access', 'accesses')}.`
      : `${summary.companyCode} made no accesses from ${from} to ${to}.`;
    $('summary-table').hidden = rows.length === 0;
    $('summary-result').hidden = false;
  }

  // ---- start ------------------------------------------------------------------------------------

  function fillChoices() {
    $('purposes').append(...PURPOSES.map((purpose) => el('option', { value: purpose })));
    $('f-operation').append(...OPERATIONS.map((operation) => el('option', { value: operation }, operation)));
    $('f-reason').append(...Object.entries(REASONS).map(([code, label]) => el('option', { value: code }, label)));
  }

  function start() {
    fillChoices();
    $('timezone').textContent = Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'your local time zone';
    $('sign-in-form').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', signOut);
    for (const tab of TABS) {
      $(`tab-${tab}`).addEventListener('click', () => selectTab(tab));
      $(`tab-${tab}`).addEventListener('keydown', onTabKey);
    }
    $('accesses-form').addEventListener('submit', searchAccesses);
    $('accesses-form').addEventListener('reset', () => hideMessage($('accesses-message')));
    $('export-csv').addEventListener('click', exportCsv);
    $('accesses-next').addEventListener('click', () => {
      accesses.page += 1;
      void loadAccessPage();
    });
    $('accesses-previous').addEventListener('click', () => {
      accesses.page = Math.max(0, accesses.page - 1);
      void loadAccessPage();
    });
    $('provision-form').addEventListener('submit', showProvision);
    $('provision-more').addEventListener('click', showMoreProvision);
    $('verify-now').addEventListener('click', () => verify(false));
    $('verify-full').addEventListener('click', () => verify(true));
    $('alerts-form').addEventListener('submit', (event) => loadAlerts(true, event));
    $('alerts-include-acknowledged').addEventListener('change', () => loadAlerts(true));
    $('alerts-more').addEventListener('click', () => loadAlerts(false));
    $('summary-form').addEventListener('submit', showSummary);
    if (storedToken()) enterWorkspace();
  }

  start();
})();
