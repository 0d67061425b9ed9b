import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@registry/auth';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { ContactsErrorCode, ContactsException } from '../contacts/contacts.exception';
import { CARD_IMAGE_MAX_BYTES, CARD_IMAGE_TYPES_WORDING, cardImageMediaType, contentMismatch } from './card-image-content';
import { CardImageEntity, type CardImageMediaType } from './card-image.entity';

export interface CardImageRef {
  contactId: string;
  acquisitionId: string;
}

export type CardImageFile = CardImageEntity & { content: Buffer };

/**
 * Card images, one per acquisition: the card exchanged on that occasion (a new card is a new acquisition; a second upload is a
 * better scan of the same card, so it replaces the first). Like the memo, only the acquiring company's sales staff and the
 * administrator reach one; sales staff not while the person's use is suspended at their request.
 */
@Injectable()
export class CardImagesService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async put(principal: Principal, ref: CardImageRef, contentType: string | undefined, body: unknown): Promise<{ image: CardImageEntity; created: boolean }> {
    const mediaType = cardImageMediaType(contentType);
    if (!mediaType || !Buffer.isBuffer(body)) {
      throw new ContactsException(
        ContactsErrorCode.CardImageTypeUnsupported,
        `A card image is sent as the raw file with content-type ${CARD_IMAGE_TYPES_WORDING}, at most ${CARD_IMAGE_MAX_BYTES} bytes (5 MiB).`,
      );
    }
    if (body.length === 0) {
      throw new ContactsException(ContactsErrorCode.CardImageEmpty, 'The body is empty; send the card image’s file as the body.', [
        { field: '(body)', rule: 'notEmpty', message: 'the card image must not be empty' },
      ]);
    }
    const mismatch = contentMismatch(mediaType, body);
    if (mismatch) throw new ContactsException(ContactsErrorCode.CardImageContentMismatch, mismatch, [{ field: '(body)', rule: 'contentMatchesType', message: mismatch }]);
    return this.dataSource.transaction(async (manager) => {
      await this.reach(manager, principal, ref, 'change');
      const sha256 = createHash('sha256').update(body).digest('hex');
      const [row] = (await manager.query(
        `INSERT INTO card_images (acquisition_id, contact_id, media_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())
         ON CONFLICT (acquisition_id) DO UPDATE SET media_type = EXCLUDED.media_type, size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256,
           content = EXCLUDED.content, uploaded_by = EXCLUDED.uploaded_by, uploaded_at = EXCLUDED.uploaded_at
         RETURNING uploaded_at, (xmax = 0) AS created`,
        [ref.acquisitionId, ref.contactId, mediaType, body.length, sha256, body, principal.subject],
      )) as { uploaded_at: Date; created: boolean }[];
      const image = manager.create(CardImageEntity, {
        acquisitionId: ref.acquisitionId,
        contactId: ref.contactId,
        mediaType: mediaType as CardImageMediaType,
        sizeBytes: body.length,
        sha256,
        uploadedBy: principal.subject,
        uploadedAt: row?.uploaded_at ?? new Date(),
      });
      return { image, created: row?.created === true };
    });
  }

  async get(principal: Principal, ref: CardImageRef): Promise<CardImageFile> {
    return this.dataSource.transaction(async (manager) => {
      await this.reach(manager, principal, ref, 'read');
      const image = await manager
        .getRepository(CardImageEntity)
        .createQueryBuilder('i')
        .addSelect('i.content')
        .where('i.acquisition_id = :id AND i.contact_id = :contactId', { id: ref.acquisitionId, contactId: ref.contactId })
        .getOne();
      if (!image) throw this.notFound(ref);
      return image as CardImageFile;
    });
  }

  async delete(principal: Principal, ref: CardImageRef): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.reach(manager, principal, ref, 'change');
      const deleted = (await manager.query(`DELETE FROM card_images WHERE acquisition_id = $1 AND contact_id = $2 RETURNING acquisition_id`, [ref.acquisitionId, ref.contactId])) as [
        unknown[],
        number,
      ];
      if (deleted[1] === 0) throw this.notFound(ref);
    });
  }

  /**
   * Refuses a caller who may not reach the acquisition's card image. The contact is held (FOR KEY SHARE) to the end of the
   * transaction, so that an erasure, which locks it to delete it, cannot run between this check and the write.
   */
  private async reach(manager: EntityManager, principal: Principal, ref: CardImageRef, intent: 'read' | 'change'): Promise<void> {
    const office = principal.role === 'admin';
    const [row] = (await manager.query(
      `SELECT c.joint_use, a.company_code,
              EXISTS (SELECT 1 FROM acquisitions v WHERE v.contact_id = c.id AND v.company_code = $3) AS visible
         FROM contacts c LEFT JOIN acquisitions a ON a.id = $2 AND a.contact_id = c.id
        WHERE c.id = $1 FOR KEY SHARE OF c`,
      [ref.contactId, ref.acquisitionId, principal.companyCode],
    )) as { joint_use: string; company_code: string | null; visible: boolean }[];
    if (!row || (!office && !row.visible)) {
      throw new ContactsException(ContactsErrorCode.ContactNotFound, `No contact ${ref.contactId} acquired by your company.`);
    }
    if (row.company_code === null) throw new ContactsException(ContactsErrorCode.AcquisitionNotFound, `Contact ${ref.contactId} has no acquisition ${ref.acquisitionId}.`);
    if (!office && row.company_code !== principal.companyCode) {
      throw new ContactsException(
        ContactsErrorCode.AcquisitionOfAnotherCompany,
        `Acquisition ${ref.acquisitionId} was made by another group company; its card image is that company’s alone.`,
      );
    }
    if (!office && row.joint_use === 'SUSPENDED') {
      throw new ContactsException(
        ContactsErrorCode.ContactSuspended,
        `The use of contact ${ref.contactId} is suspended at the person's request; sales staff cannot ${intent === 'read' ? 'read' : 'change'} its card image.`,
      );
    }
  }

  private notFound(ref: CardImageRef): ContactsException {
    return new ContactsException(ContactsErrorCode.CardImageNotFound, `Acquisition ${ref.acquisitionId} has no card image.`);
  }
}
