import { Bi } from '../../app/Bilingual';

/**
 * Where the scanned business card goes. The contacts service is adding its upload (a raw-body upload per acquisition:
 * JPEG, PNG or PDF up to 5 MB); once its route is in the OpenAPI snapshot, this slot takes the file after registration
 * and sends it through the desk's proxy (which already allows bodies of that size).
 */
export function CardImageSlot() {
  return (
    <div className="card-image-slot" id="card-image-slot">
      <p className="hint">
        <Bi ja="名刺画像のアップロードは準備中です（JPEG・PNG・PDF、5 MB まで）。" en="Uploading the card's image is coming (JPEG, PNG or PDF, up to 5 MB)." />
      </p>
    </div>
  );
}
