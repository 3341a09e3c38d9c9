import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/app/listen/sentences.js';

function sentencesOf(text: string, maxLength?: number): string[] {
  return splitSentences(text, maxLength).map((span) => text.slice(span.start, span.end));
}

/** Each case: what it shows, the text, and its sentences as a reader would say them. */
const CASES: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['one sentence', 'Armenia dan Azerbaijan bersepakat.', ['Armenia dan Azerbaijan bersepakat.']],
  ['two sentences', 'Pembicaraan selesai. Kedua pihak pulang.', ['Pembicaraan selesai.', 'Kedua pihak pulang.']],
  [
    'a date in brackets',
    'Mengutip dari Al Arabiya, Sabtu (31/10), kedua belah pihak sepakat.',
    ['Mengutip dari Al Arabiya, Sabtu (31/10), kedua belah pihak sepakat.'],
  ],
  [
    'a number with a thousands point',
    'Sebanyak 1.166 tentara dan 39 warga sipil tewas. Otoritas belum berkomentar.',
    ['Sebanyak 1.166 tentara dan 39 warga sipil tewas.', 'Otoritas belum berkomentar.'],
  ],
  [
    'a number ending a sentence',
    'Jumlahnya mendekati 5.000. Angka itu belum pasti.',
    ['Jumlahnya mendekati 5.000.', 'Angka itu belum pasti.'],
  ],
  [
    'a year ending a sentence',
    'Perang berakhir pada tahun 1994. Ledakan terbaru dimulai 27 September.',
    ['Perang berakhir pada tahun 1994.', 'Ledakan terbaru dimulai 27 September.'],
  ],
  [
    'a curly apostrophe',
    'Mi’raj News Agency (MINA) melaporkan. Ini kabar kedua.',
    ['Mi’raj News Agency (MINA) melaporkan.', 'Ini kabar kedua.'],
  ],
  [
    'a straight apostrophe',
    "Mi'raj Islamic News Agency. Berdiri di Jakarta.",
    ["Mi'raj Islamic News Agency.", 'Berdiri di Jakarta.'],
  ],
  ["the editors' code", 'Jumlah kematian lebih tinggi. (T/Hju/P2)', ['Jumlah kematian lebih tinggi.', '(T/Hju/P2)']],
  ['Kab.', 'Banjir melanda Kab. Bogor kemarin.', ['Banjir melanda Kab. Bogor kemarin.']],
  [
    'Kec. and Kel.',
    'Warga Kec. Cibinong dan Kel. Pakansari mengungsi.',
    ['Warga Kec. Cibinong dan Kel. Pakansari mengungsi.'],
  ],
  ['Prov.', 'Pemerintah Prov. Jawa Barat bertindak.', ['Pemerintah Prov. Jawa Barat bertindak.']],
  ['Jl. and No.', 'Kantornya di Jl. Sudirman No. 5, Jakarta.', ['Kantornya di Jl. Sudirman No. 5, Jakarta.']],
  ['Dr. and Prof.', 'Menurut Prof. Dr. Budi, hasilnya baik.', ['Menurut Prof. Dr. Budi, hasilnya baik.']],
  [
    'a name full of titles',
    'Hadir Dr. Ir. H. Joko Widodo, M.Si. dalam acara itu.',
    ['Hadir Dr. Ir. H. Joko Widodo, M.Si. dalam acara itu.'],
  ],
  ['Drs. and Hj.', 'Sambutan oleh Drs. Ahmad dan Hj. Siti.', ['Sambutan oleh Drs. Ahmad dan Hj. Siti.']],
  ['KH.', 'Ceramah KH. Ma’ruf Amin dimulai pukul 09.00.', ['Ceramah KH. Ma’ruf Amin dimulai pukul 09.00.']],
  ['a time', 'Rapat dimulai pukul 10.30 WIB. Semua hadir.', ['Rapat dimulai pukul 10.30 WIB.', 'Semua hadir.']],
  ['Rp.', 'Harganya Rp. 5.000 per kilogram.', ['Harganya Rp. 5.000 per kilogram.']],
  ['Rp without a point', 'Harganya Rp5.000.000. Mahal sekali.', ['Harganya Rp5.000.000.', 'Mahal sekali.']],
  [
    'a decimal comma',
    'Inflasi naik 2,5 persen. Harga pangan naik.',
    ['Inflasi naik 2,5 persen.', 'Harga pangan naik.'],
  ],
  ['initials', 'Presiden B. J. Habibie berpidato.', ['Presiden B. J. Habibie berpidato.']],
  ['a middle initial', 'Susilo B. Yudhoyono hadir. Ia tersenyum.', ['Susilo B. Yudhoyono hadir.', 'Ia tersenyum.']],
  ['S.H.', 'Kuasa hukumnya, Andi, S.H. mengajukan banding.', ['Kuasa hukumnya, Andi, S.H. mengajukan banding.']],
  ['a.n.', 'Surat itu ditandatangani a.n. Menteri.', ['Surat itu ditandatangani a.n. Menteri.']],
  ['ranks', 'Keterangan dari Brigjen. Pol. Ahmad Ramadhan.', ['Keterangan dari Brigjen. Pol. Ahmad Ramadhan.']],
  ['Kol.', 'Komandannya Kol. Inf. Budi Santoso.', ['Komandannya Kol. Inf. Budi Santoso.']],
  ['Yth.', 'Kepada Yth. Bapak Gubernur.', ['Kepada Yth. Bapak Gubernur.']],
  ['a legal reference', 'Ia dijerat Pasal 340 jo. Pasal 55 KUHP.', ['Ia dijerat Pasal 340 jo. Pasal 55 KUHP.']],
  ['dll. before a capital ends', 'Ada apel, jeruk, dll. Semuanya segar.', ['Ada apel, jeruk, dll.', 'Semuanya segar.']],
  ['dkk. before a lowercase word', 'Budi dkk. menyatakan sikap.', ['Budi dkk. menyatakan sikap.']],
  ['an exclamation', 'Merdeka! Merdeka!', ['Merdeka!', 'Merdeka!']],
  ['a question', 'Kapan perang berakhir? Tidak ada yang tahu.', ['Kapan perang berakhir?', 'Tidak ada yang tahu.']],
  ['?!', 'Apa?! Tidak mungkin.', ['Apa?!', 'Tidak mungkin.']],
  ['three dots', 'Lalu semuanya diam... Tidak ada jawaban.', ['Lalu semuanya diam...', 'Tidak ada jawaban.']],
  ['an ellipsis', 'Ia menunggu… Tak ada kabar.', ['Ia menunggu…', 'Tak ada kabar.']],
  [
    'a quotation closing a sentence',
    '“Kami tidak akan mundur.” Ia lalu pergi.',
    ['“Kami tidak akan mundur.”', 'Ia lalu pergi.'],
  ],
  ['a question quoted mid-sentence', '“Kapan?” tanya Ali kepada wartawan.', ['“Kapan?” tanya Ali kepada wartawan.']],
  ['a sentence opening with a quotation', 'Ia berkata. “Kami siap.”', ['Ia berkata.', '“Kami siap.”']],
  [
    'a sentence opening with a bracket',
    'Ia pulang. (Kabar ini diperbarui.)',
    ['Ia pulang.', '(Kabar ini diperbarui.)'],
  ],
  ['a list number opening a sentence', '1. Pertama, gencatan senjata.', ['1. Pertama, gencatan senjata.']],
  [
    'list numbers opening two sentences',
    'Ada dua hal. 1. Gencatan senjata. 2. Pertukaran tahanan.',
    ['Ada dua hal.', '1. Gencatan senjata.', '2. Pertukaran tahanan.'],
  ],
  ['a web address', 'Baca di minanews.net untuk berita lain.', ['Baca di minanews.net untuk berita lain.']],
  ['a lowercase word after a period', 'Ia menyebut dll. sebagai singkatan.', ['Ia menyebut dll. sebagai singkatan.']],
  ['double spaces', 'Satu.  Dua.', ['Satu.', 'Dua.']],
  ['leading and trailing spaces', '  Satu. Dua.  ', ['Satu.', 'Dua.']],
  ['no final mark', 'Kabar terakhir dari Jenewa', ['Kabar terakhir dari Jenewa']],
  ['empty text', '   ', []],
  ['English Mr. and Dr.', 'Mr. Smith met Dr. Jones. They talked.', ['Mr. Smith met Dr. Jones.', 'They talked.']],
  ['English U.S.', 'The U.S. Army said it would help.', ['The U.S. Army said it would help.']],
  [
    'English months',
    'It started on Sept. 27 in the region. Talks followed.',
    ['It started on Sept. 27 in the region.', 'Talks followed.'],
  ],
  [
    'English St.',
    'They met on St. Patrick’s Day. Nothing changed.',
    ['They met on St. Patrick’s Day.', 'Nothing changed.'],
  ],
  ['Indonesian months', 'Terbit 5 Okt. 2020 di Jakarta.', ['Terbit 5 Okt. 2020 di Jakarta.']],
];

