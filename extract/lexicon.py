"""Word lists for `extract.classify`, by language, and how their phrases are found in a text.

Phrases are written as a reader would spell them. A `Phrasebook` finds them case- and
accent-insensitively, with punctuation read as a space ("e-mail" and "e mail" are the same), on
whole words; a word ending in `*` also matches any longer word it begins ("cookie*" finds
"cookies"), one starting with `*` any word it ends ("*iamo" finds "raccogliamo"), and a word `~`
stands for up to three words ("we ~ sell*" finds "we do not sell"). Japanese and Chinese phrases
match anywhere, since those scripts do not separate words.
Keys are ISO 639-1 codes; every list is checked on every text, because policies quote laws,
footers and banners in other languages than their own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum

from extract import world_lexicon
from extract.world_lexicon import COVERED_LANGUAGES as COVERED_LANGUAGES
from extract.world_lexicon import WEB_LANGUAGES as WEB_LANGUAGES

Phrases = Mapping[str, tuple[str, ...]]

# The word lists are laid out by hand, several phrases a line, so that a list reads as a list;
# the formatter would give every phrase a line of its own.
# fmt: off


class Topic(StrEnum):
    """What a privacy policy talks about. A policy touches most of these; other pages one or two."""

    PERSONAL_DATA = "personal data"
    COLLECTION = "collection and use"
    SHARING = "sharing"
    RIGHTS = "rights and choices"
    RETENTION = "retention and security"
    LAW = "law and roles"
    TRACKING = "cookies and tracking"
    DOCUMENT = "names of the document"


PRIVACY_VOCABULARY: Mapping[Topic, Phrases] = {
    Topic.PERSONAL_DATA: {
        "en": (
            "information you give", "information you provide", "information that you",
            "details you give", "data you give", "data you provide", "mailing list", "your name",
            "phone number*", "telephone number*", "postal address*", "date of birth",
            "payment details", "payment information", "credit card*", "browsing history",
            "your details", "your e mail", "your email", "contact data", "personal info",
            "personal data", "personal information", "personally identifiable*", "pii",
            "personal details", "information about you", "information you provide",
            "your information", "your data", "your personal", "ip address*", "email address*",
            "e mail address*", "contact details", "contact information", "usage data", "log data",
            "device information", "location data", "health information", "data subject*",
            "personal health information", "protected health information", "identifiers",
            "your address", "first name", "last name", "street address", "home address",
            "birth date", "medical records", "health records", "medical history",
            "child's information", "children's information", "advertising id*"),
        "fr": (
            "les informations que vous", "les données que vous", "vos nom", "vos coordonnées",
            "adresse postale", "numéro de téléphone", "nom et prénom",
            "données personnelles", "données à caractère personnel", "informations personnelles",
            "données vous concernant", "vos données", "vos informations",
            "informations nominatives", "adresse ip", "adresse e mail", "adresse électronique",
            "adresse email", "données de navigation", "personne concernée", "personnes concernées",
            "données d'identification", "identifiant publicitaire", "données de localisation",
            "dossier médical", "vos contacts"),
        "de": (
            "die daten die sie", "daten die sie uns", "angaben die sie", "anschrift",
            "telefonnummer", "personendaten",
            "personenbezogen*", "persönliche* daten", "ihre daten", "ihrer daten", "ip adresse*",
            "e mail adresse*", "nutzerdaten", "nutzungsdaten", "bestandsdaten", "kontaktdaten",
            "patientenakte", "patientendaten", "mitgliederdaten", "kundendaten", "bewerberdaten",
            "adressdaten", "geburtsdatum", "bankverbindung",
            "betroffene* person*", "gesundheitsdaten"),
        "es": (
            "los datos que", "la información que nos", "nombre y correo", "nombre y apellidos",
            "número de teléfono",
            "datos personales", "datos de carácter personal", "información personal", "sus datos",
            "tus datos", "dirección ip", "correo electrónico", "datos identificativos",
            "datos de contacto", "titular de los datos", "datos personales sensibles"),
        "it": ("i dati che", "le informazioni che ci", "nome e cognome", "numero di telefono",
            "dati personali", "informazioni personali", "i suoi dati", "i tuoi dati",
            "indirizzo ip", "indirizzi ip", "indirizzo e mail", "dati di navigazione",
            "dati anagrafici", "interessato", "interessati", "dati relativi alla salute"),
        "pt": ("os dados que", "as informações que", "número de telefone", "nome e e mail",
            "dados pessoais", "informações pessoais", "informação pessoal", "seus dados",
            "os seus dados", "endereço ip", "endereço de e mail", "dados de navegação",
            "titular dos dados", "dados do titular"),
        "nl": (
            "de gegevens die u", "de gegevens die je", "gegevens die u", "gegevens die je",
            "telefoonnummer", "adresgegevens", "naam en e mailadres",
            "persoonsgegevens", "persoonlijke gegevens", "uw gegevens", "je gegevens", "ip adres*",
            "e mailadres*", "emailadres*", "contactgegevens", "telefoonnummer*",
            "namen en adressen", "medisch dossier", "medische gegevens", "gegevens over u",
            "gegevens over je", "bsn", "burgerservicenummer"),
        "pl": ("dan* osobow*", "adres* ip", "adres* e mail", "twoje dane", "twoich danych"),
        "sv": (
            "personuppgift*", "personlig* uppgift*", "dina uppgifter", "ip adress*",
            "e postadress*"),
        "da": (
            "personoplysning*", "personlige oplysninger", "persondata", "dine oplysninger",
            "ip adresse*", "e mailadresse*", "helbredsoplysninger"),
        "ja": (
            "個人情報", "個人データ", "個人に関する情報", "メールアドレス", "ipアドレス",
            "端末識別子"),
        "zh": (
            "个人信息", "個人資料", "个人数据", "个人资料", "敏感个人信息", "手机号码", "电子邮箱",
            "ip地址"),
        "nb": ("personopplysning*", "personvern*"),
        "fi": ("henkilötie*",),
        "cs": ("osobní* údaj*", "osobních údajů"),
        "ru": ("персональн* данн*", "личн* данн*", "персональн* информаци*"),
        "tr": ("kişisel veri*", "kişisel bilgi*"),
        "ko": ("개인정보*",),
        "el": ("προσωπικ* δεδομεν*",),
        "hu": ("személyes adat*",),
        "ro": ("date cu caracter personal", "datele cu caracter personal", "date personale"),
        "ca": ("dades personals",),
        "sk": ("osobn* údaj*",),
        "hr": ("osobn* podat*",),
        "uk": ("персональн* дан*",),
        "bg": ("лични данни", "личните данни"),
        "id": ("data pribadi", "informasi pribadi", "alamat email"),
        "vi": ("dữ liệu cá nhân", "thông tin cá nhân", "địa chỉ email"),
        "ar": ("البيانات الشخصية", "المعلومات الشخصية", "بياناتك"),
        "he": ("מידע אישי", "פרטים אישיים", "המידע האישי"),
    },
    Topic.COLLECTION: {
        "en": (
            "we collect", "collect*", "we use your", "we use the information",
            "we use this information", "how we use", "use of your", "we use it", "we use them",
            "we use these", "we may use", "we will use", "we only use", "is used to", "are used to",
            "we ask for", "you give us", "you provide", "you submit", "we process", "process your",
            "processing", "processed", "we store", "we record", "we receive", "we gather",
            "gather*", "we obtain", "server logs", "log files", "logs", "we log",
            "purposes of processing",
            "purposes for which"),
        "fr": (
            "nous collectons", "collect*", "recueill*", "traitement*", "traiter", "traitons",
            "traitées", "nous utilisons", "utilisées", "utilisons", "servent", "finalité*",
            "fichiers journaux"),
        "de": (
            "erheb*", "erhoben", "verarbeit*", "gespeichert", "speichern", "speicherung", "erfass*",
            "nutzen wir", "verwenden wir", "zweck der verarbeitung", "zwecke der verarbeitung",
            "logfile*", "protokolldaten"),
        "es": (
            "recabamos", "recogemos", "recopil*", "tratamos", "tratamiento", "tratados",
            "utilizamos sus datos", "utilizamos", "se utiliza*", "pedimos", "solicitamos",
            "nos facilita", "guarda", "almacenamos", "almacenados", "almacenamiento",
            "recogida de datos", "finalidad*"),
        "it": (
            "raccogli*", "raccolt*", "trattamento", "trattiamo", "trattati", "trattate",
            "acquisisc*", "utilizziamo", "utilizzati", "forniti", "finalità"),
        "pt": (
            "coletamos", "coleta*", "coletad*", "recolh*", "tratamento", "tratamos", "tratados",
            "utilizamos", "usamos", "utilizados", "fornece", "guardamos", "armazenamos",
            "armazenados", "armazenamento", "finalidade*"),
        "nl": (
            "verzamel*", "verwerk*", "opslaan", "opgeslagen", "gebruiken wij", "vragen wij",
            "doeleinden", "vastleggen", "vastgelegd", "leggen wij"),
        "pl": (
            "przetwarza*", "zbiera*", "gromadz*", "wykorzystywan*", "wykorzystuj*", "podani*",
            "cel* przetwarzania"),
        "sv": (
            "behandl*", "samlar in", "insaml*", "lagra*", "använder vi", "vi använder", "används",
            "sparar vi", "vi sparar", "ändamål*"),
        "da": ("behandl*", "indsaml*", "registrer*", "gemmer", "bruger vi", "anvender", "formål*"),
        "ja": (
            "取得", "収集", "利用目的", "取扱い", "取り扱い", "取扱", "お預かり", "利用いた",
            "利用しま"),
        "zh": ("收集", "处理", "获取", "使用您的"),
        "nb": ("behandling*", "innsamling*"),
        "fi": ("kerä*", "käsittel*"),
        "cs": ("zpracování", "zpracováv*", "shromažď*"),
        "ru": ("сбор*", "обработк*"),  # noqa: RUF001 (Russian words, not look-alikes of Latin ones)
        "tr": ("işlen*", "topla*"),
        "ko": ("수집*", "처리*"),
        "el": ("επεξεργασ*", "συλλ*"),
        "hu": ("adatkezel*", "gyűjt*"),
        "ro": ("prelucr*", "colect*"),
        "sk": ("spracúva*", "spracovan*", "zhromažď*"),
        "hr": ("obrad*", "prikuplja*"),
        "uk": ("обробк*", "збира*"),
        "bg": ("обработ*", "събира*"),
        "id": ("mengumpulkan", "pengumpulan", "memproses", "pemrosesan"),
        "vi": ("thu thập", "xử lý"),
        "ar": ("جمع", "معالجة"),
        "he": ("איסוף", "עיבוד"),
    },
    Topic.SHARING: {
        "en": (
            "third part*", "we share", "share your", "share personal", "do not share",
            "never share", "sharing", "disclos*", "do not sell", "never sell", "sell your",
            "sell personal", "sale of personal", "sell or rent", "never sold", "never give",
            "never given", "pass on", "passed on", "service providers",
            "sub processor*", "subprocessor*", "advertising partners", "affiliates",
            "law enforcement", "international transfer*", "transferred", "recipients"),
        "fr": (
            "tiers", "destinataires", "communiquées", "cédées", "cession", "ne vendons",
            "transmises", "transfert*", "sous traitant*", "prestataires"),
        "de": (
            "dritte*", "weitergabe", "weitergegeben", "weitergeben", "übermitt*", "empfänger",
            "auftragsverarbeit*", "unterauftragsverarbeit*", "drittland*", "drittländer*"),
        "es": (
            "terceros", "cedemos", "cesión", "ceder", "comunicamos", "destinatarios",
            "encargado* del tratamiento", "transferencias", "transferimos"),
        "it": (
            "terzi", "comunicati", "diffusi", "destinatari", "responsabil* del trattamento",
            "trasferi*"),
        "pt": (
            "terceiros", "compartilh*", "partilh*", "cedidos", "destinatários", "transferência*",
            "operadores"),
        "nl": ("derden", "delen", "gedeeld", "verstrek*", "doorgeven", "verwerker*"),
        "pl": ("odbiorc*", "przekazuj*", "udostępnia*", "trzecim", "trzecich"),
        "sv": (
            "tredje part*", "lämnar ut", "lämnar aldrig ut", "överför*", "personuppgiftsbiträde*",
            "mottagare"),
        "da": (
            "tredjepart*", "tredje part*", "videre til", "videregiv*", "videregivelse",
            "databehandler*", "modtagere"),
        "ja": ("第三者", "委託", "預託", "共同利用"),
        "zh": ("第三方", "共享", "委托", "转让", "公开披露"),
        "nb": ("tredjepart*", "utlever*"),
        "fi": ("kolmansille", "luovut*"),
        "cs": ("třetím stranám", "třetí* stran*", "předáv*"),
        "ru": ("третьим лицам", "третьих лиц", "передач*"),
        "tr": ("üçüncü kişi*", "aktari*"),
        "ko": ("제3자*", "위탁*"),
        "el": ("τρίτους", "τρίτα μέρη"),
        "hu": ("harmadik fél*", "harmadik személy*", "továbbít*"),
        "ro": ("terț*", "terte părți", "dezvălui*"),
        "sk": ("tretím stranám", "tretie strany", "poskytuj*"),
        "hr": ("trećim stranama", "treće strane"),
        "uk": ("третім особам", "третіх осіб"),  # noqa: RUF001 (Ukrainian, not look-alikes)
        "bg": ("трети лица",),
        "id": ("pihak ketiga",),
        "vi": ("bên thứ ba",),
        "ar": ("أطراف ثالثة", "طرف ثالث", "الغير"),
        "he": ("צדדים שלישיים", "צד שלישי"),
    },
    Topic.RIGHTS: {
        "en": (
            "your rights", "privacy rights", "right to access", "right to request", "right to know",
            "right to delete", "right to object", "right to be forgotten", "request access",
            "rectif*", "erasure", "delete your", "deletion", "opt out", "opt in", "unsubscribe*",
            "withdraw* your consent", "withdraw consent", "consent", "object to", "portability",
            "restrict* processing", "your choices", "privacy choices", "lodge a complaint",
            "review and change", "correct or delete", "access, correct", "be removed",
            "see or delete", "ask us to ~ delete", "ask us to ~ correct", "ask us to ~ see",
            "ask for a copy", "a copy of the information", "a copy of your", "access to your",
            "request a copy", "request deletion", "have it deleted", "remove your"),
        "fr": (
            "vos droits", "droit d'accès", "droit de rectification", "rectification", "effacement",
            "suppression", "opposition", "droit d'opposition", "portabilité", "consentement",
            "désinscri*", "réclamation", "limitation du traitement", "supprimer vos",
            "supprimer votre", "accéder à vos", "une copie de vos"),
        "de": (
            "ihre rechte", "auskunft*", "berichtigung", "löschung", "sperrung",
            "einschränkung der verarbeitung", "datenübertragbarkeit", "widerspruch*",
            "einwilligung*", "beschwerde*", "abmeldung", "eine kopie",
            # Not "widerruf*": the Widerrufsrecht of shop terms is the buyer's right to cancel.
            "widerrufen", "widerruflich", "widerruf ihrer einwilligung",
            "widerruf der einwilligung"),
        "es": (
            "sus derechos", "derechos de acceso", "rectificación", "supresión", "cancelación",
            "oposición", "portabilidad", "limitación del tratamiento", "consentimiento",
            "reclamación", "darse de baja", "derechos arco"),
        "it": (
            "diritti dell'interessato", "diritto di accesso", "rettifica", "cancellazione",
            "opporsi", "opposizione", "portabilità", "limitazione del trattamento", "consenso",
            "reclamo", "revoca*"),
        "pt": (
            "seus direitos", "os seus direitos", "direito de acesso", "retificação", "eliminação",
            "apagamento", "oposição", "portabilidade", "consentimento", "revogação", "reclamação"),
        "nl": (
            "uw rechten", "inzien", "inzage", "corrigeren", "rectificatie", "verwijderen",
            "verwijdering", "verwijderd", "bezwaar", "gegevensoverdraagbaarheid", "toestemming",
            "intrekken", "klacht", "correctie", "een kopie", "laten verwijderen",
            "laten corrigeren"),
        "pl": (
            "prawo dostępu", "sprostowani*", "usunięci*", "ograniczenia przetwarzania",
            "przenoszenia danych", "sprzeciw*", "zgoda", "zgodą", "zgody", "zgodę", "skarg*"),
        "sv": (
            "dina rättigheter", "rätt att", "rättelse", "radering", "begränsning", "invända",
            "dataportabilitet", "samtycke", "klagomål"),
        "da": (
            "dine rettigheder", "ret til", "indsigt", "berigtigelse", "sletning", "begrænsning",
            "indsigelse", "dataportabilitet", "samtykke", "klage"),
        "ja": ("開示", "訂正", "削除", "利用停止", "同意", "本人確認"),
        "zh": ("查阅", "更正", "删除", "撤回同意", "注销", "同意", "您的权利"),
        "nb": ("rett til", "samtykke", "innsyn"),
        "fi": ("oikeus", "suostumu*"),
        "cs": ("právo na", "souhlas*"),
        "ru": ("право на", "согласи*"),
        "tr": ("haklariniz", "riza*"),
        "ko": ("동의*", "열람*", "정정*"),
        "el": ("δικαιώματα", "συγκατάθεση*"),
        "hu": ("hozzájárul*", "törlés*", "helyesbítés*"),
        "ro": ("consimțământ*", "ștergere*", "rectificare*", "dreptul de"),
        "sk": ("súhlas*", "výmaz*", "právo na"),
        "hr": ("privol*", "brisanj*", "pravo na"),
        "uk": ("згод*", "право на"),
        "bg": ("съгласие*", "право на"),
        "id": ("persetujuan", "menghapus", "hak anda"),
        "vi": ("sự đồng ý", "quyền của bạn", "xóa"),
        "ar": ("موافقتك", "حذف", "حقوقك"),
        "he": ("הסכמה", "מחיקה", "זכויותיך"),
    },
    Topic.RETENTION: {
        "en": (
            "retain*", "retention", "we keep", "kept for", "stored for", "how long", "deleted",
            "for as long as",
            "security", "secure server", "encrypt*", "ssl", "safeguards", "breach"),
        "fr": (
            "conserv*", "durée de conservation", "sécurité", "sécuris*", "chiffr*", "crypt*",
            "combien de temps", "supprimées", "effacées"),
        "de": (
            "speicherdauer", "aufbewahr*", "gelöscht", "löschfrist*", "datensicherheit",
            "verschlüssel*", "ssl", "wie lange"),
        "es": ("conserv*", "plazos", "seguridad", "cifrad*", "cuánto tiempo", "suprimidos"),
        "it": ("conserv*", "sicurezza", "cifrat*", "cancellati", "per quanto tempo"),
        "pt": ("conserv*", "guardamos", "segurança", "criptograf*", "por quanto tempo"),
        "nl": (
            "bewaartermijn", "bewaren", "bewaard", "bewaart", "beveilig*", "versleutel*",
            "hoe lang"),
        "pl": ("przechowywa*", "bezpieczeństw*"),
        "sv": ("sparar", "sparas", "lagras", "säkerhet"),
        "da": ("opbevar*", "sikkerhed", "slette*", "krypter*"),
        "ja": ("安全管理", "保存", "漏えい", "保管"),
        "zh": ("保存期限", "存储", "加密", "安全措施", "保存"),
        "nb": ("lagring*", "oppbevar*"),
        "fi": ("säilyt*",),
        "cs": ("uchov*",),
        "ru": ("хранени*",),
        "tr": ("saklama*", "saklan*"),
        "ko": ("보유기간", "보유*", "파기*"),
        "el": ("διατηρ*", "αποθηκ*"),
        "hu": ("megőr*", "tárol*"),
        "ro": ("păstr*", "stoc*"),
        "sk": ("uchováva*",),
        "hr": ("čuva*", "pohran*"),
        "uk": ("зберіга*",),
        "bg": ("съхраня*",),
        "id": ("menyimpan", "penyimpanan", "keamanan"),
        "vi": ("lưu trữ", "bảo mật"),
        "ar": ("الاحتفاظ", "تخزين", "أمن"),
        "he": ("שמירה", "אבטחה"),
    },
    Topic.LAW: {
        "en": (
            "gdpr", "ccpa", "cpra", "coppa", "hipaa", "ferpa", "data protection", "dpo",
            "data controller*", "data processor*", "joint controller*", "controller of",
            "is the controller", "as a processor", "supervisory authority", "privacy shield",
            "safe harbor", "standard contractual clauses", "legitimate interest*", "legal basis",
            "lawful basis", "legal bases", "information commissioner", "consumer privacy act",
            "data privacy framework", "truste", "do not track", "data protection act",
            "privacy act", "children's online privacy protection act", "pipeda", "popia",
            "appi", "glba", "gramm leach bliley", "dpdp", "vcdpa", "cdpa"),
        "fr": (
            "rgpd", "cnil", "informatique et libertés", "responsable du traitement",
            "délégué à la protection des données", "base légale", "intérêt légitime",
            "protection des données"),
        "de": (
            "dsgvo", "ds gvo", "datenschutz grundverordnung", "bdsg", "ttdsg", "verantwortliche*",
            "datenschutzbeauftragte*", "aufsichtsbehörde*", "berechtigt* interesse*",
            "rechtsgrundlage", "datenschutz"),
        "es": (
            "rgpd", "lopd", "lopdgdd", "aepd", "responsable del tratamiento",
            "delegado de protección de datos", "base jurídica", "legitimación", "interés legítimo",
            "protección de datos"),
        "it": (
            "gdpr", "garante", "titolare del trattamento", "responsabile della protezione dei dati",
            "base giuridica", "legittimo interesse", "d lgs 196", "codice privacy",
            "protezione dei dati"),
        "pt": (
            "lgpd", "rgpd", "anpd", "cnpd", "controlador*", "encarregado", "bases legais",
            "legítimo interesse", "proteção de dados"),
        "nl": (
            "avg", "autoriteit persoonsgegevens", "verwerkingsverantwoordelijke",
            "functionaris voor de gegevensbescherming", "grondslag", "gerechtvaardigd belang",
            "gegevensbescherming", "wgbo", "wbp", "wet bescherming persoonsgegevens",
            "beroepsgeheim"),
        "pl": (
            "rodo", "administrator* danych", "inspektor ochrony danych", "uodo", "ochron* danych"),
        "sv": (
            "dataskyddsförordningen", "personuppgiftsansvarig", "integritetsskyddsmyndigheten",
            "dataskyddsombud", "rättslig grund", "berättigat intresse", "personuppgiftslagen"),
        "da": (
            "databeskyttelsesforordningen", "databeskyttelsesloven", "dataansvarlig",
            "datatilsynet", "retsgrundlag", "persondataloven"),
        "ja": ("個人情報保護法", "個人情報の保護に関する法律", "個人情報取扱事業者"),
        "zh": ("个人信息保护法", "网络安全法", "个人信息保护负责人", "个人信息处理者"),
        "nb": ("personvernforordningen", "datatilsynet", "behandlingsansvarlig"),
        "fi": ("tietosuoja*", "rekisterinpitäjä*"),
        "cs": ("gdpr", "správce"),
        "ru": ("152 фз", "федеральн* закон*"),
        "tr": ("kvkk", "6698"),
        "ko": ("개인정보 보호법", "개인정보보호법"),
    },
    Topic.TRACKING: {
        "en": (
            "cookie*", "web beacon*", "pixel tag*", "tracking technolog*", "tracker*", "analytics",
            "local storage", "advertising identifier*", "interest based advertising",
            "tracking", "track you", "tracks you", "targeted advertising", "personalised ads",
            "personalized ads"),
        "fr": (
            "traceur*", "mesure d'audience", "témoins de connexion", "suivi publicitaire",
            "publicité personnalisée", "publicité ciblée"),
        "de": ("webanalyse", "zählpixel", "analyse tool*"),
        "es": ("balizas web", "píxeles"),
        "pl": ("ciasteczk*",),
        "sv": ("kakor",),
        "ja": ("クッキー", "アクセス解析"),
        "zh": ("浏览记录",),
        "nb": ("informasjonskapsler",),
        "fi": ("evästee*", "evästeitä"),
        "tr": ("çerez*",),
        "ko": ("쿠키",),
    },
    Topic.DOCUMENT: {
        "en": (
            "privacy policy", "privacy statement", "privacy notice", "privacy pledge",
            "privacy practices", "privacy promise", "cookie policy", "cookie notice",
            "cookie statement", "data protection policy", "data policy", "this policy",
            "this notice", "this statement", "privacy"),
        "fr": (
            "politique de confidentialité", "charte de confidentialité",
            "politique de protection des données", "protection de la vie privée", "vie privée",
            "confidentialité", "politique relative aux cookies", "politique cookies",
            "avis de confidentialité", "la présente politique"),
        "de": (
            "datenschutzerklärung", "datenschutzhinweise", "datenschutzrichtlinie*",
            "datenschutzinformation*", "cookie richtlinie", "cookie hinweis*", "privatsphäre"),
        "es": (
            "política de privacidad", "aviso de privacidad", "política de protección de datos",
            "política de cookies", "privacidad", "esta política"),
        "it": ("informativa privacy", "informativa sulla privacy", "informativa", "riservatezza"),
        "pt": (
            "política de privacidade", "aviso de privacidade", "política de cookies", "privacidade",
            "esta política"),
        "nl": (
            "privacyverklaring", "privacybeleid", "privacyreglement", "cookieverklaring",
            "cookiebeleid"),
        "pl": ("polityka prywatności", "polityka cookies", "prywatnoś*"),
        "sv": (
            "integritetspolicy", "personuppgiftspolicy", "dataskyddspolicy", "cookiepolicy",
            "integritet"),
        "da": ("privatlivspolitik", "persondatapolitik", "cookiepolitik", "privatliv"),
        "ja": ("プライバシーポリシー", "個人情報保護方針", "個人情報の取扱い", "プライバシー"),
        "zh": ("隐私政策", "隐私权政策", "个人信息保护政策", "隐私声明", "隐私"),
        "nb": ("personvernerklæring*",),
        "fi": ("tietosuojaseloste*", "tietosuojakäytäntö"),
        "cs": ("zásady ochrany osobních údajů", "ochrana osobních údajů"),
        "ru": ("политика конфиденциальности", "политики конфиденциальности"),
        "tr": ("gizlilik politikasi", "aydinlatma metni"),
        "ko": ("개인정보처리방침", "개인정보 처리방침"),
        "el": ("πολιτική απορρήτου",),
        "hu": ("adatvédelmi tájékoztató", "adatkezelési tájékoztató"),
        "ro": ("politica de confidențialitate",),
        "ca": ("política de privacitat",),
        "sk": ("ochrana osobných údajov", "zásady ochrany súkromia"),
        "hr": ("politika privatnosti", "zaštita osobnih podataka"),
        "uk": ("політика конфіденційності",),
        "bg": ("политика за поверителност", "защита на личните данни"),
        "id": ("kebijakan privasi",),
        "vi": ("chính sách bảo mật", "chính sách quyền riêng tư"),
        "ar": ("سياسة الخصوصية",),
        "he": ("מדיניות פרטיות", "מדיניות הפרטיות"),
    },
}

# Names a page gives itself when it is a privacy policy; looked for in the title and headings only.
POLICY_NAMES: Phrases = {
    "en": (
        "cookie*", "kakor", "evästeet", "your data", "your information",
        "your personal information", "personal information", "personal data",
        "how we use your information",
        "privacy", "privacy policy", "privacy statement", "privacy notice", "cookie policy",
        "cookie notice", "cookie statement", "data protection", "data policy",
        "notice at collection"),
    "fr": ("vos données", "informations personnelles",
        "confidentialité", "vie privée", "données personnelles", "politique cookies",
        "politique relative aux cookies", "protection des données"),
    "de": (
        "ihre daten", "personenbezogene daten", "datenschutz*", "cookie richtlinie",
        "cookie hinweis*", "privatsphäre"),
    "es": (
        "datos personales", "tus datos", "sus datos", "privacidad", "política de cookies",
        "protección de datos", "aviso de privacidad"),
    "it": (
        "dati personali", "trattamento dei dati", "privacy", "informativa", "cookie policy",
        "protezione dei dati"),
    "pt": (
        "dados pessoais", "seus dados", "privacidade", "política de cookies", "proteção de dados"),
    "nl": ("persoonsgegevens", "privacy*", "cookieverklaring", "cookiebeleid"),
    "pl": (
        "dan* osobow*", "rodo", "prywatnoś*", "polityka cookies", "ochrona danych",
        "klauzula informacyjna"),
    "sv": ("dataskydd", "integritet*", "personuppgift*", "cookiepolicy"),
    "da": ("persondata", "databeskyttelse", "privatliv*", "persondatapolitik", "cookiepolitik"),
    "ja": ("プライバシー", "個人情報"),
    "zh": ("隐私", "个人信息保护"),
    "nb": ("personvern*",),
    "fi": ("tietosuoja*",),
    "cs": ("ochrana osobních údajů", "zásady ochrany", "soukromí", "osobní údaje"),
    "ru": ("конфиденциальн*", "персональн* данн*"),
    "tr": ("gizlilik*", "kvkk", "kişisel veri*", "aydinlatma metni"),
    "ko": ("개인정보*",),
    "el": ("απόρρητο*", "προσωπικ* δεδομεν*"),
    "hu": ("adatvédelm*", "adatkezel*"),
    "ro": ("confidențialitate", "protecția datelor", "date personale"),
    "ca": ("privacitat", "protecció de dades"),
    "sk": ("ochrana osobných údajov", "súkromie", "osobné údaje"),
    "hr": ("privatnost", "osobni podaci", "zaštita podataka"),
    "uk": ("конфіденційн*", "персональн* дан*"),
    "bg": ("поверителност", "лични данни"),
    "id": ("privasi", "kebijakan privasi", "data pribadi"),
    "vi": ("bảo mật", "quyền riêng tư", "dữ liệu cá nhân"),
    "ar": ("الخصوصية", "البيانات الشخصية"),
    "he": ("פרטיות", "מידע אישי"),
}

# Error pages served with status 200, parked domains and the archive's own "not archived" pages.
# Looked for in the title, the headings, and the opening of short texts: policies explain 404s too.
SOFT_404: Phrases = {
    "en": (
        "page is gone", "moved or deleted", "may have been moved", "has been removed",
        "been deleted", "no longer available", "doesn't exist", "does not exist", "never existed",
        "isn't available", "is not available", "can't be found", "cannot be found",
        "could not be found", "couldn't be found", "nothing here", "broken link", "dead link",
        "link you followed", "oops", "whoops", "uh oh", "error 404", "page unavailable",
        "no longer work",
        "page not found", "not found", "404", "file not found", "page cannot be found",
        "page could not be found", "page can't be found", "page can not be found",
        "page you requested", "page you are looking for", "page you were looking for",
        "page you're looking for", "page does not exist", "page doesn't exist",
        "page no longer exists", "this page isn't available",
        # Not "we couldn't find" alone: "... because we couldn't find a boat light enough".
        "we can't find that", "we can't find the page", "we can't find what",
        "we couldn't find that", "we couldn't find the page", "we couldn't find what",
        "we can't seem to find", "we couldn't seem to find",
        "can't find that page", "has been permanently removed", "410 gone", "page is missing",
        "page has moved", "has moved", "have moved", "we've moved", "is now located at",
        "update your bookmarks", "not redirected",
        "wayback machine has not archived", "not available on the web", "url has been excluded",
        "internal server error", "service unavailable", "403 forbidden", "bad gateway",
        "requested url was not found"),
    "fr": (
        "oups", "n'est plus disponible", "a été supprimée", "a été déplacée", "introuvable",
        "lien mort",
        "page introuvable", "page non trouvée", "n'existe pas", "n'existe plus",
        "la page que vous recherchez", "la page demandée", "la page que vous cherchez",
        "erreur 404", "page inexistante", "document introuvable", "a déménagé",
        "avons déménagé", "nouvelle adresse", "mettre à jour vos favoris", "pas redirigé"),
    "de": (
        "hoppla", "gibt es nicht", "gibt es leider nicht", "nicht mehr verfügbar",
        "wurde entfernt", "wurde verschoben", "gibt es nicht mehr",
        "seite nicht gefunden", "nicht gefunden", "konnte nicht gefunden werden",
        "seite existiert nicht", "existiert leider nicht", "existiert nicht mehr", "fehler 404",
        "die angeforderte seite", "die aufgerufene seite", "seite nicht verfügbar", "umgezogen",
        "neue adresse", "ihre lesezeichen", "nicht automatisch weitergeleitet"),
    "es": ("ya no existe", "no existe", "no está disponible", "ha sido eliminada", "algo salió mal",
        "página no encontrada", "no se ha encontrado", "no se encontró", "no encontrada",
        "la página que buscas", "la página que busca", "la página solicitada",
        "la página no existe", "error 404", "nos hemos mudado", "nueva dirección",
        "no es redirigido"),
    "it": ("non esiste", "non è più disponibile", "è stata rimossa", "non è stata trovata",
        "pagina non trovata", "non trovata", "la pagina che stai cercando", "la pagina richiesta",
        "pagina inesistente", "errore 404", "ci siamo trasferiti", "nuovo indirizzo",
        "è stata spostata"),
    "pt": ("não existe", "não está disponível", "foi removida", "não foi encontrada",
        "página não encontrada", "não encontrada", "a página que você procura",
        "a página que procura", "página não existe", "página inexistente", "erro 404",
        "mudamos de endereço", "novo endereço", "foi movida"),
    "nl": (
        "oeps", "bestaat niet meer", "niet meer beschikbaar", "is verwijderd",
        "kon niet worden gevonden",
        "pagina niet gevonden", "niet gevonden", "de pagina die u zoekt", "de pagina die je zoekt",
        "bestaat niet", "zijn verhuisd", "nieuw adres", "is verplaatst"),
    "pl": (
        "nie została znaleziona", "nie istnieje", "nie znaleziono", "strona nie istnieje",
        "strona, której szukasz", "błąd 404"),
    "sv": ("hoppsan", "finns inte längre", "kunde inte hittas",
        "sidan hittades inte", "sidan kunde inte hittas", "hittades inte", "sidan finns inte",
        "fel 404"),
    "da": (
        "findes ikke længere", "kunne ikke findes", "siden blev ikke fundet", "siden findes ikke",
        "siden kunne ikke findes", "fejl 404"),
    "ja": (
        "ページが存在しません", "削除された可能性", "移動した可能性", "ページが見つかりません",
        "見つかりません", "お探しのページ", "ページは存在しません",
    ),
    "zh": (
        "页面已删除", "无法找到", "页面不存在", "找不到页面", "页面未找到", "您访问的页面不存在",
        "页面找不到",
    ),
    "nb": ("siden finnes ikke", "fant ikke siden", "finnes ikke lenger"),
    "fi": ("sivua ei löytynyt", "ei löytynyt"),
    "cs": ("stránka nenalezena", "stránka nebyla nalezena", "nebyla nalezena"),
    "ru": ("страница не найдена", "не найдена", "ошибка 404"),
    "tr": ("sayfa bulunamadi", "bulunamadi"),
    "ko": ("페이지를 찾을 수 없습니다", "찾을 수 없습니다"),
    "el": ("η σελίδα δεν βρέθηκε", "δεν βρέθηκε"),
}

# Words that name a policy in a URL's path, in any language, as sites spell them in ASCII:
# "/datenschutz", "/politika-konfidencialnosti", "/gizlilik-politikasi".
URL_POLICY_WORDS: Phrases = {
    "": (
        "privacy*", "privacidad*", "privacidade*", "privacitat", "privadesa", "privacite",
        "privatsphare", "confidentialite", "confidencialidad", "riservatezza", "datenschutz*",
        "dataprivacy", "dataprotection", "data protection", "personal data", "persoonsgegevens",
        "prywatnosc*", "prywatnosci", "ochrona danych", "rodo", "gizlilik*", "kvkk",
        "konfidencialnost*", "konfidentsialnost*", "konfidentsiinist*", "privatnost*",
        "zasebnost*", "adatvedelem", "adatvedelmi", "adatkezeles*", "aporrito", "privatum*",
        "privatuma", "privaatsus*", "tietosuoja*", "personvern*", "integritet*", "privatliv*",
        "persondata*", "osobnich udaju", "osobnych udajov", "soukromi", "sukromie",
        "poveritelnost", "confidentialitate", "kebijakan privasi", "privasi", "dasar privasi",
        "bao mat", "quyen rieng tu", "chinh sach bao mat", "kojin joho", "kojinjoho", "yinsi",
        "gaein*", "pribatutasun*", "cookie*", "cookies policy", "gdpr notice"),
}

# Parked, expired and for-sale domains: the site is gone and a registrar's page stands in for it.
# Looked for where soft 404s are; such a page is no error, only not about anything of the site's.
PARKED_DOMAIN: Phrases = {
    "en": (
        "domain may be for sale", "domain is for sale", "buy this domain", "domain for sale",
        "this domain has expired", "domain has expired", "registration has expired",
        "domain name has expired", "make an offer on this domain", "parked free",
        "domain parking", "has expired and is pending renewal"),
    "fr": ("ce domaine est à vendre", "nom de domaine à vendre", "domaine a expiré",
        "acheter ce domaine"),
    "de": (
        "domain steht zum verkauf", "domain ist abgelaufen", "domain kaufen",
        "diese domain kaufen", "domain ist geparkt", "an dieser domain interessiert"),
    "es": ("dominio está a la venta", "dominio está en venta", "comprar este dominio",
        "dominio ha caducado", "dominio ha expirado"),
    "it": ("dominio è in vendita", "acquista questo dominio", "dominio è scaduto"),
    "pt": ("domínio está à venda", "compre este domínio", "domínio expirou"),
    "nl": ("domein is te koop", "domeinnaam is te koop", "domeinnaam is verlopen",
        "koop dit domein"),
}

# Words that say the reader must log in before seeing anything.
LOGIN_DEMANDS: Phrases = {
    "en": (
        "sign in to continue", "log in to continue", "login to continue", "please sign in",
        "please log in", "please login", "you must be logged in", "you must log in",
        "you must sign in", "you need to sign in", "you need to log in", "you need to be logged in",
        "sign in to view", "log in to view", "login required", "members only",
        "authorized users only", "for members only", "subscribe to keep reading",
        "subscribe to continue reading", "subscribe to read", "to continue reading",
        "already a subscriber", "free articles", "subscribers only", "for subscribers",
        "premium members", "available to premium", "upgrade to premium", "unlock the full"),
    "fr": (
        "connectez vous", "veuillez vous connecter", "vous devez être connecté", "identifiez vous",
        "connexion requise", "accès réservé", "réservé aux abonnés", "déjà abonné",
        "pour lire la suite"),
    "de": (
        "bitte melden sie sich an", "bitte anmelden", "melden sie sich an",
        "anmeldung erforderlich", "sie müssen angemeldet sein", "bitte einloggen",
        "geschützter bereich", "nur für mitglieder", "nur für abonnenten", "bereits abonnent",
        "jetzt abonnieren und weiterlesen"),
    "es": (
        "inicia sesión para continuar", "debes iniciar sesión", "debe iniciar sesión",
        "inicie sesión", "acceso restringido", "exclusivo para suscriptores",
        "ya eres suscriptor", "suscríbete para seguir leyendo"),
    "it": ("effettua l'accesso", "effettuare l'accesso", "accedi per continuare", "area riservata",
        "riservato agli abbonati", "sei già abbonato", "abbonati per continuare"),
    "pt": (
        "faça login", "faça o login", "inicie sessão", "você precisa entrar", "área restrita",
        "acesso restrito", "exclusivo para assinantes", "já é assinante",
        "assine para continuar"),
    "nl": (
        "log in om verder te gaan", "log in om door te gaan", "moet ingelogd zijn",
        "inloggen vereist", "alleen voor abonnees", "al abonnee"),
    "pl": ("zaloguj się", "musisz być zalogowany"),
    "sv": ("logga in för att fortsätta", "du måste logga in"),
    "da": ("log ind for at fortsætte", "du skal logge ind"),
    "ja": ("ログインしてください", "ログインが必要です"),
    "zh": ("请登录", "请先登录", "需要登录"),
    "nb": ("logg inn for å fortsette", "du må logge inn"),
    "fi": ("kirjaudu sisään jatkaaksesi",),
    "cs": ("přihlaste se",),
    "ru": ("войдите", "необходимо войти"),
    "tr": ("giriş yapmaniz gerekiyor", "lütfen giriş yapin"),
    "ko": ("로그인이 필요합니다", "로그인해 주세요"),
}

# The fields and links of a login form.
LOGIN_FORM: Phrases = {
    "en": (
        "sign in", "log in", "login", "log on", "password", "username", "user name", "remember me",
        "forgot your password", "forgot password", "lost your password", "create an account",
        "don't have an account", "keep me signed in", "single sign on", "sign in with"),
    "fr": (
        "mot de passe", "se connecter", "connexion", "identifiant", "créer un compte",
        "se souvenir de moi"),
    "de": (
        "passwort", "kennwort", "anmelden", "einloggen", "benutzername", "angemeldet bleiben",
        "registrieren"),
    "es": ("contraseña", "iniciar sesión", "nombre de usuario", "regístrate", "recordarme"),
    "it": ("password dimenticata", "nome utente", "accedi", "registrati", "ricordami"),
    "pt": (
        "senha", "esqueceu sua senha", "esqueceu a senha", "entrar", "cadastre se",
        "nome de usuário"),
    "nl": ("wachtwoord", "inloggen", "gebruikersnaam", "onthoud mij", "registreren"),
    "pl": ("hasło", "nie pamiętasz hasła", "zaloguj"),
    "sv": ("lösenord", "logga in", "användarnamn"),
    "da": ("adgangskode", "log ind", "brugernavn"),
    "ja": ("ログイン", "パスワード", "ユーザー名", "新規登録"),
    "zh": ("登录", "密码", "用户名", "注册"),
    "nb": ("passord", "logg inn", "brukernavn"),
    "fi": ("salasana", "kirjaudu", "käyttäjätunnus"),
    "cs": ("heslo", "přihlásit", "uživatelské jméno"),
    "ru": ("пароль", "войти", "логин"),
    "tr": ("şifre", "giriş yap", "kullanici adi"),
    "ko": ("비밀번호", "로그인", "아이디"),
}

# Sentences only consent banners and preference centres say.
BANNER_SENTENCES: Phrases = {
    "en": (
        "we and our partners", "by clicking", "storing of cookies", "enhance site navigation",
        "with your permission", "click to consent", "cookie consent", "your consent choices",
        "we use cookies and similar",
        "we use cookies", "this website uses cookies", "this site uses cookies", "uses cookies to",
        "by clicking accept", 'by clicking "accept', "by continuing to browse",
        "by using this site you agree", "consent to our use of cookies", "we value your privacy",
        "store and or access information on a device", "precise geolocation data",
        "precise geolocation", "device scanning", "personalised ads", "personalized ads",
        "ad profiles", "select basic ads", "selecting basic ads", "measure ad performance",
        "use limited data to select", "legitimate interest object",
        "personalised advertising and content", "personalized advertising and content",
        "privacy preference center", "manage consent preferences", "cookie settings",
        "cookie preferences", "manage preferences", "manage your preferences",
        "change your preferences", "choose not to allow some types of cookies",
        "cannot be switched off", "always active", "this website stores cookies",
        "stores cookies on your computer", "if you decline your information",
        "remember your preference not to be tracked", "toggle off", "toggle on"),
    "fr": (
        "nous et nos partenaires", "avec votre accord", "en cliquant sur",
        "continuer sans accepter",
        "nous utilisons des cookies", "ce site utilise des cookies",
        "en poursuivant votre navigation", "vos choix concernant les cookies",
        "vous pouvez accepter ou refuser", "modifier vos préférences", "gérer les cookies",
        "paramétrer les cookies"),
    "de": (
        "mit klick auf", "willigen sie ein", "wir und unsere partner",
        "in den einstellungen widerrufen",
        "wir verwenden cookies", "wir nutzen cookies", "diese website verwendet cookies",
        "diese webseite verwendet cookies", "mit einem klick auf", "cookie einstellungen",
        "welche cookies sie zulassen"),
    "es": ("pulsando", "puedes aceptar", "cookies propias y de terceros", "rechazar su uso",
        "utilizamos cookies", "usamos cookies", "esta web utiliza cookies",
        "este sitio web utiliza cookies", "pulsando el botón", "si continúa navegando",
        "configuración de cookies"),
    "it": (
        "noi e terze parti selezionate", "il pulsante accetta", "chiudendo questa informativa",
        "senza accettare",
        "questo sito utilizza i cookie", "utilizziamo i cookie", "utilizziamo cookie",
        "chiudendo questo banner", "preferenze cookie", "accettare tutti i cookie"),
    "pt": ("ao clicar", "nós e os nossos parceiros", "nós e nossos parceiros",
        "este site utiliza cookies", "este site usa cookies", "utilizamos cookies",
        "usamos cookies", "ao clicar em", "ao continuar a navegar", "definições de cookies",
        "configurações de cookies"),
    "nl": (
        "om alle cookies toe te staan", "pas je voorkeuren aan", "wij gebruiken cookies om",
        "deze website gebruikt cookies", "wij gebruiken cookies", "we gebruiken cookies"),
    "pl": (
        "ta strona korzysta z plików cookies", "ta strona używa plików cookies",
        "używamy plików cookies"),
    "sv": (
        "du väljer själv vilka", "vilka kakor du godkänner", "vi använder kakor",
        "vi använder cookies", "webbplatsen använder kakor"),
    "da": (
        "denne hjemmeside bruger cookies", "denne side bruger cookies", "vi bruger cookies til",
        "vi bruger cookies", "hjemmesiden bruger cookies"),
    "ja": ("cookieを使用しています", "クッキーを使用しています"),
    "zh": ("我们使用cookie", "本网站使用cookie"),
    "nb": ("vi bruker informasjonskapsler", "vi bruker cookies"),
    "fi": ("käytämme evästeitä",),
    "ru": ("мы используем файлы cookie", "используем cookie"),
    "tr": ("çerezler kullaniyoruz", "çerez kullaniyoruz"),
}

# Button labels of consent banners; they count only in short lines of their own.
BANNER_BUTTONS: Phrases = {
    "en": (
        "i accept", "i do not accept", "i decline", "accept close", "accept and close",
        "allow selection", "allow necessary", "only necessary", "necessary only", "essential only",
        "only essential", "use necessary cookies only", "reject non essential", "manage cookies",
        "manage settings", "save and close", "save my choices", "confirm choices", "i understand",
        "understood", "close", "dismiss", "no thanks", "continue", "allow", "deny all",
        "decline all", "accept selected", "allow all cookies", "accept all cookies",
        "reject all cookies", "yes i agree", "ok got it", "manage consent", "show purposes",
        "more info",
        "accept", "accept all", "accept cookies", "allow all", "allow cookies", "reject",
        "reject all", "decline", "deny", "refuse", "got it", "i agree", "agree", "ok",
        "more options", "customize", "customise", "save settings", "save preferences",
        "confirm my choices", "settings", "preferences", "cookie settings", "always active",
        "save choices", "save and exit", "save my preferences",
        "apply cancel", "manage options", "disagree", "i disagree", "disagree and close",
        "agree and close", "agree and proceed", "accept and continue", "reject and close",
        # A preference centre's way back to its first layer.
        "back"),
    "fr": (
        "accepter fermer", "accepter et fermer", "continuer sans accepter", "refuser tout",
        "paramètres", "gérer mes choix", "j'ai compris", "ok pour moi", "enregistrer", "valider",
        "gérer les cookies", "tout autoriser",
        "tout accepter", "accepter", "tout refuser", "refuser", "personnaliser", "paramétrer",
        "j'accepte"),
    "de": (
        "alle cookies akzeptieren", "nur notwendige", "nur essenzielle", "nur essenzielle cookies",
        "auswahl erlauben", "speichern", "einstellungen speichern", "verstanden", "ok",
        "alle auswählen", "individuelle einstellungen", "cookie einstellungen",
        "zustimmen und weiter",
        "alle akzeptieren", "akzeptieren", "alle ablehnen", "ablehnen", "nur notwendige cookies",
        "einstellungen", "auswahl speichern", "zustimmen", "alle zulassen", "zurück"),
    "es": (
        "aceptar todas las cookies", "aceptar y cerrar", "rechazar todo", "configuración",
        "guardar", "solo necesarias", "entendido", "de acuerdo", "configurar cookies",
        "aceptar cookies", "aceptar", "aceptar todas", "aceptar todo", "rechazar",
        "rechazar todas", "configurar"),
    "it": (
        "accetta e chiudi", "rifiuta tutto", "accetta tutto", "salva", "solo necessari",
        "impostazioni", "ho capito", "scopri di più e personalizza", "continua senza accettare",
        "accetta i cookie", "accetta", "accetta tutti", "rifiuta", "rifiuta tutti", "personalizza"),
    "pt": (
        "prosseguir", "continuar", "aceitar e fechar", "aceitar tudo", "rejeitar todos",
        "configurar", "gerir preferências",
        "gerenciar cookies", "apenas necessários", "entendi", "concordo", "aceitar cookies",
        "aceitar", "aceitar todos", "recusar", "rejeitar", "definições de cookies"),
    "nl": (
        "alleen noodzakelijk", "alleen noodzakelijke", "voorkeuren", "opslaan", "accepteer",
        "alles weigeren", "cookies accepteren", "instellingen aanpassen", "accepteer alle cookies",
        "alles accepteren", "accepteren", "weigeren", "alleen noodzakelijke cookies",
        "instellingen", "akkoord", "toestaan", "alles toestaan", "alle cookies toestaan",
        "selectie toestaan"),
    "pl": (
        "akceptuj wszystkie", "odrzuć wszystkie", "zapisz", "tylko niezbędne", "zaakceptuj",
        "akceptuję", "akceptuj", "odrzuć", "ustawienia", "zgadzam się", "przejdź do serwisu",
        "przejdź do strony", "pokaż listę", "pokaż partnerów", "ustawienia zaawansowane"),
    "sv": (
        "godkänn alla", "endast nödvändiga", "avvisa alla", "spara", "anpassa", "jag förstår",
        "godkänn alla kakor", "acceptera", "acceptera alla", "godkänn", "avvisa", "neka",
        "inställningar"),
    "da": (
        "tillad alle", "tillad valgte", "afvis alle", "kun nødvendige", "gem", "ok", "jeg forstår",
        "tillad", "accepter", "accepter alle", "afvis", "indstillinger"),
    "ja": ("同意して閉じる", "設定", "同意する", "すべて同意", "拒否"),
    "zh": ("同意", "设置", "接受", "全部接受", "拒绝"),
    "nb": ("godta alle", "avvis", "kun nødvendige", "innstillinger", "godta"),
    "fi": ("hyväksy kaikki", "hylkää", "vain välttämättömät", "asetukset", "hyväksy"),
    "ru": ("принять", "принять все", "отклонить", "настройки"),
    "tr": ("kabul et", "tümünü kabul et", "reddet", "ayarlar"),
    "ko": ("동의", "모두 동의", "거부", "설정"),
}

# Last path segments that mean "the home page"; a leading language segment ("/en/",) is ignored.
HOME_PAGE_NAMES = frozenset(
    {
        "accueil", "default", "home", "home page", "homepage", "index", "inicio", "main", "portada",
        "start", "startseite", "welcome",
    }
)

# Language codes that sites put first in their paths ("/fr/", "/en-us/"); a path made of one of
# these and nothing else is still the home page.
LANGUAGE_CODES = frozenset(
    {
        "ar", "bg", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "eu", "fa", "fi", "fr",
        "ga", "gl", "he", "hi", "hr", "hu", "id", "is", "it", "ja", "ko", "lt", "lv", "ms", "mt",
        "nb", "nl", "nn", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sr", "sv", "th", "tr", "uk",
        "vi", "zh",
    }
)

# Titles and first headings of pages that announce a change to a policy rather than state it:
# blog posts and notices that policy URLs sometimes redirect to.
POLICY_ANNOUNCEMENTS: Phrases = {
    "en": (
        "we're updating", "we are updating", "we've updated", "we have updated", "we updated",
        "we're changing", "we are changing", "we've changed", "we have changed",
        "changes to our privacy", "update to our privacy", "updates to our privacy"),
    "fr": (
        "nous mettons à jour", "nous avons mis à jour", "évolution de notre politique",
        "modification de notre politique", "mise à jour de notre politique"),
    "de": (
        "wir aktualisieren", "wir haben unsere", "änderung unserer datenschutz*",
        "aktualisierung unserer datenschutz*"),
    "es": ("actualizamos nuestra", "hemos actualizado", "cambios en nuestra política"),
    "it": ("abbiamo aggiornato", "aggiorniamo la nostra", "modifiche alla nostra"),
    "pt": ("atualizamos nossa", "atualizámos a nossa", "estamos atualizando", "alterações à nossa"),
    "nl": ("we hebben ons", "wij hebben ons", "we passen ons", "wijzigingen in ons"),
}

# Statements of the author's own handling of personal data: "we collect", "I never share", "we
# don't sell", "nous conservons", "speichern wir". A policy is made of them; an article about
# privacy, a banner or terms of service say them seldom or in another voice. Built below from a
# subject ("we",) followed within three words by a verb, and from forms that carry their subject
# or describe data being handled ("recopilamos", "gespeichert", "sont conservées").
HANDLING_SUBJECTS: Phrases = {
    "en": ("we", "i"),
    "fr": ("nous", "je", "j"),
    "de": ("wir", "ich"),
    "nl": ("wij", "we", "ik"),
    "sv": ("vi", "jag"),
    "da": ("vi", "jeg"),
    "nb": ("vi", "jeg"),
    "ru": ("мы", "я"),
}
HANDLING_VERBS: Phrases = {
    "en": (
        "collect*", "gather*", "use", "uses", "used", "using", "process*", "store*", "keep*",
        "kept", "retain*", "hold*", "held", "save*", "record*", "log*", "track*", "share*",
        "sell*", "sold", "rent*", "trade*", "disclose*", "give*", "gave", "pass*", "transfer*",
        "send*", "sent", "receive*", "obtain*", "ask*", "request*", "delete*", "erase*",
        "remove*", "access*", "publish*", "display*", "protect*", "secure*", "encrypt*",
        "analy*", "combine*", "monitor*", "place*", "set", "see", "read", "look at"),
    "fr": (
        "collect*", "recueill*", "utilis*", "trait*", "conserv*", "gard*", "stock*", "enregistr*",
        "partag*", "vend*", "céd*", "cèd*", "transm*", "communiqu*", "demand*", "recev*",
        "supprim*", "effac*", "protég*", "sécuris*", "dépos*", "publi*"),
    "de": (
        "erheb*", "erhob*", "verarbeit*", "speicher*", "nutz*", "verwend*", "sammel*", "sammeln",
        "erfass*", "bewahr*", "lösch*", "verkauf*", "teil*", "übermitt*", "protokoll*",
        "analys*", "geb*", "setz*"),
    "nl": (
        "verzamel*", "gebruik*", "bewaar*", "bewaren", "deel*", "delen", "verkop*", "verwerk*",
        "sla*", "geven", "verstrek*", "vrag*", "vraag*", "ontvang*", "registr*", "verwijder*",
        "leg*",
        "beveilig*", "plaats*"),
    "sv": (
        "samlar", "använder", "sparar", "lagrar", "behandlar", "delar", "säljer", "lämnar",
        "raderar", "tar", "hämtar", "registrerar"),
    "da": (
        "indsamler", "bruger", "anvender", "gemmer", "opbevarer", "behandler", "deler", "sælger",
        "videregiver", "sletter", "registrerer", "modtager", "sætter"),
    "nb": (
        "samler", "bruker", "lagrer", "behandler", "deler", "selger", "sletter", "oppbevarer",
        "utleverer", "registrerer"),
    "ru": (
        "собираем", "используем", "храним", "обрабатываем", "передаем", "передаём", "раскрываем",
        "продаем", "продаём", "удаляем", "получаем"),
}
# Languages that put the verb before "we" after an adverb ("Diese Daten speichern wir",).
HANDLING_INVERTED = frozenset({"de", "nl", "sv", "da", "nb"})
HANDLING_FORMS: Phrases = {
    "en": (
        "you give us", "you provide us", "you send us", "you tell us", "you share with us",
        "you entrust",
        "is collected", "are collected", "be collected", "is stored", "are stored", "be stored",
        "is kept", "are kept", "be kept", "is processed", "are processed", "be processed",
        "is shared", "are shared", "be shared", "is sold", "be sold", "is disclosed",
        "be disclosed", "is retained", "be retained", "is deleted", "be deleted", "are deleted",
        "is never", "are never", "will never be", "only used", "never used", "never shared",
        "never sold", "never passed", "never given"),
    "fr": ("vous nous", "servent", "sert à", "nous ne ~ envo*", "nous ~ envoy*",
        "sont collecté*", "est collecté*", "être collecté*", "sont conservé*", "sont traité*",
        "sont utilisé*", "sont transmis*", "sont communiqué*", "sont stocké*", "sont supprimé*",
        "sont enregistré*", "ne sont jamais", "seront conservé*", "seront supprimé*",
        "ne seront jamais", "ne sont ni"),
    "de": ("sie uns", "du uns", "dienen ausschließlich", "dienen nur", "dient nur",
        "gespeichert", "erhoben", "verarbeitet", "gelöscht", "weitergegeben", "übermittelt",
        "erfasst", "gesammelt", "protokolliert", "aufbewahrt", "weiter", "geben keine",
        "geben ihre", "verkaufen keine"),
    "es": (
        "nos envíes", "nos envías", "nos facilitas", "nos facilita", "nos proporciona*", "nos das",
        "nos da",
        "recopilamos", "recogemos", "recabamos", "obtenemos", "utilizamos", "usamos", "tratamos",
        "conservamos", "guardamos", "almacenamos", "compartimos", "cedemos", "vendemos",
        "comunicamos", "transferimos", "solicitamos", "pedimos", "eliminamos", "borramos",
        "borremos", "eliminemos", "registramos", "protegemos", "pasamos", "enviamos",
        "se recogen", "se recopilan", "se tratan", "se utilizan", "se conservan", "se guardan",
        "se almacenan", "se comparten", "se ceden", "se comunican", "se eliminan",
        "serán tratad*", "serán conservad*", "serán cedid*", "son tratad*", "son recogid*",
        "son utilizad*", "son conservad*", "son almacenad*", "son cedid*", "son recopilad*",
        "no cedemos", "no vendemos", "no compartimos"),
    "it": ("ci fornisci", "ci fornisce", "ci invii", "ci invia", "ci comunichi",
        "raccogliamo", "utilizziamo", "usiamo", "trattiamo", "conserviamo", "condividiamo",
        "comunichiamo", "cediamo", "vendiamo", "trasferiamo", "chiediamo", "cancelliamo",
        "registriamo", "memorizziamo", "archiviamo", "proteggiamo", "acquisiamo",
        "sono raccolt*", "sono trattat*", "sono utilizzat*", "sono conservat*",
        "sono comunicat*", "sono cedut*", "sono diffus*", "vengono raccolt*", "vengono trattat*",
        "vengono utilizzat*", "vengono conservat*", "vengono comunicat*", "vengono cancellat*",
        "saranno trattat*", "saranno conservat*", "verranno trattat*", "verranno conservat*",
        "verranno cancellat*", "non saranno", "non vengono"),
    "pt": ("nos fornece", "nos envia", "nos dá", "nos passa",
        "coletamos", "recolhemos", "obtemos", "utilizamos", "usamos", "tratamos", "guardamos",
        "armazenamos", "conservamos", "compartilhamos", "partilhamos", "vendemos", "cedemos",
        "transferimos", "pedimos", "solicitamos", "eliminamos", "excluímos", "apagamos",
        "apaguemos", "registamos", "registramos", "protegemos", "passamos", "enviamos",
        "são coletad*", "são recolhid*", "são utilizad*", "são tratad*", "são armazenad*",
        "são conservad*", "são compartilhad*", "são partilhad*", "serão tratad*",
        "serão armazenad*", "serão eliminad*", "não vendemos", "não compartilhamos"),
    "nl": ("u ons", "je ons", "jij ons",
        "opgeslagen", "verwerkt", "bewaard", "gedeeld", "verzameld", "verstrekt", "doorgegeven",
        "verwijderd", "verkopen nooit", "verkopen geen"),
    "pl": (
        "zbieramy", "przetwarzamy", "wykorzystujemy", "używamy", "przechowujemy",
        "udostępniamy", "przekazujemy", "sprzedajemy", "gromadzimy", "usuwamy", "chronimy",
        "są przetwarzane", "będą przetwarzane", "są przechowywane", "będą przechowywane",
        "przetwarzane", "przechowywane", "udostępniane", "przekazywane"),
    "sv": (
        "sparas", "lagras", "behandlas", "används", "raderas", "delas", "lämnas ut",
        "samlas in", "säljs", "gallras"),
    "da": (
        "opbevares", "behandles", "gemmes", "slettes", "videregives", "indsamles", "bruges",
        "anvendes", "registreres", "sælges"),
    "nb": ("lagres", "behandles", "slettes", "deles", "samles inn", "brukes", "utleveres"),
    "fi": (
        "keräämme", "käytämme", "säilytämme", "käsittelemme", "luovutamme", "jaamme",
        "myymme", "poistamme", "tallennamme", "kerätään", "käytetään", "säilytetään",
        "käsitellään", "luovutetaan", "tallennetaan", "poistetaan"),
    "cs": (
        "shromažďujeme", "zpracováváme", "používáme", "uchováváme", "sdílíme", "předáváme",
        "prodáváme", "získáváme", "ukládáme", "zpracovávány", "uchovávány", "předávány"),
    "ru": ("обрабатываются", "хранятся", "используются", "передаются", "собираются"),
    "el": (
        "συλλέγουμε", "χρησιμοποιούμε", "επεξεργαζόμαστε", "διατηρούμε", "αποθηκεύουμε",
        "μοιραζόμαστε", "κοινοποιούμε", "διαβιβάζουμε", "πωλούμε", "διαγράφουμε", "δεν πωλούμε"),
    "hu": (
        "gyűjtjük", "kezeljük", "használjuk", "tároljuk", "megőrizzük", "továbbítjuk",
        "töröljük", "átadjuk", "nem adjuk át", "nem adjuk el", "nem értékesítjük"),
    "ro": (
        "colectăm", "folosim", "utilizăm", "prelucrăm", "păstrăm", "stocăm", "transmitem",
        "dezvăluim", "ștergem", "nu vindem", "nu transmitem"),
    "sk": (
        "zhromažďujeme", "spracúvame", "používame", "uchovávame", "poskytujeme", "zdieľame",
        "nepredávame", "vymažeme", "sú spracúvané", "uchovávajú sa"),
    "hr": (
        "prikupljamo", "obrađujemo", "koristimo", "čuvamo", "pohranjujemo", "dijelimo",
        "ne prodajemo", "brišemo", "ne dijelimo"),
    "uk": (
        "збираємо", "обробляємо", "використовуємо", "зберігаємо", "передаємо", "не продаємо",
        "видаляємо"),
    "bg": (
        "събираме", "обработваме", "използваме", "съхраняваме", "предоставяме", "не продаваме",
        "изтриваме"),
    "id": (
        "kami mengumpulkan", "kami menggunakan", "kami menyimpan", "kami memproses",
        "kami membagikan", "kami tidak menjual", "kami tidak membagikan", "kami menghapus",
        "dikumpulkan", "digunakan", "disimpan"),
    "vi": (
        "chúng tôi thu thập", "chúng tôi sử dụng", "chúng tôi lưu trữ", "chúng tôi chia sẻ",
        "chúng tôi không bán", "chúng tôi xử lý", "chúng tôi xóa"),
    "ar": ("نجمع", "نستخدم", "نحتفظ", "نشارك", "نعالج", "لا نبيع", "لا نشارك", "نحذف"),
    "he": (
        "אנו אוספים", "אנחנו אוספים", "אנו משתמשים", "אנחנו משתמשים", "אנו שומרים",
        "אנו משתפים", "איננו מוכרים", "אנו לא מוכרים", "אנו מוחקים"),
    "tr": (
        "topluyoruz", "kullaniyoruz", "sakliyoruz", "işliyoruz", "paylaşiyoruz", "aktariyoruz",
        "satmiyoruz", "paylaşmiyoruz", "siliyoruz", "işlenmektedir", "toplanmaktadir",
        "saklanmaktadir", "aktarilmaktadir", "işlenir", "saklanir", "paylaşilmaz"),
    "ko": (
        "수집합니다", "수집하며", "수집하는", "이용합니다", "이용하며", "보관합니다", "보유합니다",
        "처리합니다", "처리하며", "제공하지", "파기합니다", "위탁하고"),
    "ja": (
        "取得します", "取得いたします", "取得する", "利用します", "利用いたします",
        "利用させていただ",
        "利用する", "収集します", "収集いたします", "収集する", "提供しません", "提供いたしません",
        "提供することはありません", "開示しません", "開示いたしません", "保管します", "管理します",
        "削除します", "廃棄します", "お預かりした", "お預かりする", "取り扱います", "取扱います",
        "使用します", "使用いたします"),
    "zh": (
        "我们收集", "我们会收集", "我们将收集", "我们使用", "我们会使用", "我们将使用", "我们存储",
        "我们保存", "我们会保存", "我们共享", "我们不会", "我们处理", "我们会处理", "我们仅",
        "我们可能会", "我们如何", "我们将", "我们会"),
}

# How a policy names itself in its own text: "this policy", "la présente politique".
SELF_REFERENCE: Phrases = {
    "en": (
        "this policy", "this privacy policy", "this notice", "this privacy notice",
        "this statement", "this privacy statement", "this cookie policy", "this cookie notice",
        "this page explains", "this page describes", "this page tells"),
    "fr": (
        "la présente politique", "cette politique", "la présente charte", "cette charte",
        "la présente notice", "cette notice", "cette page explique", "cette page décrit"),
    "de": (
        "diese datenschutzerklärung", "dieser datenschutzerklärung", "diese erklärung",
        "dieser erklärung", "diese datenschutzhinweise", "diesen datenschutzhinweisen",
        "diese cookie richtlinie", "dieser cookie richtlinie", "diese hinweise"),
    "es": (
        "esta política", "la presente política", "este aviso", "el presente aviso",
        "esta página explica"),
    "it": (
        "la presente informativa", "questa informativa", "questa policy", "presente policy",
        "questa cookie policy"),
    "pt": ("esta política", "a presente política", "este aviso", "o presente aviso"),
    "nl": (
        "deze privacyverklaring", "dit privacybeleid", "deze verklaring", "deze cookieverklaring",
        "dit cookiebeleid", "dit beleid"),
    "pl": ("niniejsza polityka", "niniejszej polityki", "niniejsza klauzula", "tej polityki"),
    "sv": ("denna integritetspolicy", "denna policy", "denna cookiepolicy", "den här policyn"),
    "da": ("denne privatlivspolitik", "denne politik", "denne cookiepolitik"),
    "nb": ("denne personvernerklæringen", "denne erklæringen"),
    "fi": ("tämä tietosuojaseloste", "tässä tietosuojaselosteessa", "tämä seloste"),
    "cs": ("tyto zásady", "těchto zásad"),
    "ru": ("настоящая политика", "настоящей политики", "данная политика"),
    "tr": ("bu politika", "bu aydinlatma metni", "işbu"),
    "ko": ("본 방침", "이 방침", "본 개인정보처리방침"),
    "ja": ("本ポリシー", "本方針", "このプライバシーポリシー", "本プライバシーポリシー"),
    "zh": ("本政策", "本隐私政策", "本指引", "本声明"),
}

# Wording of the other documents that policy URLs lead to. Terms, imprints and shop conditions:
TERMS_WORDING: Phrases = {
    "en": (
        "you agree", "you must not", "these terms", "terms of use", "terms of service",
        "terms and conditions", "user agreement", "acceptable use", "limitation of liability",
        "liable", "liability", "warrant*", "indemnif*", "governing law", "jurisdiction",
        "intellectual property", "trademark*", "terminat*", "licen*", "as is", "prohibited",
        "refund*", "shipping", "delivery", "prices", "payment terms",
        "returns", "disclaim*"),
    "fr": (
        "conditions générales", "cgu", "cgv", "responsabilité", "garantie*",
        "propriété intellectuelle", "droit applicable", "tribunal", "tribunaux", "résiliation",
        "livraison", "commande*", "prix", "remboursement", "s'engage", "mentions légales",
        "éditeur", "hébergeur", "directeur de la publication", "siret", "rétractation"),
    "de": (
        "agb", "allgemeine geschäftsbedingungen", "haftung*", "gewährleistung", "gerichtsstand",
        "vertragsschluss", "vertragspartner", "lieferung", "lieferzeit*", "zahlung*",
        "widerrufsrecht", "widerrufsbelehrung", "urheberrecht*", "impressum", "umsatzsteuer*",
        "handelsregister", "registergericht", "vertretungsberechtigt*", "inhaltlich verantwortlich",
        "kaufvertrag", "preise"),
    "es": (
        "términos y condiciones", "condiciones generales", "condiciones de uso", "responsabilidad",
        "garantía*", "propiedad intelectual", "legislación aplicable", "jurisdicción",
        "envío*", "devolucion*", "devoluciones", "aviso legal", "pedido*", "precio*",
        "desistimiento"),
    "it": (
        "termini e condizioni", "condizioni generali", "condizioni di vendita",
        "responsabilità", "garanzia", "proprietà intellettuale", "foro competente",
        "legge applicabile", "spedizion*", "reso", "resi", "note legali", "partita iva",
        "ordine", "ordini", "prezzi", "recesso"),
    "pt": (
        "termos de uso", "termos e condições", "termos de serviço", "responsabilidade",
        "garantia*", "propriedade intelectual", "foro", "legislação aplicável", "entrega*",
        "encomenda*", "pedido*", "preço*", "devolução", "reembolso"),
    "nl": (
        "algemene voorwaarden", "aansprakelijk*", "garantie", "intellectuele eigendom",
        "toepasselijk recht", "levering", "betaling", "herroepingsrecht", "bestelling*",
        "prijzen", "opdrachtgever", "opdrachtnemer"),
    "pl": ("regulamin*", "odpowiedzialnoś*", "reklamacj*", "zamówieni*", "dostaw*"),
    "sv": ("allmänna villkor", "ansvar", "leverans*", "beställning*", "ångerrätt"),
    "da": ("handelsbetingelser", "ansvar", "levering", "bestilling*", "fortrydelsesret"),
}
# News, blog posts, press releases, recipes, help articles, product pages, forms and job ads:
OTHER_PAGE_WORDING: Phrases = {
    "en": (
        "posted by", "posted on", "min read", "minute read", "leave a comment",
        "share this", "related posts", "related articles", "said", "says", "told",
        "according to", "reported", "reporters", "spokesperson", "spokeswoman", "spokesman",
        "press release", "for immediate release", "announced", "media contact", "ingredients",
        "recipe", "was this article helpful", "was this helpful", "still need help",
        "contact support", "step 1", "tap", "go to settings", "how do i", "help centre",
        "help center", "frequently asked questions", "faq", "pricing", "free trial",
        "get started", "buy now", "add to cart", "per month", "apply now", "job description",
        "requirements", "responsibilities", "salary", "cover letter", "upload your cv",
        "send message", "required field*", "your message",
        "we're hiring", "tips", "checklist",
        "your customers", "your privacy policy", "your website",
        "your shop", "your business", "your users", "customers say", "features"),
    "fr": (
        "publié le", "a déclaré", "a indiqué", "communiqué de presse",
        "ingrédients", "recette", "questions fréquentes", "votre message",
        "champs obligatoires", "lire la suite", "idées reçues", "vous devez",
        "votre site", "vos clients", "tarifs", "postuler"),
    "de": (
        "veröffentlicht", "sagte", "teilte mit", "pressemitteilung",
        "zutaten", "rezept", "häufig gestellte fragen", "ihre nachricht",
        "pflichtfelder", "pflichtfeld", "weiterlesen", "jetzt bewerben",
        "ihre kunden", "preise"),
    "es": (
        "publicado", "dijo", "afirmó", "nota de prensa", "ingredientes",
        "receta", "preguntas frecuentes", "tu mensaje", "campos obligatorios",
        "¿te ha sido útil", "tus clientes", "precios"),
    "it": (
        "pubblicato", "ha dichiarato", "comunicato stampa", "ingredienti",
        "ricetta", "domande frequenti", "il tuo messaggio", "campi obbligatori",
        "chi siamo", "prezzi"),
    "pt": (
        "publicado", "disse", "afirmou", "comunicado de imprensa",
        "ingredientes", "receita", "perguntas frequentes", "sua mensagem",
        "campos obrigatórios", "leia mais", "preços"),
    "nl": (
        "gepubliceerd", "zei", "persbericht", "ingrediënten", "recept",
        "veelgestelde vragen", "je bericht", "uw bericht", "over ons",
        "prijzen"),
    "ja": (
        "記者", "発表した", "によると", "コメント", "よくある質問", "送信", "お問い合わせフォーム",
    ),
    "zh": ("记者", "报道", "据悉", "评论", "常见问题", "提交", "关于我们"),
}

# The categories a consent banner lists beside checkboxes or switches ("[x] Statistics",).
CONSENT_CATEGORIES: Phrases = {
    "en": (
        "necessary", "strictly necessary", "essential", "statistics", "analytics", "marketing",
        "preferences", "functional", "performance", "targeting", "advertising", "social media",
        "unclassified"),
    "fr": (
        "nécessaires", "statistiques", "marketing", "préférences", "fonctionnels",
        "mesure d'audience", "publicité"),
    "de": (
        "notwendig", "notwendige", "essenziell", "statistik", "marketing", "präferenzen",
        "funktional", "komfort", "externe medien", "nicht klassifiziert"),
    "es": ("necesarias", "estadísticas", "marketing", "preferencias", "analíticas", "publicidad"),
    "it": ("necessari", "statistiche", "marketing", "preferenze", "funzionali"),
    "pt": ("necessários", "estatísticas", "marketing", "preferências", "funcionais"),
    "nl": (
        "noodzakelijk", "statistieken", "marketing", "voorkeuren", "functioneel", "analytisch",
        "niet geclassificeerd"),
    "pl": ("niezbędne", "statystyczne", "marketingowe", "preferencje"),
    "sv": ("nödvändiga", "statistik", "marknadsföring", "preferenser"),
    "da": ("nødvendige", "præferencer", "statistik", "marketing"),
}
# What a switch beside a category says ("Strictly necessary cookies — Always active",).
CONSENT_SWITCHES: Phrases = {
    "en": ("always active", "always on", "on", "off"),
    "fr": ("toujours actif", "toujours actifs", "activé", "désactivé"),
    "de": ("immer aktiv", "an", "aus"),
    "es": ("siempre activo", "siempre activas", "activado", "desactivado"),
    "it": ("sempre attivo", "sempre attivi"),
    "pt": ("sempre ativo", "sempre ativos"),
    "nl": ("altijd actief", "aan", "uit"),
}
# Links that sit beside the buttons of a banner and say nothing of their own.
BANNER_LINKS: Phrases = {
    "en": (
        "more information", "learn more", "read more", "vendor list", "cookie list",
        "our partners", "cookie policy", "privacy policy", "show details", "details",
        "privacy notice", "imprint"),
    "fr": ("en savoir plus", "liste des partenaires", "politique de confidentialité", "détails"),
    "de": ("mehr erfahren", "mehr informationen", "details anzeigen", "datenschutzerklärung",
           "impressum", "details"),
    "es": ("más información", "leer más", "política de cookies", "política de privacidad"),
    "it": ("scopri di più", "maggiori informazioni", "cookie policy", "privacy policy"),
    "pt": ("saiba mais", "mais informações", "política de cookies", "política de privacidade"),
    "nl": ("meer informatie", "lees meer", "cookieverklaring", "privacyverklaring"),
    "sv": ("läs mer", "läs mer om kakor", "läs mer om cookies"),
    "da": ("læs mere", "cookiepolitik", "detaljer"),
    # The list of a consent framework's vendors, linked from its banner.
    "": ("vendors", "our vendors", "vendor list", "list of vendors", "list of partners",
        "list of partners vendors", "partner list", "partners", "iab vendors", "partnerliste",
        "liste der partner", "lista de socios", "elenco dei fornitori", "lista dei partner",
        "lista de parceiros", "lijst met partners", "lista partnerów"),
}
# Words of consent: a paragraph with one of these, beside a banner's buttons, is the banner's.
CONSENT_WORDS: Phrases = {
    "en": (
        "consent*", "partners", "preferences", "accept*", "reject*", "declin*", "opt out",
        "your choice*"),
    "fr": ("consentement", "partenaires", "préférences", "accept*", "refus*"),
    "de": ("einwilligung*", "zustimm*", "partner", "akzeptier*", "ablehn*"),
    "es": ("consentimiento", "socios", "preferencias", "acept*", "rechaz*"),
    "it": ("consenso", "partner", "preferenze", "accett*", "rifiut*"),
    "pt": ("consentimento", "parceiros", "preferências", "aceit*", "recus*", "concord*"),
    "nl": ("toestemming", "partners", "voorkeuren", "accepte*", "weiger*"),
    "pl": ("zgod*", "partnerzy", "akcept*"),
    "sv": ("samtycke", "partner", "godkänn*"),
    "da": ("samtykke", "partnere", "accepter*", "tillad*"),
}

# The author speaking of themselves: a policy says "we" and "our" on every line; articles and
# help pages speak of companies and of the reader.
FIRST_PERSON: Phrases = {
    "en": ("we", "us", "our", "ours", "we're", "we've", "we'll", "me", "my"),
    "fr": ("nous", "notre", "nos", "je", "j", "mon", "ma", "mes"),
    "de": ("wir", "uns", "unser*", "ich", "mein*", "mich", "mir"),
    "es": ("nosotros", "nuestro*", "nuestra*", "nos", "*amos", "*emos"),
    "it": ("noi", "nostro", "nostra", "nostri", "nostre", "ci", "*iamo"),
    "pt": ("nós", "nosso*", "nossa*", "nos", "*amos", "*emos"),
    "nl": ("wij", "we", "ons", "onze", "ik", "mijn"),
    "pl": ("my", "nasz*"),
    "sv": ("vi", "oss", "vår", "vårt", "våra", "jag", "mitt", "mina"),
    "da": ("vi", "vores", "jeg"),
    "nb": ("vi", "oss", "vår", "vårt", "våre", "jeg"),
    "fi": ("me", "meidän", "*mme"),
    "cs": ("my", "nás", "náš", "naše", "našich", "*íme", "*áme"),
    "ru": ("мы", "нас", "наш*", "нам"),
    "tr": ("biz", "bizim", "*yoruz", "*imiz", "*imiz"),
    "ja": ("当社", "当店", "弊社", "私たち", "当サイト", "当法人"),
    "zh": ("我们", "本公司", "本网站"),
    "ko": ("회사는", "당사는", "저희"),
}

# How the byline of an article or blog post begins ("By Dana Whitlow · 8 min read",).
BYLINES: Phrases = {
    "en": ("by", "posted by", "written by", "posted on", "published"),
    "fr": ("par", "publié", "publié par"),
    "de": ("von", "veröffentlicht", "geschrieben von"),
    "es": ("por", "publicado", "escrito por"),
    "it": ("di", "pubblicato", "scritto da"),
    "pt": ("por", "publicado", "escrito por"),
    "nl": ("door", "gepubliceerd", "geschreven door"),
}

# fmt: on


# Combining accents; kana voicing marks (U+3099, U+309A) lie outside this block and stay.
# Turkish dotless i is read as i, as Turkish sites written without its letters spell it.
_ACCENTS: dict[int, int | None] = {
    **dict.fromkeys(range(0x300, 0x370)),
    ord(
        "\u0131",
    ): ord(
        "i",
    ),
}
_NOT_WORD = re.compile(r"[\W_]+")
# Scripts written without spaces between words.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")
# One step of a phrase's regex: a `\w*` tail, an escaped character, or a character.
_ATOM = re.compile(r"\\w\*|\\.|.", re.DOTALL)

_TrieNode = dict[str, "_TrieNode"]
# A phrase word "~" stands for up to three words: "we ~ sell*" finds "we do not ever sell". In the
# trie it is one character, always followed by a space, that becomes the words once it is built.
GAP = "~"
_GAP_MARK = "\x00"
_GAP_WORDS = r"(?:\w+ ){0,3}"


def fold(text: str) -> str:
    """`text` as phrases are matched: casefolded, accents dropped, punctuation as single spaces."""
    bare = unicodedata.normalize("NFKD", text).translate(_ACCENTS)
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFC", bare).casefold()).strip()


class Phrasebook:
    """Phrases from word lists, found in folded text; the longest phrase wins at each place."""

    def __init__(self, *phrase_lists: Phrases) -> None:
        phrases = {phrase for lists in phrase_lists for words in lists.values() for phrase in words}
        spaced = {_pattern(phrase) for phrase in phrases if not _CJK_CHAR.search(phrase)}
        unspaced = {_pattern(phrase) for phrase in phrases if _CJK_CHAR.search(phrase)}
        # The word boundaries stand outside the alternation: inside, they cost 25 times the time.
        alternatives = [rf"(?<!\w){_trie(spaced)}(?!\w)"] if spaced else []
        alternatives += [_trie(unspaced)] if unspaced else []
        self._regex = re.compile("|".join(alternatives).replace(_GAP_MARK + " ", _GAP_WORDS))

    def finditer(self, folded: str) -> Iterator[re.Match[str]]:
        return self._regex.finditer(folded)

    def findall(self, folded: str) -> list[str]:
        return [match.group(0) for match in self._regex.finditer(folded)]

    def fullmatch(self, folded: str) -> bool:
        return self._regex.fullmatch(folded) is not None


def _pattern(phrase: str) -> str:
    words = []
    for raw in phrase.split():
        if raw == GAP:
            words.append(_GAP_MARK)
            continue
        word = re.escape(
            fold(
                raw.strip(
                    "*",
                )
            )
        )
        head = (
            r"\w*"
            if raw.startswith(
                "*",
            )
            else ""
        )
        words.append(
            head
            + word
            + (
                r"\w*"
                if raw.endswith(
                    "*",
                )
                else ""
            )
        )
    return " ".join(words)


def _trie(patterns: Iterable[str]) -> str:
    """The patterns as one regex that shares their common beginnings.

    A plain alternation of a thousand phrases is tried phrase by phrase at every word; shared
    prefixes let the regex engine go letter by letter instead, ten times faster. Longer phrases
    still win: every optional tail is tried before it is skipped.
    """
    root: _TrieNode = {}
    for pattern in patterns:
        node = root
        for atom in _ATOM.findall(pattern):
            node = node.setdefault(atom, {})
        node[""] = {}
    return _trie_regex(root)


def _trie_regex(node: _TrieNode) -> str:
    branches = [atom + _trie_regex(child) for atom, child in sorted(node.items()) if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _handling() -> Phrases:
    """Every subject with every verb of `HANDLING_VERBS`, and the forms that need no subject."""
    phrases = dict(HANDLING_FORMS)
    for language, subjects in HANDLING_SUBJECTS.items():
        verbs = HANDLING_VERBS[language]
        combined = [f"{subject} {GAP} {verb}" for subject in subjects for verb in verbs]
        if language in HANDLING_INVERTED:
            combined += [f"{verb} {subject}" for subject in subjects for verb in verbs]
        phrases[language] = phrases.get(language, ()) + tuple(combined)
    return phrases


def _merged(*phrase_lists: Phrases) -> Phrases:
    """The lists joined language by language, each phrase once, in the order first given."""
    merged: dict[str, tuple[str, ...]] = {}
    for phrases in phrase_lists:
        for language, words in phrases.items():
            merged[language] = tuple(dict.fromkeys(merged.get(language, ()) + words))
    return merged


# The core entries for every language of `COVERED_LANGUAGES`, merged into the lists above.
POLICY_NAMES = _merged(POLICY_NAMES, world_lexicon.POLICY_NAMES)
PRIVACY_VOCABULARY = {
    **PRIVACY_VOCABULARY,
    Topic.PERSONAL_DATA: _merged(
        PRIVACY_VOCABULARY[Topic.PERSONAL_DATA], world_lexicon.PERSONAL_DATA
    ),
    Topic.COLLECTION: _merged(PRIVACY_VOCABULARY[Topic.COLLECTION], world_lexicon.HANDLING_FORMS),
    Topic.RIGHTS: _merged(PRIVACY_VOCABULARY[Topic.RIGHTS], world_lexicon.RIGHTS),
    Topic.RETENTION: _merged(PRIVACY_VOCABULARY[Topic.RETENTION], world_lexicon.RETENTION),
    Topic.TRACKING: _merged(PRIVACY_VOCABULARY[Topic.TRACKING], world_lexicon.TRACKING),
    Topic.DOCUMENT: _merged(PRIVACY_VOCABULARY[Topic.DOCUMENT], world_lexicon.POLICY_NAMES),
}
HANDLING_FORMS = _merged(HANDLING_FORMS, world_lexicon.HANDLING_FORMS)
# The wording of the IAB's Transparency and Consent Framework, which consent dialogs across Europe
# show in their own language: "we and our partners", and its first purpose, "store and/or access
# information on a device". Cookie policies name the framework; only its dialogs recite it.
TCF_SENTENCES: Phrases = {
    "de": ("informationen auf einem gerät speichern und oder abrufen",),
    "fr": ("stocker et ou accéder à des informations sur un appareil",),
    "es": (
        "nosotros y nuestros socios",
        "almacenar la información en un dispositivo",
        "almacenar o acceder a información en un dispositivo",
    ),
    "it": ("noi e i nostri partner", "archiviare e o accedere a informazioni su un dispositivo"),
    "nl": ("wij en onze partners", "informatie op een apparaat opslaan en of openen"),
    "pt": (
        "nós e os nossos parceiros",
        "nós e nossos parceiros",
        "armazenar e ou aceder a informações num dispositivo",
        "armazenar e ou acessar informações em um dispositivo",
    ),
    "pl": (
        "my i nasi partnerzy",
        "my i nasi zaufani partnerzy",
        "przechowywanie informacji na urządzeniu lub dostęp do nich",
        "przechowywanie informacji na urządzeniu i dostęp do nich",
    ),
    "sv": (
        "vi och våra partner",
        "vi och våra partners",
        "lagra och eller få åtkomst till information på en enhet",
    ),
    "da": ("vi og vores partnere", "opbevare og eller tilgå oplysninger på en enhed"),
    "no": ("vi og våre partnere", "lagre og eller få tilgang til informasjon på en enhet"),
    "fi": ("me ja kumppanimme", "tallentaa tietoja laitteelle ja tai käyttää niitä"),
    "cs": ("my a naši partneři", "ukládání a nebo přístup k informacím v zařízení"),
}
# Whom to ask about one's data ("contact us", "write to me"): a policy ends with it.
CONTACT_FOR_DATA: Phrases = world_lexicon.CONTACT
SOFT_404 = _merged(SOFT_404, world_lexicon.SOFT_404)
LOGIN_DEMANDS = _merged(LOGIN_DEMANDS, world_lexicon.LOGIN_DEMANDS, world_lexicon.MEMBERS_ONLY)
# eID and single sign-on buttons, "continue with", account-number labels, "forgot password".
SIGN_IN_CONTROLS: Phrases = world_lexicon.SIGN_IN_CONTROLS
LOGIN_FORM = _merged(LOGIN_FORM, world_lexicon.LOGIN_FORM)
BANNER_SENTENCES = _merged(BANNER_SENTENCES, world_lexicon.BANNER_SENTENCES, TCF_SENTENCES)
BANNER_BUTTONS = _merged(BANNER_BUTTONS, world_lexicon.BANNER_BUTTONS)
POLICY_ANNOUNCEMENTS = _merged(POLICY_ANNOUNCEMENTS, world_lexicon.POLICY_ANNOUNCEMENTS)
CONSENT_SWITCHES = _merged(CONSENT_SWITCHES, world_lexicon.ALWAYS_ACTIVE)
# Terms, acceptable use, imprint ...: the documents other than a policy that legal URLs lead to.
OTHER_DOCUMENT_NAMES: Phrases = world_lexicon.OTHER_DOCUMENT_NAMES
# The label of a login form's password field.
PASSWORD_FIELDS: Phrases = world_lexicon.PASSWORD_FIELDS
HANDLING: Phrases = _handling()

# The categories every language of `COVERED_LANGUAGES` has entries in, so that a short text in any
# of them is read; a test holds them to it.
CORE_CATEGORIES: Mapping[str, Phrases] = {
    "policy names": POLICY_NAMES,
    "personal data": PRIVACY_VOCABULARY[Topic.PERSONAL_DATA],
    "handling": HANDLING,
    "rights": PRIVACY_VOCABULARY[Topic.RIGHTS],
    "retention": PRIVACY_VOCABULARY[Topic.RETENTION],
    "contact for data": CONTACT_FOR_DATA,
    "cookies and tracking": PRIVACY_VOCABULARY[Topic.TRACKING],
    "soft 404": SOFT_404,
    "login": _merged(LOGIN_DEMANDS, LOGIN_FORM),
    "banner sentences": BANNER_SENTENCES,
    "banner buttons": BANNER_BUTTONS,
    "announcements": POLICY_ANNOUNCEMENTS,
    "other documents": OTHER_DOCUMENT_NAMES,
    "password fields": PASSWORD_FIELDS,
    "sign-in controls": SIGN_IN_CONTROLS,
    "always active": world_lexicon.ALWAYS_ACTIVE,
}
