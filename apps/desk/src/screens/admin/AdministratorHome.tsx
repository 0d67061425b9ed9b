import { Screen } from '../../app/Screen';

/** The administrator's desk: the group company register and the audit trail. */
export function AdministratorHome() {
  return (
    <Screen titleJa="監査とグループ会社" titleEn="Audit and group companies">
      <p>
        <span lang="ja">グループ会社の登録簿と、共同利用の記録を管理します。</span>{' '}
        <span lang="en">The group company register and the record of every cross-company access.</span>
      </p>
    </Screen>
  );
}
