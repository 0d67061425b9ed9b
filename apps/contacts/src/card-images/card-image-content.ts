import { CARD_IMAGE_MEDIA_TYPES, type CardImageMediaType } from './card-image.entity';

/** The largest card image taken: 5 MiB. */
export const CARD_IMAGE_MAX_BYTES = 5 * 1024 * 1024;

const SIGNATURES: Record<CardImageMediaType, { bytes: Buffer; wording: string }> = {
  'image/jpeg': { bytes: Buffer.from([0xff, 0xd8, 0xff]), wording: 'FF D8 FF' },
  'image/png': { bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), wording: 'the PNG signature 89 50 4E 47 0D 0A 1A 0A' },
  'application/pdf': { bytes: Buffer.from('%PDF-', 'latin1'), wording: '%PDF-' },
};

export const CARD_IMAGE_TYPES_WORDING = 'image/jpeg, image/png or application/pdf';

/** The declared media type, without parameters, when it is one a card image may have. */
export function cardImageMediaType(contentType: string | undefined): CardImageMediaType | null {
  const bare = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return (CARD_IMAGE_MEDIA_TYPES as readonly string[]).includes(bare) ? (bare as CardImageMediaType) : null;
}

/** The type the bytes are, judged by their first bytes alone (never by the declared type or a file name). */
export function sniffCardImage(content: Buffer): CardImageMediaType | null {
  for (const type of CARD_IMAGE_MEDIA_TYPES) {
    const signature = SIGNATURES[type].bytes;
    if (content.length >= signature.length && content.subarray(0, signature.length).equals(signature)) return type;
  }
  return null;
}

/** The refusal of bytes that are not the declared type, naming what that type's file starts with; null when they are. */
export function contentMismatch(declared: CardImageMediaType, content: Buffer): string | null {
  const sniffed = sniffCardImage(content);
  if (sniffed === declared) return null;
  const found = sniffed ? `they are ${sniffed}` : `they are none of ${CARD_IMAGE_TYPES_WORDING}`;
  return `The body was declared ${declared}, but its first bytes are not ${SIGNATURES[declared].wording}: ${found}. Send the file with the content-type its content has.`;
}
