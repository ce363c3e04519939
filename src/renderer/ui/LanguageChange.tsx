/** In multilingual mode, the language's name where it changes (the first segment's included). */
import type { ReactNode } from 'react';
import { languageName } from '../../shared/languages';

export function LanguageChange(props: {
  language: string | undefined;
  previous: string | undefined;
}): ReactNode {
  const { language, previous } = props;
  if (language === undefined || language === previous) return null;
  // The space keeps the name a word of its own in copied text and for screen readers.
  return (
    <>
      <span className="language-change" data-testid="language-change" lang="en">
        {languageName(language)}
      </span>{' '}
    </>
  );
}
