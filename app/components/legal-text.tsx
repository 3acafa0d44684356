import type { LegalBlock } from '#app/domain/personal-data/legal-text';

/** The operator's notice, block by block, as text: nothing in it becomes markup. */
export function LegalTextView({ blocks }: { blocks: LegalBlock[] }) {
  return (
    <div className="legal-text" dir="auto">
      {blocks.map((block, index) =>
        block.kind === 'heading' ? (
          <h2 key={index}>{block.text}</h2>
        ) : block.kind === 'list' ? (
          <ul key={index}>
            {block.items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        ) : (
          <p key={index}>{block.text}</p>
        ),
      )}
    </div>
  );
}
