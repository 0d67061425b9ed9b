import { useEffect, useState } from 'react';
import { isApiProblem, unreachable, type ApiProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { formatCount } from '../../app/format';
import { ProblemMessage } from '../common/ProblemMessage';
import { CARD_IMAGE_TYPES, cardImageFileProblem } from './card-image-file';

/** The file input of the registration form: the card's scan, checked here for type and size, sent once the contact is registered. */
export function CardImageSlot({ file, onChange }: { file: File | undefined; onChange: (file: File | undefined) => void }) {
  const [rejected, setRejected] = useState<ReturnType<typeof cardImageFileProblem>>();
  return (
    <div className="field card-image-slot">
      <label htmlFor="reg-card-image">
        <Bi ja="名刺画像（JPEG・PNG・PDF、5 MB まで・社内のみ）" en="Card image (JPEG, PNG or PDF, up to 5 MB; internal, never shared)" />
      </label>
      <input
        id="reg-card-image"
        type="file"
        accept={CARD_IMAGE_TYPES.join(',')}
        aria-invalid={rejected ? 'true' : undefined}
        aria-describedby={rejected ? 'reg-card-image-problem' : undefined}
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          const problem = chosen ? cardImageFileProblem(chosen) : undefined;
          setRejected(problem);
          onChange(problem ? undefined : chosen);
          if (problem) event.target.value = '';
        }}
      />
      {rejected ? (
        <p className="field-error" id="reg-card-image-problem">
          <Bi ja={rejected.ja} en={rejected.en} />
        </p>
      ) : file ? (
        <p className="hint">
          <Bi ja={`登録後に送信します: ${file.name}（${formatCount(file.size)} バイト）`} en={`Sent once registered: ${file.name} (${formatCount(file.size)} bytes)`} />
        </p>
      ) : null}
    </div>
  );
}

type Upload = { state: 'sending' } | { state: 'stored'; preview: string | null; type: string; size: number } | { state: 'refused'; problem: ApiProblem };

/**
 * Sends the card image of one acquisition to contacts (a raw body of its own type; the route replaces an earlier image)
 * and shows the stored image. Plain fetch: openapi-fetch serialises bodies as JSON, a file is sent as it is.
 */
export function CardImageUpload({ contactId, acquisitionId, file }: { contactId: string; acquisitionId: string; file: File }) {
  const { session, signOut } = useDesk();
  const [upload, setUpload] = useState<Upload>({ state: 'sending' });

  useEffect(() => {
    let preview: string | null = null;
    const url = `${window.location.origin}/api/contacts/contacts/${encodeURIComponent(contactId)}/acquisitions/${encodeURIComponent(acquisitionId)}/card-image`;
    const authorization = `Bearer ${session.accessToken}`;
    void (async () => {
      try {
        const response = await fetch(url, { method: 'PUT', headers: { authorization, 'content-type': file.type }, body: file });
        if (response.status === 401) return signOut();
        if (!response.ok) {
          const body: unknown = await response.json().catch(() => undefined);
          const problem = isApiProblem(body) ? body : { statusCode: response.status, code: `HTTP_${response.status}`, message: `Contacts answered HTTP ${response.status}.` };
          return setUpload({ state: 'refused', problem });
        }
        // The stored image, read back as the service serves it, so what is shown is what was kept.
        const stored = await fetch(url, { headers: { authorization } });
        const blob = await stored.blob();
        preview = stored.ok && blob.type.startsWith('image/') ? URL.createObjectURL(blob) : null;
        setUpload({ state: 'stored', preview, type: blob.type || file.type, size: blob.size });
      } catch {
        setUpload({ state: 'refused', problem: unreachable('contacts') });
      }
    })();
    return () => {
      if (preview) URL.revokeObjectURL(preview);
    };
  }, [acquisitionId, contactId, file, session.accessToken, signOut]);

  return (
    <section className="card-image-upload" aria-labelledby="card-image-heading" aria-busy={upload.state === 'sending'}>
      <h3 id="card-image-heading">
        <Bi ja="名刺画像" en="Card image" />
      </h3>
      {upload.state === 'sending' ? (
        <p role="status">
          <Bi ja="送信中…" en="Sending…" />
        </p>
      ) : upload.state === 'refused' ? (
        <ProblemMessage problem={upload.problem} />
      ) : (
        <>
          <p className="message success" role="status" id="card-image-stored">
            <Bi ja={`保存しました（${formatCount(upload.size)} バイト、社内のみ）。`} en={`Stored (${formatCount(upload.size)} bytes, ${upload.type}; internal, never shared).`} />
          </p>
          {upload.preview ? <img className="card-image-preview" src={upload.preview} alt="名刺画像 · the card's image" /> : null}
        </>
      )}
    </section>
  );
}
