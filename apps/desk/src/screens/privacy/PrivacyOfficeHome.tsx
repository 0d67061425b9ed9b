import { Screen } from '../../app/Screen';

/** The privacy office's desk: disclosure, correction, suspension and erasure requests of data subjects. */
export function PrivacyOfficeHome() {
  return (
    <Screen titleJa="本人からの請求" titleEn="Data subject requests">
      <p>
        <span lang="ja">開示・訂正・利用停止・消去の請求を扱います。</span>{' '}
        <span lang="en">Disclosure, correction, suspension and erasure requests are handled here.</span>
      </p>
    </Screen>
  );
}
