import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SharingSchemas } from '../../api/clients';
import { outcomeOf, type Outcome } from '../../api/call';
import { fieldProblems, type ApiProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { formatDate, formatDateTime } from '../../app/format';
import { Link } from '../../app/Link';
import { Screen } from '../../app/Screen';
import { ActionProblem } from './ActionProblem';
import { CREDENTIAL_STATES, leftOnOf, RELATIONSHIPS, type Company } from './CompaniesScreen';

type Change = SharingSchemas['schemas']['CompanyChangeResponse'];
type CredentialStatus = SharingSchemas['schemas']['KafkaCredentialsStatusResponse'];
type Issued = SharingSchemas['schemas']['IssuedKafkaCredentialsResponse'];
type PutCompany = SharingSchemas['schemas']['PutCompanyDto'];

const CHANGES: Record<Change['change'], string> = {
  ENTRY: '台帳の記載 · Entry',
  KAFKA_CREDENTIALS_ISSUED: '接続情報の発行 · Credentials issued',
  KAFKA_CREDENTIALS_ROTATED: '接続情報の更新 · Credentials rotated',
  KAFKA_CREDENTIALS_REVOKED: '接続情報の失効 · Credentials revoked',
};

/** One company of the register: its entry (editable), its history, and its Kafka credentials. */
export function CompanyScreen({ code }: { code: string }) {
  const { api } = useDesk();
  const path = { params: { path: { code } } };
  const [company, setCompany] = useState<Company>();
  const [history, setHistory] = useState<Change[]>([]);
  const [credentials, setCredentials] = useState<CredentialStatus>();
  const [issued, setIssued] = useState<Issued>();
  const [problem, setProblem] = useState<{ what: string; problem: ApiProblem }>();
  const [busy, setBusy] = useState(false);
  const [confirmRevoke, setConfirmRevoke] = useState(false);

  const load = useCallback(async () => {
    const [listed, changes, status] = await Promise.all([
      outcomeOf('sharing', api.sharing.GET('/companies')),
      outcomeOf('sharing', api.sharing.GET('/companies/{code}/history', { params: { path: { code } } })),
      outcomeOf('sharing', api.sharing.GET('/companies/{code}/kafka-credentials', { params: { path: { code } } })),
    ]);
    if (listed.ok) setCompany(listed.data.find((c) => c.code === code));
    else setProblem({ what: '台帳を読み込めませんでした · The register could not be loaded.', problem: listed.problem });
    if (changes.ok) setHistory(changes.data);
    if (status.ok) setCredentials(status.data);
  }, [api, code]);

  useEffect(() => {
    void load();
  }, [load]);

  const run = async <T,>(what: string, call: Promise<Outcome<T>>): Promise<T | undefined> => {
    setBusy(true);
    setProblem(undefined);
    const outcome = await call;
    setBusy(false);
    if (!outcome.ok) {
      setProblem({ what, problem: outcome.problem });
      return undefined;
    }
    await load();
    return outcome.data;
  };

  const issue = async (rotate: boolean) => {
    setIssued(undefined);
    const answer = rotate
      ? await run('接続情報の更新 · Rotating the credentials', outcomeOf('sharing', api.sharing.POST('/companies/{code}/kafka-credentials/rotation', path)))
      : await run('接続情報の発行 · Issuing the credentials', outcomeOf('sharing', api.sharing.POST('/companies/{code}/kafka-credentials', path)));
    if (answer) setIssued(answer);
  };
  const revoke = async () => {
    setConfirmRevoke(false);
    setIssued(undefined);
    await run('接続情報の失効 · Revoking the credentials', outcomeOf('sharing', api.sharing.DELETE('/companies/{code}/kafka-credentials', path)));
  };

  return (
    <Screen titleJa={`グループ会社：${code}`} titleEn={`Group company: ${code}`}>
      <p>
        <Link to="/privacy/companies">← 台帳 · The register</Link>
      </p>
      {problem ? <ActionProblem problem={problem.problem} what={`${problem.what}`} /> : null}
      {company ? <EntryForm company={company} busy={busy} save={(body) => run('台帳の更新 · Saving the entry', outcomeOf('sharing', api.sharing.PUT('/companies/{code}', { ...path, body })))} problem={problem?.problem} /> : null}

      <section className="card" aria-labelledby="credentials-heading">
        <h2 id="credentials-heading">
          <Bi ja="Kafka 接続情報" en="Kafka credentials" />
        </h2>
        {credentials ? (
          <dl className="facts" id="credentials-status">
            <dt>状態 · State</dt>
            <dd>{CREDENTIAL_STATES[credentials.state]}</dd>
            <dt>ユーザー名 · Username</dt>
            <dd>{credentials.username}</dd>
            <dt>トピック · Topic</dt>
            <dd>{credentials.topic}</dd>
            <dt>コンシューマーグループ · Consumer groups</dt>
            <dd>{credentials.consumerGroupPrefix}*</dd>
            <dt>ACL</dt>
            <dd>{credentials.aclsGranted ? '付与済み · Granted' : '未付与 · Not granted'}</dd>
            <dt>最終変更 · Last change</dt>
            <dd>{credentials.lastChange ? `${CHANGES[credentials.lastChange.change]} — ${formatDateTime(credentials.lastChange.changedAt)}, ${credentials.lastChange.changedBy}` : '—'}</dd>
          </dl>
        ) : null}
        {issued ? <IssuedCredentials issued={issued} /> : null}
        {confirmRevoke ? (
          <div className="message warning" role="alertdialog" aria-labelledby="revoke-text">
            <p id="revoke-text">
              <strong>{code} は直ちにトピックを読めなくなります。 The company stops reading its topic at once.</strong>
            </p>
            <div className="actions">
              <button type="button" className="primary" id="confirm-revoke" onClick={() => void revoke()} autoFocus>
                <Bi ja="失効させる" en="Revoke" />
              </button>
              <button type="button" onClick={() => setConfirmRevoke(false)}>
                <Bi ja="やめる" en="Cancel" />
              </button>
            </div>
          </div>
        ) : (
          <div className="actions">
            <button type="button" id="issue-credentials" disabled={busy || credentials?.state === 'ACTIVE'} onClick={() => void issue(false)}>
              <Bi ja="発行" en="Issue" />
            </button>
            <button type="button" id="rotate-credentials" disabled={busy || credentials?.state !== 'ACTIVE'} onClick={() => void issue(true)}>
              <Bi ja="パスワードを更新" en="Rotate" />
            </button>
            <button type="button" id="revoke-credentials" disabled={busy || credentials?.state !== 'ACTIVE'} onClick={() => setConfirmRevoke(true)}>
              <Bi ja="失効…" en="Revoke…" />
            </button>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">
          <Bi ja="変更履歴" en="History" />
        </h2>
        <div className="table-wrap">
          <table id="company-history">
            <thead>
              <tr>
                <th scope="col" className="number">
                  版 · Version
                </th>
                <th scope="col">変更 · Change</th>
                <th scope="col">日時 · When</th>
                <th scope="col">担当 · By</th>
                <th scope="col">変更後 · After</th>
              </tr>
            </thead>
            <tbody>
              {history.map((change) => (
                <tr key={`${change.version}-${change.changedAt}`}>
                  <td className="number">{change.version}</td>
                  <td>{CHANGES[change.change]}</td>
                  <td>{formatDateTime(change.changedAt)}</td>
                  <td>{change.changedBy}</td>
                  <td className="hint">{describeChange(change)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Screen>
  );
}

/** The fields a change altered (all of them when the entry was created). */
function describeChange(change: Change): string {
  const before = (change.before ?? {}) as Record<string, unknown>;
  const after = change.after as Record<string, unknown>;
  return Object.entries(after)
    .filter(([key, value]) => JSON.stringify(before[key]) !== JSON.stringify(value))
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join('; ');
}

function IssuedCredentials({ issued }: { issued: Issued }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(issued.password);
    setCopied(true);
  };
  return (
    <div className="message warning" id="issued-credentials" role="region" aria-label="発行された接続情報 · Issued credentials">
      <p>
        <strong>
          パスワードは今回だけ表示され、どこにも保存されません。安全な経路で {issued.companyCode} に渡してください。 The password is shown this once and kept nowhere: hand it to {issued.companyCode} over a secure channel.
        </strong>
      </p>
      <dl className="facts">
        <dt>ユーザー名 · Username</dt>
        <dd>{issued.username}</dd>
        <dt>パスワード · Password</dt>
        <dd>
          <code className="secret" id="issued-password">
            {issued.password}
          </code>{' '}
          <button type="button" id="copy-password" onClick={() => void copy()}>
            <Bi ja="コピー" en="Copy" />
          </button>{' '}
          <span aria-live="polite">{copied ? 'コピーしました · Copied' : ''}</span>
        </dd>
        <dt>方式 · Mechanism</dt>
        <dd>{issued.saslMechanism}</dd>
        <dt>接続先 · Bootstrap servers</dt>
        <dd>{issued.bootstrapServers.join(', ')}</dd>
        <dt>トピック · Topic</dt>
        <dd>{issued.topic}</dd>
        <dt>コンシューマーグループ · Consumer groups</dt>
        <dd>{issued.consumerGroupPrefix}*</dd>
        <dt>発行 · Issued</dt>
        <dd>
          {formatDateTime(issued.issuedAt)} — {issued.issuedBy}
        </dd>
      </dl>
    </div>
  );
}

function EntryForm({ company, busy, save, problem }: { company: Company; busy: boolean; save: (body: PutCompany) => Promise<unknown>; problem?: ApiProblem }) {
  const [draft, setDraft] = useState({ legalName: company.legalName, country: company.country, relationship: company.relationship, joinedOn: company.joinedOn, leftOn: leftOnOf(company) ?? '', active: company.active });
  const problems = fieldProblems(problem);
  const error = (field: string) => (problems.get(field) ? <p className="field-error">{problems.get(field)?.map((p) => p.message).join(' ')}</p> : null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The document types leftOn as an object; the service takes a Japan date or null.
    await save({ ...draft, leftOn: (draft.leftOn || null) as unknown as PutCompany['leftOn'] });
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="entry-heading">
      <h2 id="entry-heading">
        <Bi ja="台帳の記載" en="The entry" /> <span className="badge">v{company.version}</span>
      </h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor="company-legal-name">商号 · Legal name</label>
          <input id="company-legal-name" value={draft.legalName} onChange={(e) => setDraft({ ...draft, legalName: e.target.value })} />
          {error('legalName')}
        </div>
        <div className="field">
          <label htmlFor="company-country">国（ISO 3166-1） · Country</label>
          <input id="company-country" value={draft.country} maxLength={2} onChange={(e) => setDraft({ ...draft, country: e.target.value.toUpperCase() })} />
          {error('country')}
        </div>
        <div className="field">
          <label htmlFor="company-relationship">関係 · Relationship</label>
          <select id="company-relationship" value={draft.relationship} onChange={(e) => setDraft({ ...draft, relationship: e.target.value as Company['relationship'] })}>
            {Object.entries(RELATIONSHIPS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="company-joined-on">加入日 · Joined on</label>
          <input id="company-joined-on" type="date" value={draft.joinedOn} onChange={(e) => setDraft({ ...draft, joinedOn: e.target.value })} />
          {error('joinedOn')}
        </div>
        <div className="field">
          <label htmlFor="company-left-on">離脱日 · Left on</label>
          <input id="company-left-on" type="date" value={draft.leftOn} onChange={(e) => setDraft({ ...draft, leftOn: e.target.value })} />
          {error('leftOn')}
        </div>
        <div className="check">
          <input id="company-active" type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} />{' '}
          <label htmlFor="company-active">有効 · Active</label>
        </div>
      </div>
      <p className="hint">
        現在 · Now: {RELATIONSHIPS[company.relationship]}, {formatDate(company.joinedOn)}
      </p>
      <div className="actions">
        <button type="submit" className="primary" id="save-company" disabled={busy}>
          <Bi ja="保存" en="Save" />
        </button>
      </div>
    </form>
  );
}
