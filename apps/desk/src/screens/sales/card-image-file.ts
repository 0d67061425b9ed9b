// What the desk checks of a card image before sending it; contacts checks the same again, by the file's content.

export const CARD_IMAGE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const CARD_IMAGE_MAX_BYTES = 5 * 1024 * 1024;

export interface CardImageFileProblem {
  ja: string;
  en: string;
}

/** Why a chosen file cannot be sent as a card image, or undefined when it can. */
export function cardImageFileProblem(file: { type: string; size: number }): CardImageFileProblem | undefined {
  if (!(CARD_IMAGE_TYPES as readonly string[]).includes(file.type)) {
    return { ja: 'JPEG・PNG・PDF のいずれかを選んでください。', en: `Choose a JPEG, PNG or PDF file (this one is ${file.type || 'of an unknown type'}).` };
  }
  if (file.size === 0) return { ja: 'ファイルが空です。', en: 'The file is empty.' };
  if (file.size > CARD_IMAGE_MAX_BYTES) {
    return { ja: 'ファイルが 5 MB を超えています。', en: `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 5 MB.` };
  }
  return undefined;
}
