/** The notice page's style sheet, served beside it so that the page's CSP can forbid inline styles. */
export const NOTICE_PAGE_CSS = `:root {
  color-scheme: light;
  --ink: #1f2933;
  --muted: #52606d;
  --rule: #c3ccd5;
  --shade: #f3f5f8;
  --accent: #0b4f8a;
}
* { box-sizing: border-box; }
body {
  margin: 0;
  color: var(--ink);
  background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", Meiryo, sans-serif;
  font-size: 1rem;
  line-height: 1.75;
}
:lang(ja) { line-break: strict; word-break: normal; overflow-wrap: anywhere; }
.page { max-width: 54rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 1.5rem; }
.languages { text-align: right; font-size: .9rem; }
.company { margin: .5rem 0 0; color: var(--muted); font-weight: 600; }
h1 { margin: .25rem 0 .75rem; font-size: 1.75rem; line-height: 1.35; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
a { color: var(--accent); }
table.notice { width: 100%; border-collapse: collapse; }
table.notice caption { text-align: left; font-weight: 600; padding-bottom: .5rem; }
th, td { border: 1px solid var(--rule); padding: .75rem 1rem; vertical-align: top; text-align: left; }
th { width: 30%; background: var(--shade); font-weight: 600; }
td p { margin: 0 0 .5rem; }
td p:last-child { margin-bottom: 0; }
ul.items { margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
ul.purposes { margin: 0; padding: 0; list-style: none; }
ul.purposes li { margin-bottom: .5rem; padding-left: 3em; text-indent: -3em; }
.policy-item { display: inline-block; width: 3em; text-indent: 0; color: var(--muted); }
code { font-size: .75rem; color: var(--muted); background: var(--shade); padding: 0 .3em; border-radius: 3px; white-space: nowrap; }
table.companies { width: 100%; border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
table.companies th { width: auto; }
table.companies th, table.companies td { padding: .35rem .5rem; }
.not-joint-user { color: var(--muted); }
.list-heading { font-weight: 600; margin-top: .75rem; }
.note { color: var(--muted); font-size: .875rem; }
ol.revisions { padding-left: 1.25rem; }
ol.revisions li p { margin: 0 0 .25rem; }
footer { margin-top: 2rem; padding-top: .75rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .875rem; }
footer p { margin: .25rem 0; }
@media (max-width: 40rem) {
  th, td { display: block; width: auto; }
  td { border-top: none; }
}
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { font-size: 10.5pt; }
  .page { max-width: none; padding: 0; }
  .languages, .formats { display: none; }
  a { color: inherit; text-decoration: none; }
  th { background: none; }
  tr, section { break-inside: avoid; }
  header { border-bottom-color: var(--ink); }
}
`;
