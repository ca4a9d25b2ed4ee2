// The wizard's screens and fields, in the portal's order and with its field names
// (000 B.1–B.4.3). Labels live in the catalogues under `field.<path>`; select options
// under `opt.<options>.<value>`. `when` hides a field the portal would not ask for.
// `list` fields pick from the lists of the portal, embedded in the core (il, ilçe of the chosen il,
// countries; `hane_domain::places`).

const inCountry = (d) => d.basvuru.yer === 'yurt_ici';
const extension = (d) => inCountry(d) && d.basvuru.tur === 'uzatma';
const protection = (d) => d.kisisel.ikamet_turu === 'uluslararasi_koruma';
const married = (d) => d.kisisel.medeni_durum === 'evli';
// Residence titles with no end date of their own: long-term residence is "süresiz" (004);
// in an extension the work permit being extended is the residence, ending with it.
const noResidenceEnd = (d) => d.kisisel.ikamet_turu === 'uzun_donem'
  || (extension(d) && d.kisisel.ikamet_turu === 'calisma_izni');
const HIGHER_EDUCATION = ['onlisans', 'lisans', 'yuksek_lisans', 'doktora'];

export const OPTIONS = {
  amac: ['yasli_bakimi', 'engelli_bakimi', 'cocuk_bakimi', 'hasta_refakati'],
  yer: ['yurt_ici', 'yurt_disi'],
  tur: ['ilk', 'uzatma'],
  cinsiyet: ['kadin', 'erkek'],
  ikamet: ['kisa_donem', 'aile', 'ogrenci', 'uzun_donem', 'uluslararasi_koruma', 'calisma_izni', 'diger'],
  medeni: ['bekar', 'evli', 'bosanmis', 'dul'],
  egitim: ['ilkokul', 'ortaokul', 'lise', 'onlisans', 'lisans', 'yuksek_lisans', 'doktora'],
  yakinlik: ['kendisi', 'anne', 'baba', 'es', 'cocuk', 'kardes', 'buyukanne', 'buyukbaba', 'torun', 'diger'],
  vasilik: ['yok', 'basvuran_vasi', 'yakin_vasi_adina'],
  sekil: ['tam_zamanli', 'yari_zamanli'],
  tip: ['yatili', 'gunduzlu'],
};

