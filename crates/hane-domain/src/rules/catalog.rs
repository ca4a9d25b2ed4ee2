//! Every rule Hane checks: a stable id, where it comes from, and the source sentence the
//! UI shows behind its "why" link. `docs/rules.md` lists the same table with the tests.

use serde::Serialize;

pub use crate::quotes::{Note, Quote};

#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub id: &'static str,
    /// Seed number and section, e.g. `000 B.4.2` (see [`crate::sources`]); `Hane` where the
    /// sources are silent and the rule is Hane's own.
    pub source: &'static str,
    /// The sources' sentences the rule encodes, word for word (checked against the seeds
    /// in `crate::quotes`' tests).
    pub quotes: &'static [Quote],
    /// Hane's own remark — its reading of an open sentence, or its rule where the sources
    /// say nothing — shown apart from the quotes, never inside one.
    pub note: Option<Note>,
}

/// As the UI and `hane-cli rules` show it: `{ id, sourceLabel: { tr, en }, quote, quotes:
/// [{ text, sourceLabel }], note: { tr, en } | null }` — the source by its name
/// ("Bakanlık kılavuzu (Ev Hizmetleri), B.4.2"), never a seed code; `quote` is the quotes'
/// texts, one per line (empty for Hane's own rules).
impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Rule", 5)?;
        st.serialize_field("id", self.id)?;
        st.serialize_field("sourceLabel", &crate::sources::label(self.source))?;
        st.serialize_field("quote", &crate::quotes::joined(self.quotes))?;
        st.serialize_field("quotes", self.quotes)?;
        st.serialize_field("note", &self.note)?;
        st.end()
    }
}

const fn q(source: &'static str, text: &'static str) -> Quote {
    Quote { source, text }
}

const fn note(tr: &'static str, en: &'static str) -> Option<Note> {
    Some(Note { tr, en })
}

/// 004 on the extension's end, in its own two sentences that contradict each other.
pub const EXTENSION_END: [Quote; 2] = [
    q(
        "004 Çalışma izni uzatma başvurusu",
        "Çalışma izni süresinin bitiminden itibaren en 15 gün içerisinde yapılan uzatma başvuruları kabul edilmektedir. Söz konusu süreden sonra yapılan başvurular ilk kez yapılacak olan çalışma izni başvuru esaslarına tabi tutulmaktadır.",
    ),
    q(
        "004 Çalışma izin süresini uzatma",
        "Çalışma izni süresinin bitimi itibariyle yapılan süre uzatma başvuruları işleme alınamamaktadır.",
    ),
];

