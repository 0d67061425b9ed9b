import { useEffect, useRef, useState, type FormEvent } from 'react';
import { outcomeOf } from '../../api/call';
import { postalAddressDtoPrefectureValues } from '../../api/generated/contacts';
import { fieldProblems, type ApiProblem, type FieldProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { formatDate, todayInTokyo } from '../../app/format';
import { Link } from '../../app/Link';
import { Screen } from '../../app/Screen';
import { randomToken } from '../../auth/pkce';
import { controlProps, Field } from '../common/Field';
import { ACQUISITION_METHOD_LABELS, ACQUISITION_METHODS, NOTICE_REQUIRED_FOR, type AcquisitionMethod } from './acquisition-methods';
import { CardImageSlot } from './CardImageSlot';
import { controlFor, emptyRegistrationForm, noticeAskedFor, registrationBody, type RegisterContactBody, type RegistrationForm } from './registration-form';

interface Registered {
  id: string;
  registration: 'CREATED' | 'LINKED';
  name: string;
  acquiredOn: string;
}

/** Register a contact from a business card (or any of the five ways a contact is acquired). */
export function RegisterContactScreen() {
  const { api } = useDesk();
  const [form, setForm] = useState<RegistrationForm>(() => emptyRegistrationForm(todayInTokyo()));
  const [problem, setProblem] = useState<ApiProblem>();
  const [registered, setRegistered] = useState<Registered>();
  const [saving, setSaving] = useState(false);
  const [noticePurposes, setNoticePurposes] = useState<string[]>([]);
  // One key per registration: a retry after a lost answer registers nothing twice.
  const idempotencyKey = useRef(randomToken(16));
  const summary = useRef<HTMLDivElement>(null);
  const outcomeHeading = useRef<HTMLHeadingElement>(null);

  // The purposes of joint use as the published notice words them, to state them to the person in its words.
  useEffect(() => {
    void outcomeOf('sharing', api.sharing.GET('/joint-use-notice', {})).then((outcome) => {
      if (outcome.ok) setNoticePurposes(outcome.data.purposes.map((purpose) => purpose.wording.ja));
    });
  }, [api]);

  useEffect(() => {
    if (problem) summary.current?.focus();
  }, [problem]);
  useEffect(() => {
    if (registered) outcomeHeading.current?.focus();
  }, [registered]);

  const byField = fieldProblems(problem);
  const problemsFor = (control: string): FieldProblem[] => [...byField.entries()].filter(([field]) => controlFor(field) === control).flatMap(([, problems]) => problems);
  const unplaced = [...byField.entries()].filter(([field]) => !controlFor(field)).flatMap(([, problems]) => problems);
  const set = <K extends keyof RegistrationForm>(key: K) => (value: RegistrationForm[K]) => setForm((current) => ({ ...current, [key]: value }));
  const text = (key: keyof RegistrationForm, control: string, hint = false) => ({
    ...controlProps(control, problemsFor(control), hint),
    value: form[key] as string,
    onChange: (event: { target: { value: string } }) => set(key)(event.target.value as never),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const body: RegisterContactBody = registrationBody(form);
    const outcome = await outcomeOf('contacts', api.contacts.POST('/contacts', { body, params: { header: { 'Idempotency-Key': idempotencyKey.current } } }));
    setSaving(false);
    if (!outcome.ok) {
      setProblem(outcome.problem);
      return;
    }
    setProblem(undefined);
    setRegistered({ id: outcome.data.id, registration: outcome.data.registration, name: outcome.data.name.full, acquiredOn: outcome.data.acquisitions[0]?.acquiredOn ?? form.acquiredOn });
  };

  const another = () => {
    idempotencyKey.current = randomToken(16);
    setRegistered(undefined);
    setForm(emptyRegistrationForm(todayInTokyo()));
  };

  if (registered) {
    return (
      <Screen titleJa="連絡先の登録" titleEn="Register a contact">
        <div className="card" id="registration-outcome">
          <h2 ref={outcomeHeading} tabIndex={-1}>
            {registered.registration === 'LINKED' ? <Bi ja="登録済みの方に追加しました" en="Added to a person already registered" /> : <Bi ja="登録しました" en="Registered" />}
          </h2>
          {registered.registration === 'LINKED' ? (
            <p className="message info" role="status" id="registration-linked">
              <span lang="ja">{registered.name} さんはすでに登録されていたため、新しい連絡先は作らず、この取得（{formatDate(registered.acquiredOn)}）をその方の記録に追加しました。</span>{' '}
              <span lang="en">
                {registered.name} was already registered (same e-mail, or same name, organization and phone): no new contact was made; this acquisition joined their record.
              </span>
            </p>
          ) : (
            <p className="message success" role="status" id="registration-created">
              <span lang="ja">{registered.name} さんを新しい連絡先として登録しました。</span> <span lang="en">{registered.name} is registered as a new contact.</span>
            </p>
          )}
          <div className="actions">
            <Link to={`/sales/contacts/${registered.id}`} className="button-link">
              <Bi ja="連絡先を開く" en="Open the contact" />
            </Link>
            <button type="button" onClick={another}>
              <Bi ja="続けて登録" en="Register another" />
            </button>
          </div>
        </div>
      </Screen>
    );
  }

  const noticeRequired = NOTICE_REQUIRED_FOR.has(form.method);
  const isMyNumber = problem?.code === 'SPECIFIED_PERSONAL_INFORMATION';
  return (
    <Screen titleJa="連絡先の登録" titleEn="Register a contact" intro={<Bi ja="名刺などから取得した連絡先を登録します。" en="Register a contact you acquired, from a business card or otherwise." />}>
      <form noValidate onSubmit={(event) => void submit(event)} aria-describedby="register-required-note">
        <p id="register-required-note" className="hint">
          <Bi ja="「必須」の欄は必ず入力してください。" en="Fields marked required must be filled in." />
        </p>
        {problem ? (
          <div className="message error" role="alert" tabIndex={-1} ref={summary} id="registration-problem">
            {isMyNumber ? (
              <p>
                <strong lang="ja">マイナンバー（個人番号）と思われる番号が含まれています。</strong>{' '}
                <span lang="ja">マイナンバーはこの台帳に保存できないため、登録していません。下に示した欄からその番号を削除して、もう一度登録してください。</span>{' '}
                <span lang="en">
                  A number that looks like a My Number (individual number) was entered. The registry never keeps one, so nothing was registered: remove it from the field
                  named below and register again.
                </span>
              </p>
            ) : (
              <p>
                <Bi ja="登録できませんでした。" en="The contact was not registered." /> {problem.message} <code>{problem.code}</code>
              </p>
            )}
            {unplaced.length ? (
              <ul>
                {unplaced.map((p) => (
                  <li key={`${p.field}-${p.message}`}>{p.message}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}

        <section className="card" aria-labelledby="reg-person">
          <h2 id="reg-person">
            <Bi ja="ご本人" en="The person" />
          </h2>
          <div className="field-row">
            <Field id="reg-full-name" ja="氏名" en="Full name" required problems={problemsFor('reg-full-name')}>
              <input {...text('fullName', 'reg-full-name')} autoComplete="off" />
            </Field>
            <Field id="reg-kana" ja="フリガナ" en="Kana reading" hint={<Bi ja="例：ヤマダ タロウ" en="e.g. ヤマダ タロウ" />} problems={problemsFor('reg-kana')}>
              <input {...text('kana', 'reg-kana', true)} autoComplete="off" />
            </Field>
          </div>
          <div className="field-row">
            <Field id="reg-organization" ja="会社名" en="Organization" required problems={problemsFor('reg-organization')}>
              <input {...text('organizationName', 'reg-organization')} autoComplete="off" />
            </Field>
            <Field id="reg-department" ja="部署" en="Department" problems={problemsFor('reg-department')}>
              <input {...text('department', 'reg-department')} autoComplete="off" />
            </Field>
            <Field id="reg-title" ja="役職" en="Title" problems={problemsFor('reg-title')}>
              <input {...text('title', 'reg-title')} autoComplete="off" />
            </Field>
          </div>
          <div className="field-row">
            <Field id="reg-email" ja="メールアドレス" en="E-mail" problems={problemsFor('reg-email')}>
              <input {...text('email', 'reg-email')} type="email" autoComplete="off" />
            </Field>
            <Field id="reg-phone" ja="電話番号" en="Telephone" hint={<Bi ja="例：03-1234-5678" en="e.g. 03-1234-5678" />} problems={problemsFor('reg-phone')}>
              <input {...text('phone', 'reg-phone', true)} type="tel" autoComplete="off" />
            </Field>
            <Field id="reg-fax" ja="FAX" en="Fax" problems={problemsFor('reg-fax')}>
              <input {...text('fax', 'reg-fax')} type="tel" autoComplete="off" />
            </Field>
          </div>
          <fieldset>
            <legend>
              <Bi ja="住所（任意）" en="Address (optional)" />
            </legend>
            <div className="field-row">
              <Field id="reg-postal-code" ja="郵便番号" en="Postal code" hint={<Bi ja="例：107-0062" en="e.g. 107-0062" />} problems={problemsFor('reg-postal-code')}>
                <input {...text('postalCode', 'reg-postal-code', true)} autoComplete="off" inputMode="numeric" />
              </Field>
              <Field id="reg-prefecture" ja="都道府県" en="Prefecture" problems={problemsFor('reg-prefecture')}>
                <select {...text('prefecture', 'reg-prefecture')}>
                  <option value="">選択してください · Choose</option>
                  {postalAddressDtoPrefectureValues.map((prefecture) => (
                    <option key={prefecture} value={prefecture}>
                      {prefecture}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="reg-city" ja="市区町村" en="City" problems={problemsFor('reg-city')}>
                <input {...text('city', 'reg-city')} autoComplete="off" />
              </Field>
            </div>
            <Field id="reg-street" ja="番地・建物" en="Street and building" problems={problemsFor('reg-street')}>
              <input {...text('street', 'reg-street')} autoComplete="off" />
            </Field>
          </fieldset>
        </section>

        <section className="card" aria-labelledby="reg-acquisition">
          <h2 id="reg-acquisition">
            <Bi ja="取得" en="How you acquired it" />
          </h2>
          <div className="field-row">
            <Field id="reg-method" ja="取得方法" en="Acquired by" required problems={problemsFor('reg-method')}>
              <select {...text('method', 'reg-method')} onChange={(event) => set('method')(event.target.value as AcquisitionMethod)}>
                {ACQUISITION_METHODS.map((method) => (
                  <option key={method} value={method}>
                    {ACQUISITION_METHOD_LABELS[method].ja} · {ACQUISITION_METHOD_LABELS[method].en}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="reg-acquired-on" ja="取得日" en="Acquired on" required problems={problemsFor('reg-acquired-on')}>
              <input {...text('acquiredOn', 'reg-acquired-on')} type="date" />
            </Field>
          </div>
          {noticeRequired ? (
            <p className="message info" id="notice-required">
              <Bi
                ja="お申し込み・お問い合わせで取得した場合は、ご本人に示した利用目的の通知を記録する必要があります。"
                en="For applications and inquiries, record the notice of purpose shown to the person: the API requires it."
              />
            </p>
          ) : (
            <div className="field checkbox">
              <label>
                <input type="checkbox" id="reg-record-notice" checked={form.recordNotice} onChange={(event) => set('recordNotice')(event.target.checked)} />{' '}
                <Bi ja="利用目的の通知を記録する（任意）" en="Record a notice of purpose shown to the person (optional)" />
              </label>
              <p className="hint">
                <Bi ja="名刺交換・商談では、公表している共同利用の通知をもってご本人への通知とします。" en="For business cards and discussions, the published joint-use notice counts as telling the person." />
              </p>
            </div>
          )}
          {noticeAskedFor(form) ? (
            <fieldset id="notice-of-purpose">
              <legend>
                <Bi ja="利用目的の通知" en="Notice of purpose" />
              </legend>
              <Field
                id="reg-purposes"
                ja="示した利用目的（1行に1つ）"
                en="Purposes stated to the person, one a line"
                required
                problems={problemsFor('reg-purposes')}
                hint={
                  noticePurposes.length ? (
                    <button type="button" className="link-button" onClick={() => set('purposesShown')(noticePurposes.join('\n'))}>
                      <Bi ja="共同利用の通知の利用目的を入れる" en="Fill in the purposes of the joint-use notice" />
                    </button>
                  ) : undefined
                }
              >
                <textarea {...text('purposesShown', 'reg-purposes', noticePurposes.length > 0)} rows={4} />
              </Field>
              <fieldset className="inline" aria-describedby={problemsFor('reg-joint-use-yes').length ? 'reg-joint-use-yes-problem' : undefined}>
                <legend>
                  <Bi ja="共同利用を伝えましたか" en="Was the person told of joint use?" /> <span className="required">必須 · required</span>
                </legend>
                <label>
                  <input type="radio" name="joint-use" id="reg-joint-use-yes" checked={form.jointUseNotified === 'yes'} onChange={() => set('jointUseNotified')('yes')} />{' '}
                  <Bi ja="はい" en="Yes" />
                </label>
                <label>
                  <input type="radio" name="joint-use" id="reg-joint-use-no" checked={form.jointUseNotified === 'no'} onChange={() => set('jointUseNotified')('no')} />{' '}
                  <Bi ja="いいえ" en="No" />
                </label>
                {problemsFor('reg-joint-use-yes').length ? (
                  <p className="field-error" id="reg-joint-use-yes-problem">
                    {problemsFor('reg-joint-use-yes')
                      .map((p) => p.message)
                      .join(' ')}
                  </p>
                ) : null}
              </fieldset>
              <Field id="reg-notice-wording" ja="通知の文面または参照" en="Wording of the notice, or a reference to it" problems={problemsFor('reg-notice-wording')}>
                <input {...text('noticeWording', 'reg-notice-wording')} autoComplete="off" />
              </Field>
            </fieldset>
          ) : null}
          <Field id="reg-memo" ja="メモ（社内のみ・共有されません）" en="Memo (internal, never shared)" problems={problemsFor('reg-memo')}>
            <textarea {...text('memo', 'reg-memo')} rows={3} />
          </Field>
          <CardImageSlot />
        </section>

        <div className="actions">
          <button type="submit" className="primary" id="register" disabled={saving}>
            {saving ? <Bi ja="登録中…" en="Registering…" /> : <Bi ja="登録する" en="Register" />}
          </button>
        </div>
      </form>
    </Screen>
  );
}