export const SCREENS = [
  {
    id: 'profil',
    fields: [
      { path: 'profil.tc_kimlik_no', type: 'digits', maxlength: 11 },
      { path: 'profil.dogum_tarihi', type: 'date' },
      { path: 'profil.ad', type: 'text', autocomplete: 'given-name' },
      { path: 'profil.soyad', type: 'text', autocomplete: 'family-name' },
      { path: 'profil.eposta', type: 'email', autocomplete: 'email' },
      { path: 'profil.cep_telefonu', type: 'tel', autocomplete: 'tel' },
    ],
  },
  {
    id: 'isyeri',
    fields: [
      { path: 'isyeri.il', type: 'list', list: 'il' },
      { path: 'isyeri.ilce', type: 'list', list: 'ilce' },
      { path: 'isyeri.adres', type: 'textarea' },
      { path: 'isyeri.amac', type: 'select', options: 'amac' },
    ],
  },
  {
    id: 'basvuru',
    fields: [
      { path: 'basvuru.yer', type: 'select', options: 'yer' },
      { path: 'basvuru.tur', type: 'select', options: 'tur', when: inCountry },
      { path: 'basvuru.onceki_uzatma_sayisi', type: 'number', when: extension },
      { path: 'basvuru.mevcut_izin_bitis', type: 'date', when: extension },
      { path: 'basvuru.referans_no', type: 'digits', maxlength: 16, when: (d) => d.basvuru.yer === 'yurt_disi' },
      // Not asked by the portal (000 B.3.2): Hane asks it to count the 30 days; empty warns.
      { path: 'basvuru.referans_tarihi', type: 'date', optional: true, when: (d) => d.basvuru.yer === 'yurt_disi' },
      { path: 'basvuru.basvuru_tarihi', type: 'date', optional: true },
      { path: 'portal_taslak_tarihi', type: 'date', optional: true },
    ],
  },
  {
    id: 'kisisel',
    fields: [
      { path: 'kisisel.yabanci_kimlik_no', type: 'digits', maxlength: 11 },
      { path: 'kisisel.ad', type: 'text' },
      { path: 'kisisel.soyad', type: 'text' },
      { path: 'kisisel.dogum_tarihi', type: 'date' },
      { path: 'kisisel.uyruk', type: 'list', list: 'ulke' },
      { path: 'kisisel.cinsiyet', type: 'select', options: 'cinsiyet' },
      { path: 'kisisel.ikamet_turu', type: 'select', options: 'ikamet', when: inCountry },
      { path: 'kisisel.ikamet_bitis', type: 'date', when: (d) => inCountry(d) && !protection(d) && !noResidenceEnd(d) },
      { path: 'kisisel.eposta', type: 'email' },
      { path: 'kisisel.telefon', type: 'tel' },
      { path: 'kisisel.adres', type: 'textarea' },
      { path: 'kisisel.medeni_durum', type: 'select', options: 'medeni' },
      { path: 'kisisel.es_ad', type: 'text', when: married },
      { path: 'kisisel.es_soyad', type: 'text', when: married },
      { path: 'kisisel.es_uyruk', type: 'list', list: 'ulke', when: married },
      { path: 'kisisel.es_tc_vatandasi', type: 'checkbox', when: married },
      { path: 'kisisel.es_tc_kimlik_no', type: 'digits', maxlength: 11, when: (d) => married(d) && d.kisisel.es_tc_vatandasi },
      { path: 'kisisel.es_dogum_tarihi', type: 'date', when: (d) => married(d) && d.kisisel.es_tc_vatandasi },
    ],
  },
  {
    id: 'genel',
    fields: [
      { path: 'genel.pasaport_no', type: 'text', when: (d) => !protection(d) },
      { path: 'genel.pasaport_bitis', type: 'date', when: (d) => !protection(d) },
      { path: 'genel.diller', type: 'text' },
      { path: 'genel.egitim_durumu', type: 'select', options: 'egitim' },
      { path: 'genel.mezun_meslek', type: 'text', when: (d) => HIGHER_EDUCATION.includes(d.genel.egitim_durumu) },
      { path: 'genel.ihtisas', type: 'text', when: (d) => HIGHER_EDUCATION.includes(d.genel.egitim_durumu) },
    ],
  },
  {
    id: 'gorev',
    fields: [
      { path: 'gorev.calisma_adresi', type: 'textarea' },
      { path: 'gorev.meslek', type: 'text' },
      { path: 'gorev.bakilan_ad', type: 'text' },
      { path: 'gorev.bakilan_soyad', type: 'text' },
      { path: 'gorev.bakilan_tc_kimlik_no', type: 'digits', maxlength: 11, optional: true },
      { path: 'gorev.yakinlik', type: 'select', options: 'yakinlik' },
      { path: 'gorev.vasilik', type: 'select', options: 'vasilik' },
      { path: 'gorev.ucret', type: 'money', inputmode: 'decimal' },
      { path: 'gorev.calisma_sekli', type: 'select', options: 'sekil' },
      { path: 'gorev.calisma_tipi', type: 'select', options: 'tip' },
      { path: 'gorev.sure_ay', type: 'number' },
      { path: 'gorev.gerekce', type: 'textarea' },
    ],
  },
];

/** The wizard's steps: the portal's screens, the summary, then tracking after submission. */
// The photo is uploaded on the portal's Kişisel bilgiler screen (B.4.1): it comes right after.
export const STEPS = ['profil', 'isyeri', 'basvuru', 'kisisel', 'fotograf', 'genel', 'gorev', 'belgeler', 'ozet', 'takip'];

export function getPath(doc, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), doc);
}

export function setPath(doc, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  const target = keys.reduce((o, k) => (o[k] ??= {}), doc);
  target[last] = value;
}

export function fieldId(path) {
  return `f-${path.replaceAll('.', '-')}`;
}

/** "24.11.2026", "24/11/2026" or "2026-11-24" → "2026-11-24"; '' → null; else undefined. */
export function parseDate(text) {
  const s = text.trim();
  if (!s) return null;
  let m = s.match(/^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/);
  let y, mo, d;
  if (m) [, d, mo, y] = m.map(Number);
  else if ((m = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/))) [, y, mo, d] = m.map(Number);
  else return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Why a typed date does not read (issue #34: say what is wrong, not only the format):
 * `null` when it reads or is empty; `{ code: 'format' }` when it is not GG.AA.YYYY;
 * `{ code: 'month', month }` for a month outside 1–12; `{ code: 'day', day, month, year,
 * last }` for a day the month does not have (31.02.1966).
 */
export function dateProblem(text) {
  if (parseDate(text) !== undefined) return null;
  const s = text.trim();
  let m = s.match(/^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/);
  let y, mo, d;
  if (m) [, d, mo, y] = m.map(Number);
  else if ((m = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/))) [, y, mo, d] = m.map(Number);
  else return { code: 'format' };
  if (mo < 1 || mo > 12) return { code: 'month', month: mo };
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { code: 'day', day: d, month: mo, year: y, last };
}

/** "2026-11-24" → "24.11.2026" (the portal's and Turkish users' format). */
export function showDate(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}
