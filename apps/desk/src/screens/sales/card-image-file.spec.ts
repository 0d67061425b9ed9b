import { CARD_IMAGE_MAX_BYTES, cardImageFileProblem } from './card-image-file';

describe('cardImageFileProblem', () => {
  it('takes a JPEG, a PNG or a PDF up to 5 MB', () => {
    for (const type of ['image/jpeg', 'image/png', 'application/pdf']) expect(cardImageFileProblem({ type, size: CARD_IMAGE_MAX_BYTES })).toBeUndefined();
  });

  it('names another type, an empty file and one over the limit', () => {
    expect(cardImageFileProblem({ type: 'image/gif', size: 10 })?.en).toMatch(/JPEG, PNG or PDF .*image\/gif/);
    expect(cardImageFileProblem({ type: 'image/png', size: 0 })?.en).toMatch(/empty/);
    expect(cardImageFileProblem({ type: 'image/png', size: CARD_IMAGE_MAX_BYTES + 1 })?.en).toMatch(/limit is 5 MB/);
  });
});
