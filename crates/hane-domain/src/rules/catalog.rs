//! Every rule Hane checks: a stable id, where it comes from, and the source sentence the
//! UI shows behind its "why" link. `docs/rules.md` lists the same table with the tests.

use serde::Serialize;

#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub id: &'static str,
    /// Seed number and section, e.g. `000 B.4.2` (see [`crate::sources`]).
    pub source: &'static str,
    /// The sentence(s) of the source the rule encodes, verbatim (Turkish).
    pub quote: &'static str,
}

/// As the UI and `hane-cli rules` show it: `{ id, sourceLabel: { tr, en }, quote }`, the
/// source by its name ("Bakanlık kılavuzu (Ev Hizmetleri), B.4.2"), never a seed code.
impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Rule", 3)?;
        st.serialize_field("id", self.id)?;
        st.serialize_field("sourceLabel", &crate::sources::label(self.source))?;
        st.serialize_field("quote", self.quote)?;
        st.end()
    }
}

pub const RULES: &[Rule] = &[
    Rule {
        id: "required",
        source: "000 B",
        quote: "Portal ekranlarındaki zorunlu alanlar doldurulmadan başvuru ilerletilemez. (Hane: alan bazında zorunluluk, kılavuzun her ekran için saydığı bilgilerden çıkarılmıştır.)",
    },
    Rule {
        id: "tckn.valid",
        source: "000 B.1; B.4.1 Not",
        quote: "Açılan sayfada T.C. kimlik numarası, doğum tarihi, ad ve soyad bilgileri e-Devlet kapısı aracılığıyla dolu olarak gelmektedir. … Eşi Türk vatandaşı ise T.C. kimlik numarası ile doğum tarihi bilgilerinin girilmesi ayrıca istenecektir. (Denetim: NVİ'nin 11 haneli kontrol basamağı algoritması.)",
    },
    Rule {
        id: "ykn.valid",
        source: "000 B.3.1; B.6.1.2",
        quote: "Yabancının Göç İdaresi Başkanlığından almış olduğu Yabancı Kimlik Numarası … yabancı uyruklu şahsın 9 ile başlayan yabancı kimlik numarasını beyan ederek … (Denetim: 9 ile başlar ve NVİ kontrol basamakları tutar — engeller. 98 ile başlayan geçici koruma kimlik numarasıdır, YKN değildir — uyarır.)",
    },
    Rule {
        id: "reference.format",
        source: "000 B.3.2",
        quote: "Bu başvuru türünde, yabancının yasal olarak bulunduğu ülkedeki Türk dış temsilciliğinden alınmış 16 haneli referans numarası uygulamaya girilir.",
    },
    Rule {
        id: "reference.validity",
        source: "000 B.3.2 Uyarı",
        quote: "Referans numarasının geçerlilik süresi 30 gündür. Kullanılan veya geçerlilik süresi aşılan referans numarası ile başvuru yapılamamaktadır. (Hane, kılavuzun diğer “30 gün”leri gibi sayar: son gün düzenlenme + 30. Düzenlenme günü 1. gün sayılırsa son gün bir gün önce olur; o tartışmalı gün için uyarır, sonrasında engeller.)",
    },
    Rule {
        id: "residence.six_months",
        source: "000 B.3.1 Uyarı",
        quote: "Uyarı: Yurt içi başvurularda yabancının en az 6 ay geçerli bir ikameti olması gerekmektedir. — Danışmanlık rehberi bunu iki türlü söyler: “müracaat tarihinde geçerli en az 6 ay süresi bulunan oturma izni” ve “en az 6 ay süreli ikamet izni almış ve iznin süresi sona ermemiş”. (Hane: süresi bitmiş ikamet engeller; 6 aydan az kalan ikamet uyarır. Uzun dönem ikamet süresizdir; uzatmada çalışma izni ikamet yerine geçer: “Çalışma izni sahibi olmak aynı zamanda ikamet izni sahibi olmak anlamına gelmektedir.”)",
    },
    Rule {
        id: "residence.student",
        source: "004 Türkiye'de çalışma izni, yurtiçinden başvuru",
        quote: "Türkiye'de önlisans ve lisans eğitimi için verilen ikamet izinleri haricinde herhangi bir nedenden dolayı en az 6 ay süreli ikamet izni almış ve iznin süresi sona ermemiş … için ilgili işverenler yurtiçinden başvuruları … yapabilmektedir.",
    },
    Rule {
        id: "passport.sixty_days",
        source: "000 B.4.2",
        quote: "Çalışma izni, yabancının beyan ettiği pasaportun son geçerlilik tarihinden 60 gün öncesine kadar düzenlenebilir. (Hane: pasaport 60 günden kısa sürede bitiyorsa izin düzenlenemez — engeller; istenen süre bu sınırı aşıyorsa izin daha kısa düzenlenir — uyarır ve sığan süreyi söyler.)",
    },
    Rule {
        id: "passport.protection",
        source: "000 B.4.2 Not",
        quote: "Not: Uluslararası koruma kapsamındaki yabancılar için başvuru yapıldığında pasaport bilgileri talep edilmemektedir.",
    },
    Rule {
        id: "duration.max",
        source: "000 B.4.3 Not",
        quote: "Not: Çalışma izni ilk başvuruda en fazla 1 yıl; uzatma başvurusunda ise ilk uzatmada 2 yıl, daha sonraki uzatmalarda ise 3 yıla kadar düzenlenebilmektedir.",
    },
    Rule {
        id: "duration.latest_end",
        source: "000 B.4.2; B.4.3 Not",
        quote: "Çalışma izni, yabancının beyan ettiği pasaportun son geçerlilik tarihinden 60 gün öncesine kadar düzenlenebilir. … Çalışma izni ilk başvuruda en fazla 1 yıl; uzatma başvurusunda ise ilk uzatmada 2 yıl, daha sonraki uzatmalarda ise 3 yıla kadar düzenlenebilmektedir.",
    },
    Rule {
        id: "extension.window",
        source: "004 Çalışma izni uzatma",
        quote: "Çalışma izni uzatma talebinin izin bitiş tarihinden geçmişe doğru 2 aylık süre içerisinde yapılması zorunluluğu bulunmaktadır. Çalışma izni süresinin bitiminden itibaren en 15 gün içerisinde yapılan uzatma başvuruları kabul edilmektedir. Söz konusu süreden sonra yapılan başvurular ilk kez yapılacak olan çalışma izni başvuru esaslarına tabi tutulmaktadır. — ve aynı kaynakta: — Çalışma izni süresinin bitimi itibariyle yapılan süre uzatma başvuruları işleme alınamamaktadır. (Kaynak kendisiyle çelişiyor. Hane: bitişten 2 takvim ayı önceden erken başvuru engeller, tam o gün uyarır; önerilen son gün bitişten bir önceki gündür; bitiş gününden bitiş + 15 güne kadar uyarır; sonrasında engeller.)",
    },
    Rule {
        id: "spouse.required",
        source: "000 B.4.1 Not",
        quote: "Not: Yabancının medeni durumu “Evli” ise eşine ait bilgilerin (eşin adı, soyadı ve uyruğu) ayrıca girilmesi gerekmektedir.",
    },
    Rule {
        id: "spouse.turkish",
        source: "000 B.4.1 Not",
        quote: "Eşi Türk vatandaşı ise T.C. kimlik numarası ile doğum tarihi bilgilerinin girilmesi ayrıca istenecektir.",
    },
    Rule {
        id: "education.details",
        source: "000 B.4.2",
        quote: "Eğitim bilgisi ön lisans veya daha üstü olan yabancılar için mezun olduğu meslek ve eğitim aldığı ihtisas konusu bilgilerinin doldurulması gerekmektedir.",
    },
    Rule {
        id: "guardian.document",
        source: "000 B.4.4 Not",
        quote: "Not: Başvuruyu yapan kişinin, bakımı yapılacak kişinin vasisi olması halinde “Vasilik Gösterir Belge”nin, vasisi olan kişi adına birinci veya ikinci derece yakını tarafından başvuru yapılacak olması halinde ise “Vasinin Başvuruya İlişkin Onayını Gösteren Belge”nin sisteme yüklenmesi gerekmektedir.",
    },
    Rule {
        id: "guardian.relative_degree",
        source: "000 B.4.4 Not",
        quote: "… vasisi olan kişi adına birinci veya ikinci derece yakını tarafından başvuru yapılacak olması halinde …",
    },
    Rule {
        id: "contact.email",
        source: "000 B.1",
        quote: "Ancak e-posta ve cep telefonu bilgilerinizin girilerek doğrulamasının yapılması gerekmektedir.",
    },
    Rule {
        id: "contact.foreigner",
        source: "000 B.4.1",
        quote: "Yurt içi başvurularda fotoğraf ve iletişim bilgileri haricindeki temel bilgiler Göç İdaresi Başkanlığından, yurt dışı başvurularda ise Dışişleri Bakanlığından, sistem üzerinden temin edilmekte olup kalan alanların (iletişim bilgileri, fotoğraf, vb.) ayrıca tamamlanması gerekmektedir. (Hane: hangi iletişim alanlarının zorunlu olduğu yazmıyor; ne telefon ne e-posta yoksa engeller, biri eksikse uyarır.)",
    },
    Rule {
        id: "contact.mobile",
        source: "000 B.1",
        quote: "Ancak e-posta ve cep telefonu bilgilerinizin girilerek doğrulamasının yapılması gerekmektedir. (Kılavuz numaranın Türkiye numarası olmasını şart koşmuyor; Hane yalnızca uyarır.)",
    },
    Rule {
        id: "name.letters",
        source: crate::sources::HANE,
        quote: "Kılavuz ad ve soyad biçimini tanımlamıyor. Adlarda genellikle yalnızca harf (Türkçe harfler dahil), boşluk, kesme işareti, nokta ve kısa çizgi bulunur; başka bir işaret varsa Hane uyarır ama engellemez.",
    },
    Rule {
        id: "date.past",
        source: crate::sources::HANE,
        quote: "Doğum tarihi ve düzenlenme tarihleri gelecekte olamaz. (Kılavuz bunu açıkça söylemez; yanlış yazılmış bir yılı yakalamak için.)",
    },
    Rule {
        id: "age.under18",
        source: crate::sources::HANE,
        quote: "Kılavuz yaş sınırı belirtmez. 18 yaşından küçük bir yabancı için çalışma izni ayrıca incelenir; Hane uyarır ama engellemez.",
    },
    Rule {
        id: "wage.amount",
        source: "000 B.4.3",
        quote: "… istihdam edilecek yabancının … Alacağı ücret … alanlarının doldurulması gerekmektedir.",
    },
    Rule {
        id: "place.list",
        source: crate::sources::HANE,
        quote: "Kılavuz il, ilçe ve uyruk alanlarının nasıl seçildiğini anlatmıyor; portal bunları listeden seçtirir. Hane, PTT’nin il/ilçe listesinde ve ülke listesinde (ISO 3166) olmayan bir değer için uyarır ama engellemez: listeler yeni bir ilçeyi geç alabilir.",
    },
    Rule {
        id: "start.future",
        source: crate::sources::HANE,
        quote: "Başvuru tarihi geçmişte olamaz: Hane süreleri bu tarihe göre hesaplar.",
    },
    Rule {
        id: "documents.always",
        source: "000 B.4.4",
        quote: "İş sözleşmesi, gelir durumunu gösterir belge, pasaportun kişi bilgilerini içeren sayfası ve başvuru özeline göre belirlenmiş belgeler ile beyan edilecek ek belgeler taranarak (.pdf formatında) yüklenmelidir.",
    },
    Rule {
        id: "documents.requested",
        source: "000 B.5.1.1",
        quote: "Yapmış olduğunuz başvurunun değerlendirilmesi sürecinde talep edilen belge/belgelerin en geç 30 günlük süre içerisinde yüklenebileceği alandır. İlgili başvuruya ait “Eksik Evrak Yükleme İşlemine Devam Et” seçeneğinden gerekli belgeler (.pdf formatında) yüklenir ve sistem üzerinden Bakanlığımıza gönderilir.",
    },
    Rule {
        id: "draft.age",
        source: "000 B.4.6",
        quote: "Not: Bir aydan fazla taslak olarak kalan başvuruların kaydı silinecektir. (Hane: kaydedildiği günden tam bir ay sonrası taslağın son günüdür; ertesi gün silinmiştir.)",
    },
];

pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::leaks_a_seed_code;

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
            assert_eq!(leaks_a_seed_code(r.quote), None, "{}", r.id);
            assert_eq!(json["quote"], r.quote);
        }
        let json = serde_json::to_value(rule("documents.always").unwrap()).unwrap();
        assert_eq!(
            json["sourceLabel"]["tr"],
            "Bakanlık kılavuzu (Ev Hizmetleri), B.4.4"
        );
    }
}
