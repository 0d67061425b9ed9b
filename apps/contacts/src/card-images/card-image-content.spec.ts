import { cardImageMediaType, contentMismatch, sniffCardImage } from './card-image-content';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const pdf = Buffer.from('%PDF-1.7\n', 'latin1');

describe('card image content', () => {
  it('knows JPEG, PNG and PDF by their first bytes', () => {
    expect(sniffCardImage(jpeg)).toBe('image/jpeg');
    expect(sniffCardImage(png)).toBe('image/png');
    expect(sniffCardImage(pdf)).toBe('application/pdf');
  });

  it('knows nothing else, nor a truncated signature', () => {
    expect(sniffCardImage(Buffer.from('<svg onload="alert(1)">'))).toBeNull();
    expect(sniffCardImage(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffCardImage(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(sniffCardImage(Buffer.from('%PDF'))).toBeNull();
    expect(sniffCardImage(Buffer.alloc(0))).toBeNull();
  });

  it('refuses bytes that are not the declared type, naming the signature it wants', () => {
    expect(contentMismatch('image/png', png)).toBeNull();
    expect(contentMismatch('image/png', jpeg)).toMatch(/not the PNG signature .*they are image\/jpeg/);
    expect(contentMismatch('application/pdf', Buffer.from('<html>'))).toMatch(/not %PDF-: they are none of/);
  });

  it('reads the declared type without its parameters, case-insensitively, and only the three it takes', () => {
    expect(cardImageMediaType('Image/JPEG; charset=binary')).toBe('image/jpeg');
    expect(cardImageMediaType('application/pdf')).toBe('application/pdf');
    expect(cardImageMediaType('image/svg+xml')).toBeNull();
    expect(cardImageMediaType('application/json')).toBeNull();
    expect(cardImageMediaType(undefined)).toBeNull();
  });
});
