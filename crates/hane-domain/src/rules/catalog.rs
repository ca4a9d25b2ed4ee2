//! Every rule Hane checks: a stable id, where it comes from, and the source sentence the
//! UI shows behind its "why" link. `docs/rules.md` lists the same table with the tests.

use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    pub id: &'static str,
    /// Seed file and section, e.g. `000 B.4.2`.
    pub source: &'static str,
    /// The sentence(s) of the source the rule encodes, verbatim (Turkish).
    pub quote: &'static str,
}

const G: &str = "000_e5f7698e8ae4fbbc.txt";
const U: &str = "004_3f7bf8d79fd91a07.txt";

macro_rules! src {
    ($file:expr, $sec:expr) => {
        concat!($file, " ", $sec)
    };
}

pub const RULES: &[Rule] = &[
    Rule {
        id: "required",
        source: "000 B (every screen)",
        quote: "Portal ekranlarındaki zorunlu alanlar doldurulmadan başvuru ilerletilemez. (Hane: alan bazında zorunluluk, kılavuzun her ekran için saydığı bilgilerden çıkarılmıştır.)",
    },
    Rule {
        id: "tckn.valid",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.1; B.4.1 Not"),
        quote: "Açılan sayfada T.C. kimlik numarası, doğum tarihi, ad ve soyad bilgileri e-Devlet kapısı aracılığıyla dolu olarak gelmektedir. … Eşi Türk vatandaşı ise T.C. kimlik numarası ile doğum tarihi bilgilerinin girilmesi ayrıca istenecektir. (Denetim: NVİ'nin 11 haneli kontrol basamağı algoritması.)",
    },
    Rule {
        id: "ykn.valid",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.3.1; B.6.1.2"),
        quote: "Yabancının Göç İdaresi Başkanlığından almış olduğu Yabancı Kimlik Numarası … yabancı uyruklu şahsın 9 ile başlayan yabancı kimlik numarasını beyan ederek … (Denetim: 9 ile başlar ve NVİ kontrol basamakları tutar — engeller. 98 ile başlayan geçici koruma kimlik numarasıdır, YKN değildir — uyarır.)",
    },
    Rule {
        id: "reference.format",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.3.2"),
        quote: "Bu başvuru türünde, yabancının yasal olarak bulunduğu ülkedeki Türk dış temsilciliğinden alınmış 16 haneli referans numarası uygulamaya girilir.",
    },
    Rule {
        id: "reference.validity",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.3.2 Uyarı"),
        quote: "Referans numarasının geçerlilik süresi 30 gündür. Kullanılan veya geçerlilik süresi aşılan referans numarası ile başvuru yapılamamaktadır. (Hane, kılavuzun diğer “30 gün”leri gibi sayar: son gün düzenlenme + 30. Düzenlenme günü 1. gün sayılırsa son gün bir gün önce olur; o tartışmalı gün için uyarır, sonrasında engeller.)",
    },
    Rule {
        id: "residence.six_months",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.3.1 Uyarı"),
        quote: "Uyarı: Yurt içi başvurularda yabancının en az 6 ay geçerli bir ikameti olması gerekmektedir. — Danışmanlık rehberi (004) bunu iki türlü söyler: “müracaat tarihinde geçerli en az 6 ay süresi bulunan oturma izni” ve “en az 6 ay süreli ikamet izni almış ve iznin süresi sona ermemiş”. (Hane: süresi bitmiş ikamet engeller; 6 aydan az kalan ikamet uyarır. Uzun dönem ikamet süresizdir; uzatmada çalışma izni ikamet yerine geçer: “Çalışma izni sahibi olmak aynı zamanda ikamet izni sahibi olmak anlamına gelmektedir.”)",
    },
    Rule {
        id: "residence.student",
        source: src!("004_3f7bf8d79fd91a07.txt", "Türkiye'de çalışma izni, yurtiçinden başvuru"),
        quote: "Türkiye'de önlisans ve lisans eğitimi için verilen ikamet izinleri haricinde herhangi bir nedenden dolayı en az 6 ay süreli ikamet izni almış ve iznin süresi sona ermemiş … için ilgili işverenler yurtiçinden başvuruları … yapabilmektedir.",
    },
    Rule {
        id: "passport.sixty_days",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.4.2"),
        quote: "Çalışma izni, yabancının beyan ettiği pasaportun son geçerlilik tarihinden 60 gün öncesine kadar düzenlenebilir. (Hane: pasaport 60 günden kısa sürede bitiyorsa izin düzenlenemez — engeller; istenen süre bu sınırı aşıyorsa izin daha kısa düzenlenir — uyarır ve sığan süreyi söyler.)",
    },
    Rule {
        id: "passport.protection",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.4.2 Not"),
        quote: "Not: Uluslararası koruma kapsamındaki yabancılar için başvuru yapıldığında pasaport bilgileri talep edilmemektedir.",
    },
    Rule {
        id: "duration.max",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.4.3 Not"),
        quote: "Not: Çalışma izni ilk başvuruda en fazla 1 yıl; uzatma başvurusunda ise ilk uzatmada 2 yıl, daha sonraki uzatmalarda ise 3 yıla kadar düzenlenebilmektedir.",
    },
    Rule {
        id: "duration.latest_end",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.4.2; B.4.3 Not"),
        quote: "Çalışma izni, yabancının beyan ettiği pasaportun son geçerlilik tarihinden 60 gün öncesine kadar düzenlenebilir. … Çalışma izni ilk başvuruda en fazla 1 yıl; uzatma başvurusunda ise ilk uzatmada 2 yıl, daha sonraki uzatmalarda ise 3 yıla kadar düzenlenebilmektedir.",
    },
    Rule {
        id: "extension.window",
        source: src!("004_3f7bf8d79fd91a07.txt", "Çalışma izni uzatma (iki ayrı paragraf)"),
        quote: "Çalışma izni uzatma talebinin izin bitiş tarihinden geçmişe doğru 2 aylık süre içerisinde yapılması zorunluluğu bulunmaktadır. Çalışma izni süresinin bitiminden itibaren en 15 gün içerisinde yapılan uzatma başvuruları kabul edilmektedir. Söz konusu süreden sonra yapılan başvurular ilk kez yapılacak olan çalışma izni başvuru esaslarına tabi tutulmaktadır. — ve aynı kaynakta: — Çalışma izni süresinin bitimi itibariyle yapılan süre uzatma başvuruları işleme alınamamaktadır. (Kaynak kendisiyle çelişiyor. Hane: bitişten 2 takvim ayı önceden erken başvuru engeller, tam o gün uyarır; önerilen son gün bitişten bir önceki gündür; bitiş gününden bitiş + 15 güne kadar uyarır; sonrasında engeller.)",
    },
    Rule {
        id: "spouse.required",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.4.1 Not"),
        quote: "Not: Yabancının medeni durumu “Evli” ise eşine ait bilgilerin (eşin adı, soyadı ve uyruğu) ayrıca girilmesi gerekmektedir.",
    },
    Rule {
        id: "spouse.turkish",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.4.1 Not"),
        quote: "Eşi Türk vatandaşı ise T.C. kimlik numarası ile doğum tarihi bilgilerinin girilmesi ayrıca istenecektir.",
    },
    Rule {
        id: "education.details",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.4.2"),
        quote: "Eğitim bilgisi ön lisans veya daha üstü olan yabancılar için mezun olduğu meslek ve eğitim aldığı ihtisas konusu bilgilerinin doldurulması gerekmektedir.",
    },
    Rule {
        id: "guardian.document",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.4.4 Not"),
        quote: "Not: Başvuruyu yapan kişinin, bakımı yapılacak kişinin vasisi olması halinde “Vasilik Gösterir Belge”nin, vasisi olan kişi adına birinci veya ikinci derece yakını tarafından başvuru yapılacak olması halinde ise “Vasinin Başvuruya İlişkin Onayını Gösteren Belge”nin sisteme yüklenmesi gerekmektedir.",
    },
    Rule {
        id: "guardian.relative_degree",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.4.4 Not"),
        quote: "… vasisi olan kişi adına birinci veya ikinci derece yakını tarafından başvuru yapılacak olması halinde …",
    },
    Rule {
        id: "contact.email",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.1"),
        quote: "Ancak e-posta ve cep telefonu bilgilerinizin girilerek doğrulamasının yapılması gerekmektedir.",
    },
    Rule {
        id: "contact.foreigner",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.4.1"),
        quote: "Yurt içi başvurularda fotoğraf ve iletişim bilgileri haricindeki temel bilgiler Göç İdaresi Başkanlığından, yurt dışı başvurularda ise Dışişleri Bakanlığından, sistem üzerinden temin edilmekte olup kalan alanların (iletişim bilgileri, fotoğraf, vb.) ayrıca tamamlanması gerekmektedir. (Hane: hangi iletişim alanlarının zorunlu olduğu yazmıyor; ne telefon ne e-posta yoksa engeller, biri eksikse uyarır.)",
    },
    Rule {
        id: "contact.mobile",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.1"),
        quote: "Ancak e-posta ve cep telefonu bilgilerinizin girilerek doğrulamasının yapılması gerekmektedir. (Kılavuz numaranın Türkiye numarası olmasını şart koşmuyor; Hane yalnızca uyarır.)",
    },
    Rule {
        id: "name.letters",
        source: "Hane (kılavuz sessiz)",
        quote: "Kılavuz ad ve soyad biçimini tanımlamıyor. Adlarda genellikle yalnızca harf (Türkçe harfler dahil), boşluk, kesme işareti, nokta ve kısa çizgi bulunur; başka bir işaret varsa Hane uyarır ama engellemez.",
    },
    Rule {
        id: "date.past",
        source: "Hane (kılavuz sessiz)",
        quote: "Doğum tarihi ve düzenlenme tarihleri gelecekte olamaz. (Kılavuz bunu açıkça söylemez; yanlış yazılmış bir yılı yakalamak için.)",
    },
    Rule {
        id: "age.under18",
        source: "Hane (kılavuz sessiz)",
        quote: "Kılavuz yaş sınırı belirtmez. 18 yaşından küçük bir yabancı için çalışma izni ayrıca incelenir; Hane uyarır ama engellemez.",
    },
    Rule {
        id: "wage.amount",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.4.3"),
        quote: "… istihdam edilecek yabancının … Alacağı ücret … alanlarının doldurulması gerekmektedir.",
    },
    Rule {
        id: "start.future",
        source: "Hane (kılavuz sessiz)",
        quote: "Başvuru tarihi geçmişte olamaz: Hane süreleri bu tarihe göre hesaplar.",
    },
    Rule {
        id: "documents.always",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.4.4"),
        quote: "İş sözleşmesi, gelir durumunu gösterir belge, pasaportun kişi bilgilerini içeren sayfası ve başvuru özeline göre belirlenmiş belgeler ile beyan edilecek ek belgeler taranarak (.pdf formatında) yüklenmelidir.",
    },
    Rule {
        id: "draft.age",
        source: src!("000_e5f7698e8ae4fbbc.txt", "B.4.6"),
        quote: "Not: Bir aydan fazla taslak olarak kalan başvuruların kaydı silinecektir. (Hane: kaydedildiği günden tam bir ay sonrası taslağın son günüdür; ertesi gün silinmiştir.)",
    },
];

pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

// Kept so the file names above stay checked against the seeds folder in tests.
pub const SEED_FILES: &[&str] = &[G, U];
