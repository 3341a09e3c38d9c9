/**
 * The UI locale. Indonesian is the source locale of every `msg()` string; English arrives as the
 * second locale with the language setting. Article text keeps its own `lang` whatever this is.
 */
export const UI_LOCALE = 'id';