describe('sentence splitting', () => {
  it('has a table of at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('splits %s', (_name, text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });

  it('cuts a long sentence at its last pause before the limit, and never loses a character', () => {
    const text =
      'Pasukan Azerbaijan, yang mengandalkan drone penyerang dan sistem roket jarak jauh yang dipasok oleh Turki, telah merebut kembali kendali atas beberapa wilayah di pinggiran Nagorno-Karabakh dan masuk ke wilayah separatis dari selatan.';
    const parts = sentencesOf(text, 120);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(120);
    expect(parts).toEqual([
      'Pasukan Azerbaijan, yang mengandalkan drone penyerang dan sistem roket jarak jauh yang dipasok oleh Turki,',
      'telah merebut kembali kendali atas beberapa wilayah di pinggiran Nagorno-Karabakh dan masuk ke wilayah separatis dari',
      'selatan.',
    ]);
    expect(parts.join(' ')).toBe(text);
  });

  it('cuts a long run with no space at the limit', () => {
    expect(sentencesOf('a'.repeat(25), 10)).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)]);
  });

  it('gives offsets into the text it was given', () => {
    const text = '  Satu dua. Tiga.';
    expect(splitSentences(text)).toEqual([
      { start: 2, end: 11 },
      { start: 12, end: 17 },
    ]);
  });
});