pub const RULES: &[Rule] = &[
    Rule {
        id: "required",
        source: "000 B.1–B.4.3",
        quotes: &[
            q("000 B.1", "Ancak e-posta ve cep telefonu bilgilerinizin girilerek doğrulamasının yapılması gerekmektedir."),
            q("000 B.3", "Başvuru yapılması için öncelikle “Yurt içinde” veya “Yurt dışında” seçeneklerinden yabancının durumuna uygun olanın seçilmesi gerekmektedir."),
            q("000 B.4.1", "… kalan alanların (iletişim bilgileri, fotoğraf, vb.) ayrıca tamamlanması gerekmektedir."),
            q("000 B.4.2", "Genel Bilgiler sayfasında, Pasaport bilgisi, Dil bilgisi, Eğitim bilgisi, alanları yer almaktadır."),
            q("000 B.4.3", "Görev Bilgileri sayfasında, istihdam edilecek yabancının Çalışacağı adres, Yapacağı görev/meslek bilgileri Bakımı yapılacak kişi Alacağı ücret, Çalışma şekli, tipi ve süresi, İstihdam gerekçesi alanlarının doldurulması gerekmektedir."),
        ],
        note: note(
            "Kılavuz alan alan bir zorunluluk listesi vermez; Hane her ekranın zorunlu alanlarını kılavuzun o ekran için saydığı bilgilerden çıkarır. Kılavuzun açıkça istemediği bir alan (ör. dil bilgisi, referans numarasının tarihi) boşsa Hane yalnızca uyarır.",
            "The guide gives no field-by-field list of what is required; Hane takes each screen's required fields from what the guide lists for that screen. A field the guide does not plainly ask for (e.g. languages, the reference number's date) only warns when empty.",
        ),
    },
    Rule {
        id: "tckn.valid",
        source: "000 B.1; B.4.1 Not",
        quotes: &[
            q("000 B.1", "Açılan sayfada T.C. kimlik numarası, doğum tarihi, ad ve soyad bilgileri e-Devlet kapısı aracılığıyla dolu olarak gelmektedir."),
            q("000 B.4.1 Not", "Eşi Türk vatandaşı ise T.C. kimlik numarası ile doğum tarihi bilgilerinin girilmesi ayrıca istenecektir."),
        ],
        note: note(
            "Hane numarayı NVİ'nin kontrol basamağı algoritmasıyla denetler: 11 hane, 0 ile başlamaz, iki kontrol basamağı tutar. Tutmayan bir numara yoktur (yanlış okunmuş bir rakamdır); engeller.",
            "Hane checks the number with NVİ's check-digit algorithm: 11 digits, not starting with 0, both check digits matching. A number that fails does not exist (a misread digit), so it blocks.",
        ),
    },
    Rule {
        id: "ykn.valid",
        source: "000 B.3.1; B.6.1.2",
        quotes: &[
            q("000 B.3.1", "Yabancının Göç İdaresi Başkanlığından almış olduğu Yabancı Kimlik Numarası"),
            q("000 B.6.1.2", "… yabancı uyruklu şahsın 9 ile başlayan yabancı kimlik numarasını beyan ederek …"),
        ],
        note: note(
            "Hane: numara 9 ile başlamalı ve NVİ kontrol basamakları tutmalı — tutmazsa engeller. 98 ile başlayan bir numara için yalnızca uyarır: bu, Hane'nin bilgisine göre geçici koruma kimlik numarasıdır; kılavuzda geçmez.",
            "Hane: the number must start with 9 and its NVİ check digits must match — otherwise it blocks. A number starting with 98 only warns: by Hane's knowledge it is a temporary-protection number; the guide does not mention it.",
        ),
    },
    Rule {
        id: "reference.format",
        source: "000 B.3.2",
        quotes: &[q("000 B.3.2", "Bu başvuru türünde, yabancının yasal olarak bulunduğu ülkedeki Türk dış temsilciliğinden alınmış 16 haneli referans numarası uygulamaya girilir.")],
        note: None,
    },
    Rule {
        id: "reference.validity",
        source: "000 B.3.2 Uyarı",
        quotes: &[q("000 B.3.2 Uyarı", "Referans numarasının geçerlilik süresi 30 gündür. Kullanılan veya geçerlilik süresi aşılan referans numarası ile başvuru yapılamamaktadır.")],
        note: note(
            "Hane, kılavuzun diğer “30 gün”leri gibi sayar: son gün düzenlenme + 30. Düzenlenme günü 1. gün sayılırsa son gün bir gün öncedir; o tartışmalı gün için uyarır, sonrasında engeller. Portal düzenlenme tarihini sormaz; tarih girilmezse Hane 30 günü denetleyemez ve bunu uyarı olarak söyler.",
            "Hane counts it like the guide's other “30 days”: the last day is issue + 30. If the issue day counts as day 1, the last day is one day earlier; Hane warns on that disputed day and blocks after it. The portal does not ask for the issue date; without it Hane cannot check the 30 days and says so as a warning.",
        ),
    },
    Rule {
        id: "residence.six_months",
        source: "000 B.3.1 Uyarı; 004 Türkiye'de çalışma izni, yurtiçinden başvuru",
        quotes: &[
            q("000 B.3.1 Uyarı", "Uyarı: Yurt içi başvurularda yabancının en az 6 ay geçerli bir ikameti olması gerekmektedir."),
            q("004 Çalışma izni ilk başvurusunda istenen belgeler", "… müracaat tarihinde geçerli en az 6 ay süresi bulunan oturma izni …"),
            q("004 Türkiye'de çalışma izni, yurtiçinden başvuru", "… en az 6 ay süreli ikamet izni almış ve iznin süresi sona ermemiş …"),
            q("004 Vize", "Çalışma izni sahibi olmak aynı zamanda ikamet izni sahibi olmak anlamına gelmektedir."),
            q("004 Uzun dönem oturum izni uzatma", "Türkiye uzun dönem oturum izni başvuru sahibine süresiz olarak verilmektedir."),
        ],
        note: note(
            "“En az 6 ay” iki türlü okunabilir: başvuru tarihinden sonra 6 ay daha geçerli, ya da en az 6 aylık ve süresi bitmemiş bir ikamet. Hane: süresi bitmiş ikamet engeller; 6 aydan az kalan ikamet uyarır. Uzun dönem ikamet süresizdir; uzatmada çalışma izni ikamet yerine geçer.",
            "“At least 6 months” reads two ways: valid for 6 more months after the application date, or a residence of at least 6 months that has not ended. Hane: an expired residence blocks; one with less than 6 months left warns. Long-term residence has no end; in an extension the work permit stands for the residence.",
        ),
    },
    Rule {
        id: "residence.student",
        source: "004 Türkiye'de çalışma izni, yurtiçinden başvuru",
        quotes: &[q("004 Türkiye'de çalışma izni, yurtiçinden başvuru", "Türkiye'de önlisans ve lisans eğitimi için verilen ikamet izinleri haricinde herhangi bir nedenden dolayı en az 6 ay süreli ikamet izni almış ve iznin süresi sona ermemiş … için ilgili işverenler yurtiçinden başvuruları … yapabilmektedir.")],
        note: None,
    },
    Rule {
        id: "passport.sixty_days",
        source: "000 B.4.2",
        quotes: &[q("000 B.4.2", "Çalışma izni, yabancının beyan ettiği pasaportun son geçerlilik tarihinden 60 gün öncesine kadar düzenlenebilir.")],
        note: note(
            "Hane: pasaport 60 günden kısa sürede bitiyorsa izin düzenlenemez — engeller; istenen süre bu sınırı aşıyorsa izin daha kısa düzenlenir — uyarır ve sığan süreyi söyler.",
            "Hane: if the passport ends in less than 60 days no permit can be issued — it blocks; if the requested duration runs past that limit the permit is issued shorter — it warns and names the duration that fits.",
        ),
    },
    Rule {
        id: "passport.protection",
        source: "000 B.4.2 Not",
        quotes: &[q("000 B.4.2 Not", "Not: Uluslararası koruma kapsamındaki yabancılar için başvuru yapıldığında pasaport bilgileri talep edilmemektedir.")],
        note: None,
    },
    Rule {
        id: "duration.max",
        source: "000 B.4.3 Not",
        quotes: &[q("000 B.4.3 Not", "Not: Çalışma izni ilk başvuruda en fazla 1 yıl; uzatma başvurusunda ise ilk uzatmada 2 yıl, daha sonraki uzatmalarda ise 3 yıla kadar düzenlenebilmektedir.")],
        note: None,
    },
    Rule {
        id: "duration.latest_end",
        source: "000 B.4.2; B.4.3 Not",
        quotes: &[
            q("000 B.4.2", "Çalışma izni, yabancının beyan ettiği pasaportun son geçerlilik tarihinden 60 gün öncesine kadar düzenlenebilir."),
            q("000 B.4.3 Not", "Çalışma izni ilk başvuruda en fazla 1 yıl; uzatma başvurusunda ise ilk uzatmada 2 yıl, daha sonraki uzatmalarda ise 3 yıla kadar düzenlenebilmektedir."),
        ],
        note: None,
    },
    Rule {
        id: "extension.window",
        source: "004 Çalışma izni uzatma başvurusu; Çalışma izin süresini uzatma",
        quotes: &[
            q("004 Çalışma izni uzatma başvurusu", "Çalışma izni uzatma talebinin izin bitiş tarihinden geçmişe doğru 2 aylık süre içerisinde yapılması zorunluluğu bulunmaktadır."),
            EXTENSION_END[0],
            EXTENSION_END[1],
        ],
        note: note(
            "Kaynak bitiş hakkında kendisiyle çelişiyor. Hane: bitişten 2 takvim ayı önceden erken başvuru engeller, tam o gün uyarır; uyulacak son gün bitişten bir önceki gündür; bitiş günü ve sonraki 15 gün “geç — kabul edilebilir de edilmeyebilir de” diye uyarır; sonrasında uzatma değil, ilk başvuru gerekir (iki cümle de bunda birleşir) — engeller.",
            "The source contradicts itself on the end. Hane: filing earlier than 2 calendar months before the end blocks, that very day warns; the day to act by is the day before the end; the end day and the 15 days after it warn “late — may or may not be accepted”; after that it is no longer an extension but a first application (both sentences agree on that) — it blocks.",
        ),
    },
    Rule {
        id: "spouse.required",
        source: "000 B.4.1 Not",
        quotes: &[q("000 B.4.1 Not", "Not: Yabancının medeni durumu “Evli” ise eşine ait bilgilerin (eşin adı, soyadı ve uyruğu) ayrıca girilmesi gerekmektedir.")],
        note: None,
    },
    Rule {
        id: "spouse.turkish",
        source: "000 B.4.1 Not",
        quotes: &[q("000 B.4.1 Not", "Eşi Türk vatandaşı ise T.C. kimlik numarası ile doğum tarihi bilgilerinin girilmesi ayrıca istenecektir.")],
        note: None,
    },
    Rule {
        id: "education.details",
        source: "000 B.4.2",
        quotes: &[q("000 B.4.2", "Eğitim bilgisi ön lisans veya daha üstü olan yabancılar için mezun olduğu meslek ve eğitim aldığı ihtisas konusu bilgilerinin doldurulması gerekmektedir.")],
        note: None,
    },
    Rule {
        id: "guardian.document",
        source: "000 B.4.4 Not",
        quotes: &[q("000 B.4.4 Not", "Not: Başvuruyu yapan kişinin, bakımı yapılacak kişinin vasisi olması halinde “Vasilik Gösterir Belge”nin, vasisi olan kişi adına birinci veya ikinci derece yakını tarafından başvuru yapılacak olması halinde ise “Vasinin Başvuruya İlişkin Onayını Gösteren Belge”nin sisteme yüklenmesi gerekmektedir.")],
        note: None,
    },
    Rule {
        id: "guardian.relative_degree",
        source: "000 B.4.4 Not; B.4.3 Uyarı",
        quotes: &[
            q("000 B.4.4 Not", "… vasisi olan kişi adına birinci veya ikinci derece yakını tarafından başvuru yapılacak olması halinde …"),
            q("000 B.4.3 Uyarı", "Uyarı: Bakımı yapılacak kişi ile başvuru sahibi arasındaki yakınlık ilişkisi, Nüfus ve Vatandaşlık İşleri Genel Müdürlüğünden doğrulanmaktadır."),
        ],
        note: note(
            "Bakılan kişinin kendisi onun yakını değildir — Hane engeller. Eşin ve “Diğer” bir yakının (ör. gelin, damat) birinci veya ikinci derece yakın sayılıp sayılmadığını kılavuz söylemez; Hane uyarır, engellemez: portal bu yakınlığı NVİ'den doğrular ve kabul etmeyebilir.",
            "The cared-for person is not their own relative — Hane blocks. Whether a spouse or an “other” relative (e.g. a son- or daughter-in-law) counts as a first- or second-degree relative the guide does not say; Hane warns and does not block: the portal checks the relationship with NVİ and may refuse it.",
        ),
    },
    Rule {
        id: "contact.email",
        source: "000 B.1",
        quotes: &[q("000 B.1", "Ancak e-posta ve cep telefonu bilgilerinizin girilerek doğrulamasının yapılması gerekmektedir.")],
        note: note(
            "Hane: alamayacak bir adres doğrulanamaz; işverenin adresi biçimce geçersizse engeller. Kılavuz yabancıdan e-posta istemez; onun adresi geçersiz görünürse yalnızca uyarır.",
            "Hane: an address that cannot receive mail cannot be verified, so a malformed employer address blocks. The guide asks no e-mail of the foreigner; hers only warns.",
        ),
    },
    Rule {
        id: "contact.foreigner",
        source: "000 B.4.1",
        quotes: &[q("000 B.4.1", "Yurt içi başvurularda fotoğraf ve iletişim bilgileri haricindeki temel bilgiler Göç İdaresi Başkanlığından, yurt dışı başvurularda ise Dışişleri Bakanlığından, sistem üzerinden temin edilmekte olup kalan alanların (iletişim bilgileri, fotoğraf, vb.) ayrıca tamamlanması gerekmektedir.")],
        note: note(
            "Hangi iletişim alanlarının zorunlu olduğu yazmıyor. Hane: ne telefon ne e-posta yoksa engeller, biri eksikse uyarır.",
            "Which contact fields are required is not said. Hane: with neither a phone nor an e-mail it blocks; with one of them missing it warns.",
        ),
    },
    Rule {
        id: "contact.mobile",
        source: "000 B.1",
        quotes: &[q("000 B.1", "Ancak e-posta ve cep telefonu bilgilerinizin girilerek doğrulamasının yapılması gerekmektedir.")],
        note: note(
            "Kılavuz numaranın Türkiye numarası olmasını şart koşmuyor; Hane yalnızca uyarır.",
            "The guide does not require a Turkish number; Hane only warns.",
        ),
    },
    Rule {
        id: "name.letters",
        source: crate::sources::HANE,
        quotes: &[],
        note: note(
            "Kılavuz ad ve soyad biçimini tanımlamıyor. Adlarda genellikle yalnızca harf (Türkçe harfler dahil), boşluk, kesme işareti, nokta ve kısa çizgi bulunur; başka bir işaret varsa Hane uyarır ama engellemez.",
            "The guide does not define how names are written. Names usually hold only letters (Turkish ones included), spaces, apostrophes, dots and hyphens; for any other sign Hane warns but does not block.",
        ),
    },
    Rule {
        id: "date.past",
        source: crate::sources::HANE,
        quotes: &[],
        note: note(
            "Doğum tarihi ve düzenlenme tarihleri gelecekte olamaz. Kılavuz bunu açıkça söylemez; Hane yanlış yazılmış bir yılı yakalamak için engeller (böyle bir tarih olamaz).",
            "A date of birth or of issue cannot be in the future. The guide does not say so; Hane blocks to catch a mistyped year (such a date is impossible).",
        ),
    },
    Rule {
        id: "age.under18",
        source: crate::sources::HANE,
        quotes: &[],
        note: note(
            "Kılavuz yaş sınırı belirtmez. Hane, yabancı başvuru tarihinde 18 yaşından küçükse doğum tarihini kontrol etmeniz için uyarır; engellemez.",
            "The guide sets no age limit. Hane warns, so that you check the date of birth, when the foreigner is under 18 on the application date; it does not block.",
        ),
    },
    Rule {
        id: "wage.amount",
        source: "000 B.4.3",
        quotes: &[q("000 B.4.3", "… istihdam edilecek yabancının … Alacağı ücret … alanlarının doldurulması gerekmektedir.")],
        note: note(
            "Hane: tutar dilekçede ve sözleşmede yazılır, tek türlü okunmalıdır; iki türlü okunabilen bir tutar (ör. 12.34) veya sıfır engeller.",
            "Hane: the amount is printed in the petition and the contract, so it must read one way only; an amount that reads two ways (e.g. 12.34) or zero blocks.",
        ),
    },
    Rule {
        id: "place.list",
        source: crate::sources::HANE,
        quotes: &[],
        note: note(
            "Kılavuz il, ilçe ve uyruk alanlarının nasıl seçildiğini anlatmıyor; portal bunları listeden seçtirir. Hane, PTT’nin il/ilçe listesinde ve ülke listesinde (ISO 3166) olmayan bir değer için uyarır ama engellemez: listeler yeni bir ilçeyi geç alabilir.",
            "The guide does not describe how province, district and nationality are chosen; the portal picks them from lists. Hane warns about a value on none of PTT's province/district list and the country list (ISO 3166) but does not block: the lists may lag a new district.",
        ),
    },
    Rule {
        id: "start.future",
        source: crate::sources::HANE,
        quotes: &[],
        note: note(
            "Başvuru tarihi geçmişte olamaz: Hane süreleri bu tarihe göre hesaplar.",
            "The planned submission date cannot be in the past: Hane counts every period from it.",
        ),
    },
    Rule {
        id: "documents.always",
        source: "000 B.4.4",
        quotes: &[q("000 B.4.4", "İş sözleşmesi, gelir durumunu gösterir belge, pasaportun kişi bilgilerini içeren sayfası ve başvuru özeline göre belirlenmiş belgeler ile beyan edilecek ek belgeler taranarak (.pdf formatında) yüklenmelidir.")],
        note: None,
    },
    Rule {
        id: "documents.requested",
        source: "000 B.5.1.1",
        quotes: &[q("000 B.5.1.1", "Yapmış olduğunuz başvurunun değerlendirilmesi sürecinde talep edilen belge/belgelerin en geç 30 günlük süre içerisinde yüklenebileceği alandır. İlgili başvuruya ait “Eksik Evrak Yükleme İşlemine Devam Et” seçeneğinden gerekli belgeler (.pdf formatında) yüklenir ve sistem üzerinden Bakanlığımıza gönderilir.")],
        note: None,
    },
    Rule {
        id: "contract.stale",
        source: "000 B.4.4",
        quotes: &[q("000 B.4.4", "İş sözleşmesi, gelir durumunu gösterir belge, pasaportun kişi bilgilerini içeren sayfası ve başvuru özeline göre belirlenmiş belgeler ile beyan edilecek ek belgeler taranarak (.pdf formatında) yüklenmelidir.")],
        note: note(
            "Hane'nin kendi uyarısı: sözleşme taslağı hazırlandıktan sonra başvurudaki bir değer (ücret, süre, görev, adres, tarafların kimliği) değiştiyse, imzalanan sözleşme ile başvuru birbirini tutmaz. Kılavuz bunu ayrıca söylemez; Hane yalnızca uyarır, çünkü sayılan, eklediğiniz imzalı sözleşmedir.",
            "Hane's own warning: when a value of the application (wage, term, job, address, a party's identity) changed after the contract was drafted, the signed contract and the application no longer agree. The guide does not say this itself; Hane only warns, since what counts is the signed contract you attach.",
        ),
    },
    Rule {
        id: "draft.age",
        source: "000 B.4.6 Not",
        quotes: &[q("000 B.4.6 Not", "Not: Bir aydan fazla taslak olarak kalan başvuruların kaydı silinecektir.")],
        note: note(
            "Hane: kaydedildiği günden bir takvim ayı sonrası taslağın son günüdür; ertesi gün silinmiş olur. Ayın 29–31'inde kaydedilen bir taslakta “bir ay sonrası” iki türlü okunur (sonraki ayın son günü ya da taşan günler kadar sonrası); bu iki okuma arasındaki günlerde Hane uyarır, ikisine göre de silinmişse engeller.",
            "Hane: one calendar month after the day it was saved is the draft's last day; the next day it is gone. For a draft saved on the 29th–31st, “a month later” reads two ways (the next month's last day, or as many days later as overflow); on the days between the two readings Hane warns, and blocks once both say it is deleted.",
        ),
    },
];

pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::leaks_a_seed_code;

    /// Every quote of the catalogue — behind every finding's and every required
    /// document's "Neden?" — is in the document it names, word for word (issue #33).
    #[test]
    fn every_quote_is_in_its_source_word_for_word() {
        let mut checked = 0;
        for r in RULES {
            for q in r.quotes {
                crate::quotes::assert_in_source(r.id, q);
                checked += 1;
            }
        }
        assert!(checked >= 30, "{checked}");
    }

    /// A rule of Hane's own quotes nothing and says why in its note; a rule that cites a
    /// seed shows that seed's sentence.
    #[test]
    fn hane_rules_quote_nothing_and_cited_seeds_are_quoted() {
        for r in RULES {
            if r.source == crate::sources::HANE {
                assert!(r.quotes.is_empty(), "{}", r.id);
                assert!(r.note.is_some(), "{}", r.id);
            } else {
                let first = r.source.split_whitespace().next().unwrap();
                assert!(
                    r.quotes.iter().any(|q| q.source.starts_with(first)),
                    "{}: cites {first} but quotes none of it",
                    r.id
                );
            }
        }
    }

    /// `docs/rules.md` has a row for every rule of the catalogue, and names no rule the
    /// catalogue lacks.
    #[test]
    fn the_rules_document_lists_every_rule() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules.md");
        let doc = std::fs::read_to_string(path).unwrap();
        let rows: Vec<&str> = doc
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split_once('`').map(|(id, _)| id))
            .collect();
        for r in RULES {
            assert!(
                rows.contains(&r.id),
                "docs/rules.md has no row for {}",
                r.id
            );
        }
        for id in rows {
            assert!(
                rule(id).is_some(),
                "docs/rules.md lists {id}, not in the catalogue"
            );
        }
    }

    /// What "Neden?" shows names the document, never a seed code; `hane-cli rules` prints
    /// this same serialization.
    #[test]
    fn every_rule_shows_a_human_source_and_its_sentence() {
        for r in RULES {
            let json = serde_json::to_value(r).unwrap();
            for key in ["tr", "en"] {
                let label = json["sourceLabel"][key].as_str().unwrap();
                assert!(!label.is_empty(), "{}", r.id);
                assert_eq!(leaks_a_seed_code(label), None, "{}: {label}", r.id);
            }
            for q in r.quotes {
                assert_eq!(leaks_a_seed_code(q.text), None, "{}", r.id);
            }
            if let Some(n) = r.note {
                assert_eq!(leaks_a_seed_code(n.tr), None, "{}", r.id);
                assert_eq!(leaks_a_seed_code(n.en), None, "{}", r.id);
            }
            assert_eq!(json["quote"], crate::quotes::joined(r.quotes));
            assert_eq!(json["quotes"].as_array().unwrap().len(), r.quotes.len());
            for q in json["quotes"].as_array().unwrap() {
                assert_eq!(
                    leaks_a_seed_code(q["sourceLabel"]["tr"].as_str().unwrap()),
                    None
                );
            }
        }
        let json = serde_json::to_value(rule("documents.always").unwrap()).unwrap();
        assert_eq!(
            json["sourceLabel"]["tr"],
            "Bakanlık kılavuzu (Ev Hizmetleri), B.4.4"
        );
    }
}
