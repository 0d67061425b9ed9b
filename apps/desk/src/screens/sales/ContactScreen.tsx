import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { outcomeOf } from '../../api/call';
import { fieldProblems, type ApiProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { formatCount, formatDate, formatDateTime } from '../../app/format';
import { Link } from '../../app/Link';
import { Screen } from '../../app/Screen';
import { controlProps, Field } from '../common/Field';
import { ProblemMessage } from '../common/ProblemMessage';
import { ACQUISITION_METHOD_LABELS, type AcquisitionMethod } from './acquisition-methods';
import { CORRECTABLE, correctionBody, ITEM_FIELDS, ITEM_LABELS, itemsOf, mergeCorrection, resolvedItems, type Contact, type CorrectableItem, type ItemMerge, type Items } from './correction';

interface Conflict {
  theirs: Contact;
  merges: ItemMerge[];
  choices: Partial<Record<CorrectableItem, 'yours' | 'theirs'>>;
}

const isFull = (contact: unknown): contact is Contact => typeof contact === 'object' && contact !== null && 'version' in contact;

/** One contact of the company: what is recorded, and its correction, which resolves a colleague's change made meanwhile. */
export function ContactScreen({ id }: { id: string }) {
  const { api } = useDesk();
  const [contact, setContact] = useState<Contact>();
  const [suspended, setSuspended] = useState(false);
  const [draft, setDraft] = useState<Items>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [loadProblem, setLoadProblem] = useState<ApiProblem>();
  const [conflict, setConflict] = useState<Conflict>();
  const [saved, setSaved] = useState<number>();
  const [saving, setSaving] = useState(false);
  const conflictHeading = useRef<HTMLHeadingElement>(null);
  const message = useRef<HTMLDivElement>(null);

  const read = useCallback(async () => outcomeOf('contacts', api.contacts.GET('/contacts/{id}', { params: { path: { id } } })), [api, id]);

  useEffect(() => {
    void read().then((outcome) => {
      if (!outcome.ok) return setLoadProblem(outcome.problem);
      if (!isFull(outcome.data)) return setSuspended(true);
      setContact(outcome.data);
      setDraft(itemsOf(outcome.data));
    });
  }, [read]);

  useEffect(() => {
    if (conflict) conflictHeading.current?.focus();
  }, [conflict]);
  useEffect(() => {
    if (problem || saved) message.current?.focus();
  }, [problem, saved]);

  /** Sends the change from `base` to `items` as a correction of `version`; a stale version becomes a conflict to resolve. */
  const save = async (base: Items, items: Items, version: number) => {
    const body = correctionBody(base, items, version);
    if (!body) {
      setProblem({ statusCode: 0, code: 'NOTHING_CHANGED', message: '変更はありません。 Nothing was changed.' });
      return;
    }
    setSaving(true);
    const outcome = await outcomeOf('contacts', api.contacts.PATCH('/contacts/{id}', { params: { path: { id } }, body }));
    if (outcome.ok && isFull(outcome.data)) {
      setSaving(false);
      setContact(outcome.data);
      setDraft(itemsOf(outcome.data));
      setConflict(undefined);
      setProblem(undefined);
      setSaved(outcome.data.version);
      return;
    }
    if (!outcome.ok && outcome.problem.code === 'STALE_VERSION') {
      const latest = await read();
      setSaving(false);
      if (latest.ok && isFull(latest.data)) {
        setProblem(undefined);
        setConflict({ theirs: latest.data, merges: mergeCorrection(base, items, itemsOf(latest.data)), choices: {} });
        return;
      }
    }
    setSaving(false);
    setSaved(undefined);
    setProblem(outcome.ok ? { statusCode: 409, code: 'CONTACT_SUSPENDED', message: 'The person’s use is suspended.' } : outcome.problem);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (contact && draft) void save(itemsOf(contact), draft, contact.version);
  };

  if (loadProblem) {
    return (
      <Screen titleJa="連絡先" titleEn="Contact">
        <ProblemMessage problem={loadProblem} what="連絡先を読み込めませんでした。 The contact could not be loaded." />
        <Link to="/sales/contacts">
          <Bi ja="一覧に戻る" en="Back to the list" />
        </Link>
      </Screen>
    );
  }
  if (suspended) {
    return (
      <Screen titleJa="連絡先（利用停止中）" titleEn="Contact (use suspended)">
        <p className="message warning">
          <Bi ja="ご本人の請求により、この方の利用は停止されています。" en="At the person's request, their use is suspended: their items are not shown." />
        </p>
      </Screen>
    );
  }
  if (!contact || !draft) {
    return (
      <Screen titleJa="連絡先" titleEn="Contact">
        <p role="status">読み込み中… Loading…</p>
      </Screen>
    );
  }

  const byField = fieldProblems(problem);
  const problemsOf = (item: CorrectableItem) => byField.get(ITEM_FIELDS[item]) ?? (item === 'fullName' ? byField.get('name') : undefined);
  return (
    <Screen titleJa={`${contact.name.full} さん`} titleEn={contact.organizationName}>
      <p className="hint" id="contact-version">
        <Bi ja={`版 ${formatCount(contact.version)} · 最終更新 ${formatDateTime(contact.updatedAt)}`} en={`Version ${formatCount(contact.version)}, last changed ${formatDateTime(contact.updatedAt)}`} />
      </p>

      {saved ? (
        <div className="message success" role="status" tabIndex={-1} ref={message} id="correction-saved">
          <Bi ja={`訂正を保存しました（版 ${formatCount(saved)}）。`} en={`The correction is saved (version ${formatCount(saved)}).`} />
        </div>
      ) : null}
      {problem ? (
        <div className="message error" role="alert" tabIndex={-1} ref={message} id="correction-problem">
          <p>
            <Bi ja="保存できませんでした。" en="The correction was not saved." /> {problem.message} <code>{problem.code}</code>
          </p>
        </div>
      ) : null}

      {conflict ? (
        <section className="card conflict" aria-labelledby="conflict-heading" id="conflict">
          <h2 id="conflict-heading" ref={conflictHeading} tabIndex={-1}>
            <Bi ja="他の人がこの連絡先を変更しました" en="Someone changed this contact while you were editing it" />
          </h2>
          <p>
            <Bi
              ja={`あなたが読み込んだ版 ${formatCount(contact.version)} の後、版 ${formatCount(conflict.theirs.version)} が保存されました（${formatDateTime(conflict.theirs.updatedAt)}）。あなたの変更はまだ保存されていません。両方を確認し、食い違う項目はどちらを残すか選んでから保存してください。`}
              en={`Version ${formatCount(conflict.theirs.version)} was saved after the version ${formatCount(contact.version)} you read. Your changes are not saved yet: check both, choose which value to keep where they differ, and save on the new version.`}
            />
          </p>
          <div className="table-wrap">
            <table id="conflict-table">
              <caption>
                <Bi ja="変更された項目" en="Items changed" />
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <Bi ja="項目" en="Item" />
                  </th>
                  <th scope="col">
                    <Bi ja="読み込んだ時" en="When you read it" />
                  </th>
                  <th scope="col">
                    <Bi ja="保存済み（相手）" en="Saved now (theirs)" />
                  </th>
                  <th scope="col">
                    <Bi ja="あなたの変更" en="Yours" />
                  </th>
                  <th scope="col">
                    <Bi ja="残す値" en="Keep" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {conflict.merges.map((merge) => (
                  <tr key={merge.item} data-item={merge.item}>
                    <th scope="row">
                      <Bi ja={ITEM_LABELS[merge.item].ja} en={ITEM_LABELS[merge.item].en} />
                    </th>
                    <td>{merge.base || '—'}</td>
                    <td>{merge.theirs || '—'}</td>
                    <td>{merge.yours || '—'}</td>
                    <td>
                      {merge.conflict ? (
                        <fieldset className="inline">
                          <legend className="visually-hidden">{`${ITEM_LABELS[merge.item].ja} · ${ITEM_LABELS[merge.item].en}`}</legend>
                          {(['yours', 'theirs'] as const).map((side) => (
                            <label key={side}>
                              <input
                                type="radio"
                                name={`keep-${merge.item}`}
                                value={side}
                                checked={(conflict.choices[merge.item] ?? 'yours') === side}
                                onChange={() => setConflict({ ...conflict, choices: { ...conflict.choices, [merge.item]: side } })}
                              />{' '}
                              {side === 'yours' ? <Bi ja="あなたの値" en="Yours" /> : <Bi ja="相手の値" en="Theirs" />}
                            </label>
                          ))}
                        </fieldset>
                      ) : merge.base !== merge.yours ? (
                        <Bi ja="あなたの値" en="Yours" />
                      ) : (
                        <Bi ja="相手の値" en="Theirs" />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="actions">
            <button
              type="button"
              className="primary"
              id="save-on-new-version"
              disabled={saving}
              onClick={() => {
                const theirs = itemsOf(conflict.theirs);
                const resolved = resolvedItems(theirs, conflict.merges, conflict.choices);
                setContact(conflict.theirs);
                setDraft(resolved);
                void save(theirs, resolved, conflict.theirs.version);
              }}
            >
              <Bi ja={`版 ${formatCount(conflict.theirs.version)} に保存する`} en={`Save on version ${formatCount(conflict.theirs.version)}`} />
            </button>
            <button
              type="button"
              id="discard-mine"
              onClick={() => {
                setContact(conflict.theirs);
                setDraft(itemsOf(conflict.theirs));
                setConflict(undefined);
              }}
            >
              <Bi ja="自分の変更を破棄して最新を表示" en="Discard my changes and show theirs" />
            </button>
          </div>
        </section>
      ) : null}

      <form className="card" noValidate onSubmit={submit} aria-labelledby="correct-heading">
        <h2 id="correct-heading">
          <Bi ja="訂正" en="Correct" />
        </h2>
        <div className="field-row">
          {CORRECTABLE.map((item) => (
            <Field key={item} id={`fix-${item}`} ja={ITEM_LABELS[item].ja} en={ITEM_LABELS[item].en} problems={problemsOf(item)}>
              <input
                {...controlProps(`fix-${item}`, problemsOf(item))}
                value={draft[item]}
                disabled={Boolean(conflict)}
                type={item === 'email' ? 'email' : item === 'phone' || item === 'fax' ? 'tel' : 'text'}
                onChange={(event) => setDraft({ ...draft, [item]: event.target.value })}
                autoComplete="off"
              />
            </Field>
          ))}
        </div>
        <div className="actions">
          <button type="submit" className="primary" id="save-correction" disabled={saving || Boolean(conflict)}>
            <Bi ja="訂正を保存" en="Save the correction" />
          </button>
          <Link to="/sales/contacts">
            <Bi ja="一覧に戻る" en="Back to the list" />
          </Link>
        </div>
      </form>

      <section className="card" aria-labelledby="acquisitions-heading">
        <h2 id="acquisitions-heading">
          <Bi ja="取得の記録" en="Acquisitions" />
        </h2>
        <ul className="plain" id="acquisitions">
          {contact.acquisitions.map((acquisition) => {
            const label = ACQUISITION_METHOD_LABELS[acquisition.method as AcquisitionMethod];
            return (
              <li key={acquisition.id}>
                {formatDate(acquisition.acquiredOn)} · {label ? `${label.ja} · ${label.en}` : acquisition.method} · {acquisition.companyCode} · {acquisition.acquiredBy}
                {acquisition.noticeOfPurpose ? (
                  <div className="hint">
                    <Bi ja="示した利用目的" en="Purposes stated" />: {acquisition.noticeOfPurpose.purposesShown.join(' / ')}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
    </Screen>
  );
}
