namespace FactLedger.Domain.Extraction.Languages;

/// <summary>Turkish news copy (AA, DHA, İHA style). Case suffixes after an apostrophe ("1541'e", "2 Ocak'ta")
/// are split off by the tokenizer; words are matched by their stems with "*".</summary>
internal static class Turkish
{
    public static readonly LanguageWords Words = new()
    {
        Code = "tr",
        WordSuffixes = """
            nden ndan den dan ten tan nde nda de da te ta ye ya yi yı yu yü nin nın nun nün in ın un ün
            e a i ı u ü ni nı nu nü si sı su sü ler lar leri ları lerin ların
            """,
        YearSuffixes = "de da te ta nde nda",
        GroupSeparators = ".\u202F\u00A0",
        DecimalSeparators = ",",
        NumberWords = """
            2: İki
            """,
        QualifiedOnlyNumberWords = "1: bir",
        NotNumberWords = "x: düzine | deste | k | m | g | b | t",
        // Written without an apostrophe, a multiplier takes its case ending directly: "6 bini aştı",
        // "20 bine ulaştı", "2 milyonu" ("binde", per thousand, is no count).
        ScaleWords = """
            1000: bin | bini | bine | binin | binden | binle
            1000000: milyon | milyonu | milyona | milyonun | milyondan
            1000000000: milyar | milyarı | milyara
            """,
        QualifiersBefore = """
            at_least: en az | en azından | asgari | az değil
            at_most: en fazla | azami | en çok
            approximately: yaklaşık | tahminen | takriben | aşağı yukarı | yaklaşık olarak | kabaca
            """,
        QualifiersAfter = """
            more_than/1: fazla | aşkın | üzerinde | üstünde | den fazla | dan fazla | çok
            less_than/1: az | altında | eksik
            at_most/1: kadar
            approximately/1: civarında | dolayında | kadar civarında | sularında
            at_least/1: ve üzeri | ve üstü
            more_than/0: aştı | aşan | aştığı* | aşmış* | aşarak | geçti | geçtiği* | geçen | geçmiş*
            | geçerek
            at_most/0: ulaşabil* | çıkabil* | yükselebil*
            """,
        RangeWords = """
            join: ile | ve | veya
            to: ila
            close: arasında | arası
            """,
        CountMeasures = """
            killed: öldü* | ölü* | ölen* | ölüm* | öldürül* | öldürdü* | ölmüş* | hayatını kaybe*
            | yaşamını yitir* | can kaybı | can verdi | şehit* | şehid* | cansız | hayatını kaybettiği
            | ceset*
            injured: yaral*
            detained: gözaltı* | tutukla* | tutuklan* | yakalan* | gözaltına alındı | tutuklu*
            missing: kayıp | kayıplar | kaybolan* | kayıp olarak | haber alınamı* | kendisinden haber
            | ulaşılamı*
            displaced: evsiz* | yerinden edil* | mülteci* | göç etmek | göç etti | sığınmacı* | evlerini terk
            evacuated: tahliye*
            rescued: kurtarıl* | kurtardı* | enkazdan çıkarıl* | sağ çıkarıl*
            affected: etkilen*
            infected: vaka* | enfekte* | pozitif | virüs bulaş*
            recovered: iyileş* | taburcu*
            hospitalized: hastaneye kaldırıl* | hastanede tedavi*
            destroyed: yıkıl* | yıkıldı | çöktü | çöken* | yıkık* | yerle bir
            damaged: hasar* | ağır hasarlı | orta hasarlı | az hasarlı
            critical: yoğun bakım* | ağır yaralı* | durumu ağır | durumları ağır | hayati tehlike*
            // "Enkaz altından" (from under the rubble) is where the rescued come from.
            trapped: mahsur* | enkaz altında | enkaz altındaki | göçük altında | göçük altındaki
            | enkazın altında
            buried: defned* | toprağa veril* | gömül* | defin*
            deployed: gönderil* | gönderdi* | sevk* | konuşlandır*
            participated: katıl*
            calls: görüşme* | görüştü* | telefon görüşme*
            members: üye*
            aftershocks: artçı*
            """,
        DateEvents = """
            start: başla* | patlak ver* | başlangıç*
            end: sona er* | bitti | bitecek | tamamlan* | sona erecek | kaldırıl*
            occurred: meydana gel* | yaşan* | vurdu | çatışma* | saldırı* | düzenlen* | gerçekleş*
            | patlama* | çarpış* | deprem*
            declared: ilan* | uygulan*
            resigned: istifa*
            dismissed: görevden al*
            requested: istedi | iste* | talep*
            founded: kurul* | kuruldu | kuruluş* | kurulmuştu
            signed: imzala*
            """,
        Subjects = """
            security-forces: güvenlik güç* | güvenlik görevli* | güvenlik personel* | kolluk kuvvet*
            police: polis*
            soldiers: asker* | mehmetçik
            protesters: protestocu* | gösterici* | eylemci*
            civilians: sivil*
            children: çocuk*
            women: kadın*
            people: kişi* | insan* | vatandaş* | birey*
            migrants: göçmen* | düzensiz göçmen*
            workers: işçi* | madenci*
            passengers: yolcu*
            militants: terörist* | militan* | silahlı*
            journalists: gazeteci*
            peacekeepers: barış gücü* | barış güc*
            buildings: bina* | ev | evler* | evi | konut*
            protests: protesto* | gösteri* | eylem*
            state-of-emergency: olağanüstü hal* | ohal*
            government: hükümet*
            earthquake: deprem*
            """,
        Attribution = """
            after: göre
            verb: açıkladı | bildirdi | duyurdu | dedi | belirtti | kaydetti | aktardı | ifade etti | söyledi
            | açıklamasında | bilgisine göre | açıklamaya göre | verilerine göre
            """,
        NotCounts = """
            after: yüzde | büyüklüğünde | şiddetinde | büyüklüğündeki | kilometre* | km | metre* | mil
            | kilogram* | kg | ton* | litre* | hektar* | derece* | dolar* | avro* | euro* | lira* | tl | yaşında*
            | yaşındaki* | yıl* | ay | aylık | hafta* | gün* | saat* | dakika* | saniye* | puan* | numaralı*
            | sayılı* | katlı* | kat | buçuk | baş
            before: yüzde | saat | no | numara* | madde* | büyüklüğünde | sayılı | yaşındaki | sayfa
            """,
        RelativeDays = """
            -2: evvelsi gün | önceki gün
            -1: dün | dün akşam | dün gece
            0: bugün | bu sabah | bu akşam | bu gece | bugünkü
            1: yarın
            """,
        DurationUnits = """
            1+: gün | günlük
            7+: hafta | haftalık
            30+: ay | aylık
            """,
        RelativeAfter = """
            +1 exact: sonra | içinde sona | zarfında
            -1 exact: önce | evvel
            +1 at_most: içinde | içerisinde | süreyle | boyunca | süre ile | süresince
            """,
        Periods = """
            week -1: geçen hafta | geçtiğimiz hafta | önceki hafta
            week 1: gelecek hafta | önümüzdeki hafta | haftaya
            month -1: geçen ay | geçtiğimiz ay
            month 1: gelecek ay | önümüzdeki ay
            """,
        MonthPartsAfter = """
            early: başı | başında | başlarında | başından
            mid: ortası | ortasında | ortalarında | ortasından
            late: sonu | sonunda | sonlarında | sonundan
            """,
        WeekdayShiftBefore = """
            -1: geçen | geçtiğimiz
            1: gelecek | önümüzdeki
            """,
        DateCues = """
            end: kadar | dek | değin
            start: itibaren | itibariyle | başlayarak
            post-after: sonra | ardından
            post-before: önce
            since: bu yana | beri
            year: yılında | yılı
            month: ayında | ayı | ayından | ayının | ayındaki
            deadline: son gün | son günü | son tarih
            dateline: güncelleme | yayınlanma | yayın tarihi | son güncelleme
            """,
    };
}
