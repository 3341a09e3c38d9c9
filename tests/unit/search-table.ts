/**
 * The search matching table: what a reader types, and the article they mean to find, in its top
 * three results. Written by hand over the corpus of search-corpus.ts (the seed, the article forms,
 * the import stories); search.test.ts holds search to it, and the benchmark times its queries.
 */
export const SEED = '2020-10-31-armenia-azerbaijan-jenewa';

/**
 * What a reader types, and the article they mean to find: in its top three results. Written by
 * hand over the corpus of search-corpus.ts (the seed, the article forms, the import stories).
 */
export const TABLE: readonly (readonly [query: string, expected: string, why: string])[] = [
  ['pertempuran', SEED, 'a word of the headline'],
  ['bertempur', SEED, 'another affix of "tempur"'],
  ['tempur', SEED, 'the root of "pertempuran"'],
  ['kesepakatan', SEED, 'ke-…-an of "sepakat"'],
  ['sepakat', SEED, 'the root of "kesepakatan", "bersepakat"'],
  ['menyepakati', SEED, 'meny-…-i of "sepakat"'],
  ['gotong royong', 'id-warga-cikarang-gelar-kerja-bakti', 'the text says "bergotong royong"'],
  ['pengeringan kopi', 'id-petani-kopi-gayo-mulai-gunakan', '"pengering", "dikeringkan"'],
  ['perpustakaan keliling', 'id-pemerintah-kota-bandung-buka-lima', 'two words of the headline'],
  ['genangan banjir', 'id-banjir-rob-genangi-permukiman-di', '"menggenangi", "tergenang"'],
  ['pengungsian', 'id-bantuan-pangan-untuk-pengungsi-tiba', 'pe-…-an of "ungsi"'],
  ['mengekspor tenun', 'id-koperasi-perempuan-di-lombok-ekspor', 'meng- of "ekspor"'],
  ['kering', 'id-relawan-kirim-bantuan-air-bersih', 'the root of "kekeringan"'],
  ['nelayn', 'id-nelayan-pesisir-utara-jawa-keluhkan', 'a letter left out'],
  ['perpustakan', 'id-pemerintah-kota-bandung-buka-lima', 'a letter left out of a long word'],
  ['gencatan senjta', SEED, 'a letter left out of the second word'],
  ['mahasiwa', 'id-mahasiswa-rancang-aplikasi-pencatat-sampah', 'a letter left out'],
  ['makasar', 'id-masjid-raya-makassar-siapkan-dapur', 'one "s" for two'],
  ['mangrvoe', 'en-volunteers-restore-mangrove-forest-along', 'two letters swapped'],
  ['nelayam', 'id-nelayan-pesisir-utara-jawa-keluhkan', 'a wrong letter'],
  ['1.166', SEED, 'a number as written'],
  ['31/10', SEED, 'a date as written'],
  ['5.000', SEED, 'a number with a thousands dot'],
  ['1994', SEED, 'a year'],
  ['OSCE', SEED, 'a glossary term the text names only in Indonesian'],
  ['tawanan perang', SEED, 'a glossary alias of "tahanan perang"'],
  ['prisoners of war', SEED, 'the English name of a glossary term'],
  ['Organization for Security and Co-operation in Europe', SEED, 'an English glossary alias'],
  ['flooding', 'en-tidal-flooding-swamps-homes-on', 'English, by its own rules'],
  ['cataract surgery', 'en-mobile-clinics-bring-eye-care', '"cataracts" in English'],
  ['weavers', 'en-womens-weaving-cooperative-sends-first', 'English plural of "weaver"'],
  ['volunteered mangroves', 'en-volunteers-restore-mangrove-forest-along', 'English affixes'],
  ['drying beans', 'en-coffee-farmers-in-aceh-turn', 'English "-ing" and plural'],
  ['pengung', 'id-bantuan-pangan-untuk-pengungsi-tiba', 'a word being typed'],
  ['hafal', 'id-ribuan-peserta-ikuti-lomba-hafalan', 'the start of "hafalan"'],
  ['kalim', 'id-sekolah-di-pedalaman-kalimantan-terima', 'the start of "Kalimantan"'],
  ['ALIYEV', SEED, 'capitals folded'],
  ['Gunungkidul', 'id-relawan-kirim-bantuan-air-bersih', 'a place'],
  ['buka puasa Gaza', '2019-04-15-buka-puasa-gaza', '"berbuka puasa"'],
  ['petani padi', '2019-04-14-petani-bekasi', 'two words of an article form'],
];
