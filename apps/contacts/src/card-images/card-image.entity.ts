import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The image of the business card exchanged at one acquisition, as the acquiring company's staff uploaded it. Intake-only: it is
 * never in a contact event, the outbox or any answer outside contacts; deleting the acquisition (erasure) deletes it.
 */
@Entity({ name: 'card_images' })
export class CardImageEntity {
  @PrimaryColumn('uuid', { name: 'acquisition_id' }) acquisitionId!: string;
  @Column('uuid', { name: 'contact_id' }) contactId!: string;
  @Column('text', { name: 'media_type' }) mediaType!: CardImageMediaType;
  @Column('integer', { name: 'size_bytes' }) sizeBytes!: number;
  /** Hex SHA-256 of the bytes, for the disclosure bundle and for telling one upload from another. */
  @Column('text') sha256!: string;
  @Column('bytea', { select: false }) content!: Buffer;
  @Column('text', { name: 'uploaded_by' }) uploadedBy!: string;
  @Column('timestamptz', { name: 'uploaded_at' }) uploadedAt!: Date;
}

export const CARD_IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type CardImageMediaType = (typeof CARD_IMAGE_MEDIA_TYPES)[number];
