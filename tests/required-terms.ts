/** The terms issue 4 requires as glossary triggers in the seed article, as the article writes them. */
export const REQUIRED_TERMS = [
  'Grup Minsk',
  'Organisasi untuk Keamanan dan Kerjasama di Eropa',
  'Nagorno-Karabakh',
  'hukum humaniter internasional',
  'gencatan senjata',
  'tahanan perang',
  'Al Arabiya',
  'Ilham Aliyev',
  'Vladimir Putin',
] as const;
