/** A label in Japanese with its English beside it, as the desk shows its labels: 氏名 Name. */
export function Bi({ ja, en }: { ja: string; en: string }) {
  return (
    <>
      <span lang="ja">{ja}</span> <span lang="en" className="en">{en}</span>
    </>
  );
}
