"""The other documents that privacy URLs lead to, recognised by their own shapes and wording.

A data-request form, a processing contract, a blog post about the GDPR, a privacy tool's product
page and a security page are all dense with privacy words; what gives them away is how they are
built. A form is field labels, required-field stars, ticks and a send button; a contract binds
parties ("the Processor shall") in numbered clauses; an article has a byline, comments and advice
for the reader's business; a product page has prices, plans and reviews; a security page speaks
of vulnerabilities and researchers; a job advertisement has the role's duties, pay and closing
date. Each genre is a count of the lines that carry its cues, so
that `extract.policy_evidence` can weigh them against a policy's own voice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from extract.lexicon import Phrasebook, Phrases
from extract.page_lines import Line

# Field labels, buttons and form controls are short lines.
CONTROL_MAX_WORDS = 8
# An article's byline, dateline or kicker stands in its first lines.
ARTICLE_HEAD_LINES = 4
# Cues in a line longer than this are read as prose, not as a label or a button.
SHORT_LINE_WORDS = 12
# A line of links with this many items is a site's menu, not a page's own button.
MENU_ITEMS = 3


class Genre(StrEnum):
    """A kind of page that speaks of personal data without being a policy."""

    FORM = "form"
    CONTRACT = "contract"
    ARTICLE = "article"
    PRODUCT = "product"
    SECURITY = "security"
    JOB = "job"

    @property
    def described(self) -> str:
        """The genre as a detail names it: "a form", "an article"."""
        return _DESCRIBED[self]


_DESCRIBED = {
    Genre.FORM: "a form",
    Genre.CONTRACT: "a contract",
    Genre.ARTICLE: "an article",
    Genre.PRODUCT: "a product page",
    Genre.SECURITY: "a security page",
    Genre.JOB: "a job advertisement",
}


# fmt: off

# Buttons that send a form, alone on their line.
_SEND_BUTTONS: Phrases = {
    "en": ("submit", "submit request", "submit application", "submit form", "send", "send message",
        "send request", "send enquiry", "send inquiry", "apply", "apply now", "sign up",
        "subscribe", "register", "request a demo", "book now"),
    "fr": ("envoyer", "envoyer la demande", "valider", "soumettre", "s'inscrire", "postuler"),
    "de": ("absenden", "senden", "abschicken", "anfrage senden", "nachricht senden",
        "jetzt bewerben", "anmelden und absenden", "abonnieren"),
    "es": ("enviar", "enviar solicitud", "enviar mensaje", "suscribirse", "suscríbete"),
    "it": ("invia", "invia richiesta", "invia messaggio", "iscriviti"),
    "pt": ("enviar", "enviar mensagem", "enviar pedido", "inscrever se", "subscrever"),
    "nl": ("verzenden", "versturen", "verstuur", "aanvraag versturen", "inschrijven"),
    "pl": ("wyślij", "zapisz się"),
    "sv": ("skicka", "skicka in"),
    "da": ("send", "tilmeld"),
}
# Wording of a form around its fields.
_FORM_WORDING: Phrases = {
    "en": ("required field*", "fields marked", "mandatory field*", "use this form",
        "fill in the form", "fill out the form", "complete the form", "this form",
        "upload your", "drag and drop", "choose file", "select an option", "please select",
        "request type", "i am a", "characters remaining"),
    "fr": ("champs obligatoires", "champ obligatoire", "ce formulaire", "remplissez le formulaire",
        "veuillez sélectionner", "type de demande"),
    "de": ("pflichtfeld*", "dieses formular", "füllen sie das formular", "bitte auswählen",
        "art der anfrage", "datei auswählen"),
    "es": ("campos obligatorios", "campo obligatorio", "este formulario", "rellena el formulario",
        "seleccione", "tipo de solicitud"),
    "it": ("campi obbligatori", "campo obbligatorio", "questo modulo", "compila il modulo",
        "tipo di richiesta"),
    "pt": ("campos obrigatórios", "campo obrigatório", "este formulário", "preencha o formulário",
        "tipo de pedido", "tipo de solicitação"),
    "nl": ("verplichte velden", "verplicht veld", "dit formulier", "vul het formulier",
        "soort verzoek"),
}
# A contract binds named parties: "the Processor shall", "le sous-traitant s'engage".
_CONTRACT_WORDING: Phrases = {
    "en": ("processor shall", "controller shall", "customer shall", "supplier shall",
        "provider shall", "client shall", "party shall", "parties shall", "licensee shall",
        "company shall", "the parties", "each party", "either party", "hereby", "herein",
        "hereunder", "hereto", "thereof", "notwithstanding", "annex", "schedule 1", "exhibit a",
        "this addendum", "this agreement", "the agreement", "master subscription agreement",
        "on behalf of controller", "on the documented instructions", "have the meanings",
        "has the meaning", "shall mean", "in witness whereof", "audit rights",
        "termination of the agreement"),
    "fr": ("le sous traitant s'engage", "le responsable de traitement s'engage", "les parties",
        "chaque partie", "ci après dénommé*", "le présent contrat", "le présent accord",
        "annexe", "en foi de quoi", "pour le compte du responsable"),
    "de": ("der auftragnehmer", "der auftraggeber", "die parteien", "vertragsparteien",
        "verpflichtet sich", "verpflichten sich", "im auftrag des verantwortlichen",
        "dieser vertrag", "dieses vertrags", "dieser vereinbarung", "anlage 1",
        "weisungen des auftraggebers"),
    "es": ("el encargado se compromete", "el encargado del tratamiento se compromete",
        "las partes", "cada parte", "en adelante", "el presente contrato", "anexo",
        "por cuenta del responsable"),
    "it": ("il responsabile si impegna", "le parti", "ciascuna parte", "di seguito",
        "il presente contratto", "allegato", "per conto del titolare"),
    "pt": ("o operador compromete se", "as partes", "cada parte", "doravante",
        "o presente contrato", "anexo", "em nome do controlador"),
    "nl": ("de verwerker verplicht zich", "partijen", "elke partij", "hierna",
        "deze overeenkomst", "bijlage", "namens de verantwoordelijke"),
}
# Articles, posts and guides: their furniture (on short lines of their own)...
_ARTICLE_FURNITURE: Phrases = {
    "en": ("comments", "leave a reply", "read more", "related articles",
        "related posts", "related", "you might also like", "share this", "share on", "tags",
        "filed under", "min read", "minute read", "posted in", "editor", "column", "guide",
        "lesson", "lesson plan", "learning goals", "learning objectives",
        "students will be able to", "warm up", "wrap up", "worksheet", "for teachers"),
    "fr": ("commentaires", "à lire aussi", "lire aussi", "partager sur", "publié le",
        "objectifs pédagogiques", "fiche pédagogique", "pour les enseignants"),
    "de": ("kommentare", "das könnte sie auch interessieren", "weiterlesen", "teilen auf",
        "ratgeber", "veröffentlicht am", "lernziele", "unterrichtseinheit", "arbeitsblatt",
        "für lehrkräfte", "lesezeit", "minuten lesezeit", "unser tipp"),
    "es": ("comentarios", "te puede interesar", "compartir en", "publicado el",
        "objetivos de aprendizaje", "plan de clase", "para docentes"),
    "it": ("commenti", "potrebbe interessarti", "condividi su", "pubblicato il",
        "obiettivi di apprendimento", "scheda didattica", "per gli insegnanti"),
    "pt": ("comentários", "leia também", "partilhar no", "compartilhar no", "publicado em",
        "objetivos de aprendizagem", "plano de aula", "para professores"),
    "nl": ("reacties", "lees ook", "delen op", "gepubliceerd op", "leerdoelen", "lesplan",
        "werkblad", "voor docenten", "leestijd"),
    "pl": ("komentarze", "czytaj także", "czytaj też", "udostępnij", "opublikowano",
        "min czytania", "czas czytania"),
}
# ... and their voice: about a document, advice to the reader's organisation.
_ARTICLE_WORDING: Phrases = {
    "en": ("this article", "this post", "this guide", "in this article",
        "not legal advice", "does not constitute legal advice", "your business",
        "your organisation", "your organization", "your customers", "small businesses",
        "companies must", "businesses must", "our readers",
        "tips"),
    "fr": ("cet article", "ce billet", "votre entreprise", "vos clients", "les entreprises",
        "ne constitue pas un conseil", "idées reçues", "tour d'horizon"),
    "de": ("dieser beitrag", "dieser artikel", "diesem beitrag", "diesem artikel",
        "ihr unternehmen", "ihre kunden", "unternehmen müssen", "vereine", "rechtsberatung",
        "häufigsten fragen", "ein unternehmen", "wir erklären"),
    "es": ("este artículo", "esta entrada", "tu empresa", "su empresa", "tus clientes",
        "las empresas", "asesoramiento jurídico"),
    "it": ("questo articolo", "la tua azienda", "i tuoi clienti", "le aziende",
        "consulenza legale"),
    "pt": ("este artigo", "a sua empresa", "sua empresa", "seus clientes", "as empresas",
        "aconselhamento jurídico"),
    "nl": ("dit artikel", "deze blog", "uw bedrijf", "je bedrijf", "je klanten",
        "bedrijven moeten", "juridisch advies"),
    # Advice to every firm, large or small, and the myths it corrects.
    "pl": ("ten artykuł", "w tym artykule", "ten wpis", "twoja firma", "twojej firmy",
        "twojej firmie", "małe firmy", "małych firm", "małej firmie", "duże firmy",
        "dużych firm", "każdego przedsiębiorcę", "firma musi", "mitów", "mity o rodo"),
}
# ... and explainers of a data protection law: when it took effect, what it fines, what it asks of
# businesses. A policy cites its law; it does not tell of its enactment or its penalties.
_LAW_EXPLAINER: Phrases = {
    "en": ("came into force", "comes into force", "entered into force", "came into effect",
        "took effect", "fines of up to", "fines up to", "fined up to", "annual turnover",
        "global turnover", "what is the gdpr", "what does the gdpr", "businesses need to",
        "companies need to", "website owners", "site owners", "make sure your",
        "small businesses", "small and medium"),
    "de": ("in kraft getreten", "tritt in kraft", "trat in kraft", "bußgeld*", "jahresumsatz*",
        "was ist die dsgvo", "was bedeutet die dsgvo", "websitebetreiber*", "webseitenbetreiber*",
        "prüfen sie", "sollten sie", "keine rechtsberatung", "auf der sicheren seite"),
    "fr": ("entré en vigueur", "entrée en vigueur", "entrera en vigueur", "amendes pouvant",
        "amende*", "chiffre d'affaires", "qu'est ce que le rgpd", "les entreprises doivent",
        "vérifiez que"),
    "es": ("entró en vigor", "entrada en vigor", "entra en vigor", "multas de hasta",
        "sanciones de hasta", "volumen de negocio", "qué es el rgpd", "las empresas deben"),
    "it": ("entrato in vigore", "entrata in vigore", "sanzioni fino a", "multe fino a",
        "fatturato", "cos'è il gdpr", "le aziende devono"),
    "pt": ("entrou em vigor", "entrada em vigor", "multas de até", "multas até", "faturamento",
        "o que é a lgpd", "o que é o rgpd", "as empresas devem", "empresas precisam"),
    "nl": ("in werking getreden", "treedt in werking", "boetes tot", "jaaromzet",
        "wat is de avg", "bedrijven moeten", "ondernemers"),
    "pl": ("wszedł w życie", "weszło w życie", "wejścia w życie", "kary do", "kary finansowe",
        "obrotu", "czym jest rodo", "firmy muszą", "przedsiębiorcy"),
    "ja": ("事業者は", "事業者の皆様", "罰則", "罰金", "解説", "改正法", "改正個人情報保護法",
        "対応すべき", "求められます", "とは何か", "全面施行", "施行された", "義務化",
        "義務になりました", "中小企業", "わかりやすく"),
    "zh": ("解读", "罚款", "营业额", "商家", "卖家", "企业应当", "企业需要", "需要注意",
        "正式施行", "起施行", "中小企业"),
    # Not "業者" alone: it ends the Japanese "事業者", the recipients a policy names.
    "zh-hant": ("解讀", "罰鍰", "罰款", "營業額", "企業應", "正式施行", "起施行", "中小企業"),
    "ko": ("과징금", "과태료", "기업은", "사업자는", "시행되었", "해설"),
    "ru": ("вступил в силу", "вступает в силу", "штраф*", "оборот*", "компаниям необходимо",
        "операторы обязаны"),
    "uk": ("набрав чинності", "набирає чинності", "штраф*", "компаніям необхідно"),
    "tr": ("yürürlüğe gir*", "para cezasi", "idari para", "şirketler", "işletmeler",
        "her şirket", "ne değişti", "hukuki tavsiye değildir"),
    # Fines and duties of every business, in more languages. A policy's own "takes effect on"
    # is no cue: policies say it of themselves.
    "sv": ("böter på upp till", "sanktionsavgift*", "företag måste"),
    "da": ("bøder på op til", "virksomheder skal"),
    "nb": ("bøter på opptil", "virksomheter må"),
    "fi": ("sakot jopa", "yritysten on", "yritysten täytyy"),
    "cs": ("pokuty až", "firmy musí"),
    "sk": ("pokuty až", "firmy musia"),
    "hu": ("bírság akár", "a cégeknek"),
    "ro": ("amenzi de până la", "companiile trebuie"),
    "el": ("πρόστιμα έως", "επιχειρήσεις πρέπει"),
    "bg": ("глоби до", "фирмите трябва"),
    "hr": ("kazne do", "tvrtke moraju"),
    "sl": ("globe do", "podjetja morajo"),
    "lt": ("baudos iki", "įmonės privalo"),
    "id": ("denda hingga", "perusahaan wajib"),
    "vi": ("phạt tiền đến", "doanh nghiệp phải"),
    "ca": ("multes de fins a", "les empreses han de"),
    "ar": ("غرامات تصل", "يجب على الشركات"),
    "he": ("קנסות של עד", "חברות חייבות"),
}
# ... and guides that tell every business what the law asks: "every company must", "what
# changed", "how to write a privacy policy", lawyers' advice. A policy speaks for one company.
_LAW_GUIDE: Phrases = {
    "en": ("every company must", "every business must", "every website must",
        "every website needs", "all companies must", "how to write a privacy policy",
        "what has changed", "what changed", "what you need to know", "amendments to the",
        "lawyers advise", "lawyers recommend", "in this guide", "step by step guide"),
    "de": ("jedes unternehmen muss", "jeder websitebetreiber", "jeder webseitenbetreiber",
        "alle unternehmen müssen", "so erstellen sie", "was sich ändert", "was ändert sich",
        "was sie wissen müssen", "worauf sie achten", "anwälte raten", "in diesem ratgeber"),
    "fr": ("toute entreprise doit", "chaque entreprise doit", "toutes les entreprises doivent",
        "ce qu'il faut savoir", "ce qui change", "comment rédiger", "les avocats conseillent",
        "ne constitue pas un avis juridique", "dans ce guide"),
    "es": ("toda empresa debe", "cada empresa debe", "todas las empresas deben",
        "lo que debes saber", "qué cambia", "cómo redactar", "los abogados recomiendan",
        "no constituye asesoramiento", "en esta guía"),
    "it": ("ogni azienda deve", "tutte le aziende devono", "cosa cambia", "cosa sapere",
        "come scrivere", "gli avvocati consigliano", "non costituisce consulenza",
        "in questa guida"),
    "pt": ("toda empresa deve", "todas as empresas devem", "o que muda", "o que mudou",
        "o que você precisa saber", "como escrever", "como redigir", "os advogados recomendam",
        "não constitui aconselhamento", "não constitui consultoria", "neste guia"),
    "nl": ("elk bedrijf moet", "alle bedrijven moeten", "wat verandert er", "wat je moet weten",
        "hoe schrijf je", "advocaten adviseren", "geen juridisch advies", "in deze gids"),
    "pl": ("każda firma musi", "każdy sklep", "każdy przedsiębiorca", "każdy administrator musi",
        "jak napisać", "co się zmieniło", "poradnik", "w tym poradniku", "pamiętaj",
        "nie kopiuj", "prawnicy radzą", "nie stanowi porady prawnej"),
    "ru": ("поправки к", "что изменилось", "все операторы должны", "операторы должны",
        "компаниям нужно", "компаниям следует", "обязанности компаний", "юристы советуют",
        "юристы рекомендуют", "не является юридической консультацией", "как составить"),
    "uk": ("зміни до закону", "що змінилося", "оператори повинні", "юристи радять",
        "не є юридичною консультацією"),
    "cs": ("každá firma musí", "co se mění", "co se změnilo", "jak napsat",
        "nejedná se o právní radu", "právníci doporučují"),
    "sv": ("varje företag måste", "alla företag måste", "vad som ändras", "så skriver du",
        "inte juridisk rådgivning"),
    "da": ("alle virksomheder skal", "enhver virksomhed skal", "hvad ændrer sig",
        "ikke juridisk rådgivning"),
}
# Product and marketing pages sell: plans, trials, downloads, reviews.
_PRODUCT_WORDING: Phrases = {
    "en": ("free trial", "start your free trial", "try it free", "try for free", "get started",
        "download now", "download", "install", "add to your browser", "add to chrome",
        "buy now", "add to cart", "order now", "upgrade", "our plans", "compare plans",
        "choose a plan", "choose your plan", "pricing", "per month",
        "per year", "money back guarantee", "what people say", "customer reviews", "reviews",
        "features", "why choose", "free for personal use", "no credit card required",
        "in stock", "free shipping", "sign up free", "book a demo", "request a demo"),
    "fr": ("essai gratuit", "essayer gratuitement", "télécharger", "acheter", "ajouter au panier",
        "tarifs", "par mois", "avis clients", "fonctionnalités", "sans engagement"),
    "de": ("kostenlos testen", "jetzt testen", "herunterladen", "jetzt kaufen", "in den warenkorb",
        "preise", "pro monat", "kundenbewertungen", "funktionen", "jetzt starten"),
    "es": ("prueba gratis", "pruébalo gratis", "descargar", "comprar", "añadir al carrito",
        "precios", "al mes", "por mes", "opiniones", "funciones"),
    "it": ("prova gratis", "prova gratuita", "scarica", "acquista", "aggiungi al carrello",
        "prezzi", "al mese", "recensioni", "funzionalità"),
    "pt": ("experimentar grátis", "teste grátis", "descarregar", "baixar", "comprar",
        "adicionar ao carrinho", "preços", "por mês", "avaliações", "funcionalidades"),
    "nl": ("gratis proberen", "probeer gratis", "downloaden", "kopen", "in winkelwagen",
        "prijzen", "per maand", "beoordelingen", "functies"),
}
# Job advertisements, for a data protection officer too: the headings of the role...
_JOB_HEADINGS: Phrases = {
    "en": ("what you'll do", "what you will do", "what you'll bring", "what you will bring",
        "what we offer", "what we're looking for", "about the role", "key responsibilities",
        "your profile", "benefits", "apply now", "how to apply", "job description"),
    "de": ("ihre aufgaben", "ihr profil", "wir bieten", "das bieten wir", "was wir bieten",
        "jetzt bewerben", "stellenbeschreibung"),
    "fr": ("vos missions", "votre profil", "nous offrons", "nous vous offrons", "postuler",
        "description du poste"),
    "es": ("tus funciones", "tus responsabilidades", "qué ofrecemos", "descripción del puesto"),
    "it": ("mansioni", "cosa offriamo", "descrizione del ruolo"),
    "pt": ("o que oferecemos", "descrição da vaga"),
    "nl": ("wat ga je doen", "wat vragen wij", "wat bieden wij", "functieomschrijving",
        "solliciteer direct"),
    "pl": ("zakres obowiązków", "twoje obowiązki", "oferujemy", "aplikuj", "opis stanowiska"),
    "sv": ("arbetsuppgifter", "vi erbjuder", "ansök nu", "om tjänsten"),
}
# ... and its terms, which a policy's sentences do not hold: hours, pay, the closing date.
_JOB_TERMS: Phrases = {
    "en": ("full time", "part time", "salary", "closing date", "application deadline",
        "per annum"),
    "de": ("vollzeit", "teilzeit", "bewerbungsfrist", "bruttojahresgehalt"),
    "fr": ("temps plein", "temps partiel", "date limite de candidature", "salaire brut"),
    "es": ("jornada completa", "media jornada", "plazo de inscripción", "salario bruto"),
    "it": ("tempo pieno", "scadenza candidature", "retribuzione annua"),
    "pt": ("tempo integral", "tempo inteiro", "prazo de candidatura", "salário bruto"),
    "nl": ("fulltime", "parttime", "sluitingsdatum", "bruto per maand"),
    "pl": ("pełny etat", "pół etatu", "wynagrodzenie brutto"),
    "sv": ("heltid", "deltid", "sista ansökningsdag"),
}
# Security and vulnerability-disclosure pages.
_SECURITY_WORDING: Phrases = {
    "en": ("vulnerabilit*", "security researcher*", "responsible disclosure",
        "coordinated disclosure", "vulnerability disclosure", "bug bounty", "penetration test*",
        "pen test*", "proof of concept", "out of scope", "in scope", "hall of fame", "pgp",
        "denial of service", "social engineering", "iso 27001", "iso iec 27001", "soc 2",
        "xss", "cve", "exploit", "exploits", "security headers", "hardware security keys",
        "least privilege"),
    "fr": ("vulnérabilité*", "faille* de sécurité", "divulgation responsable",
        "chercheur* en sécurité", "test* d'intrusion", "hors périmètre"),
    "de": ("schwachstelle*", "sicherheitslücke*", "responsible disclosure", "sicherheitsforscher*",
        "penetrationstest*", "meldung von sicherheitslücken"),
    "es": ("vulnerabilidad*", "divulgación responsable", "investigador* de seguridad",
        "pruebas de penetración", "fuera de alcance"),
    "it": ("vulnerabilità", "divulgazione responsabile", "ricercator* di sicurezza",
        "test di penetrazione"),
    "pt": ("vulnerabilidade*", "divulgação responsável", "investigador* de segurança",
        "pesquisador* de segurança", "testes de intrusão"),
    "nl": ("kwetsbaarhe*", "kwetsbaarheid", "responsible disclosure", "beveiligingsonderzoeker*"),
}

# fmt: on

_SEND = Phrasebook(_SEND_BUTTONS)
_BOOKS = {
    Genre.FORM: Phrasebook(_FORM_WORDING),
    Genre.CONTRACT: Phrasebook(_CONTRACT_WORDING),
    Genre.ARTICLE: Phrasebook(_ARTICLE_WORDING, _LAW_EXPLAINER, _LAW_GUIDE, _ARTICLE_FURNITURE),
    Genre.PRODUCT: Phrasebook(_PRODUCT_WORDING),
    Genre.SECURITY: Phrasebook(_SECURITY_WORDING),
    Genre.JOB: Phrasebook(_JOB_HEADINGS, _JOB_TERMS),
}
# All the wording in two books, one pass over a line each: the wording that counts anywhere, and
# that which counts only on short lines, headings and menus, where "Download" and "Comments" are
# buttons and furniture; in a policy's sentences they are not.
_ANYWHERE = Phrasebook(
    _FORM_WORDING,
    _CONTRACT_WORDING,
    _ARTICLE_WORDING,
    _LAW_EXPLAINER,
    _LAW_GUIDE,
    _SECURITY_WORDING,
    _JOB_TERMS,
)
_FURNITURE = Phrasebook(_ARTICLE_FURNITURE, _PRODUCT_WORDING, _JOB_HEADINGS)

# "**Name** *", "- Your e-mail *", "Phone (optional)": a field label.
_REQUIRED = re.compile(
    r"(?:\s\*|\*\*\s*\*|\(\s*(?:optional|optionnel|facultatif|optional|"
    r"opcional|facoltativo|optioneel|valgfri|frivillig)\s*\))\s*$",
    re.I,
)
# "( ) Player", "[ ] I agree", "( ) Yes ( ) No": radio buttons and ticks.
_CONTROL = re.compile(r"(?:^|\s)(?:\(\s?\)|\[\s?\])\s*\w")
# "2.1 Processor shall", "§ 3", "Article 5", "Clause 7": a contract's numbered clauses.
_CLAUSE = re.compile(
    r"^(?:#+\s*)?(?:\d+\.\d+\.?\s+\w|§\s*\d|(?:article|artikel|artículo|articolo|artigo|clause)"
    r"\s+\d+\b)",
    re.I,
)
# '("DPA")', '(the "Agreement")': a defined term.
_DEFINED_TERM = re.compile(r"\((?:the\s+)?[\"“„«]\s*[A-Z][\w -]{1,40}[\"”“»]\s*\)")
# "$4.99", "€ 12,00", "2,99 €/mês", "£32,000": a price; "★★★★★", "5 stars": a rating.
_PRICE_OR_RATING = re.compile(
    r"[$€£¥]\s?\d|\d(?:[.,]\d{2})?\s?(?:€|eur\b|usd\b|zł|kr\b)|★|☆|\b[1-5] stars?\b", re.I
)
# "Warm-up (5 minutes)", "Grade 4 · 45 minutes": a lesson's or an agenda's timed steps, in
# headings; a cookie table's durations stand in table rows.
_TIMED_STEP = re.compile(
    r"\b\d+\s*(?:min|mins|minutes|minuten|minutos|minuti|minuter|minutter|minut|minuut)\b", re.I
)
# A byline or dateline: "By Staff Reporter", "Ratgeber · 12. Juni 2018 · von Sabine Krüger".
_DATE = re.compile(r"\b(?:19|20)\d\d\b")
_BYLINE_WORD = re.compile(
    r"(?:^|[\s*_·|])(?:by|von|par|por|di|door|written by|posted by|publié|publicado|pubblicato|"
    r"veröffentlicht|gepubliceerd)\s",
    re.I,
)


@dataclass(frozen=True)
class GenreCues:
    """Per genre, how many lines carry its cues, how many of them in its wording rather than
    by shape alone, their words and the first cue found; and the words of all the lines read."""

    counts: Mapping[Genre, int]
    cue_words: Mapping[Genre, int]
    examples: Mapping[Genre, str]
    words: int
    worded: Mapping[Genre, int]

    def strongest(self) -> tuple[Genre, int] | None:
        """The genre with the most cues, if any."""
        if not any(self.counts.values()):
            return None
        genre = max(self.counts, key=lambda name: self.counts[name])
        return genre, self.counts[genre]


def read_genres(lines: Sequence[Line]) -> GenreCues:
    """Find, line by line, the cues of each genre in a page's lines."""
    counts = dict.fromkeys(Genre, 0)
    cue_words = dict.fromkeys(Genre, 0)
    worded = dict.fromkeys(Genre, 0)
    examples: dict[Genre, str] = {}
    for index, line in enumerate(lines):
        found, wording = _cues(line, first_lines=index < ARTICLE_HEAD_LINES)
        for genre, cue in found.items():
            counts[genre] += 1
            cue_words[genre] += line.words
            worded[genre] += genre in wording
            examples.setdefault(genre, cue)
    return GenreCues(counts, cue_words, examples, sum(line.words for line in lines), worded)


def _cues(line: Line, *, first_lines: bool) -> tuple[dict[Genre, str], set[Genre]]:
    """The genres whose cues a line carries, each with the first of them, and the genres whose
    wording it carries."""
    found: dict[Genre, str] = {}
    raw = line.raw
    short = line.words <= CONTROL_MAX_WORDS
    # A site's menu ("Home | Pricing | Blog | Subscribe") stands on policy pages too.
    menu = line.navigation and len(line.items) >= MENU_ITEMS
    if short and _REQUIRED.search(raw):
        found[Genre.FORM] = "a required field"
    elif _CONTROL.search(raw):
        found[Genre.FORM] = "a tick box"
    elif short and not menu and (sent := [item for item in line.items if _SEND.fullmatch(item)]):
        found[Genre.FORM] = f"a {sent[0]!r} button"
    if _CLAUSE.match(raw) or _DEFINED_TERM.search(raw):
        found[Genre.CONTRACT] = "a numbered clause or defined term"
    if _PRICE_OR_RATING.search(raw):
        found[Genre.PRODUCT] = "a price or rating"
    # "What changed in the data protection law?": an article asks in its headline; a policy's
    # questions come under its name, further down.
    if first_lines and line.heading and raw.rstrip(" *#").endswith(("?", "\uff1f")):
        found[Genre.ARTICLE] = "a question as headline"
    if line.heading and not line.table and _TIMED_STEP.search(raw):
        found[Genre.ARTICLE] = "a timed step"
    byline_place = first_lines and line.words <= SHORT_LINE_WORDS
    if byline_place and _DATE.search(raw) and _BYLINE_WORD.search(raw):
        found[Genre.ARTICLE] = "a byline"
    cues = _ANYWHERE.findall(line.text)
    if not menu and (line.words <= SHORT_LINE_WORDS or line.heading or line.navigation):
        cues += _FURNITURE.findall(line.text)
    wording = {_genre_of(cue) for cue in cues}
    for cue in cues:
        found.setdefault(_genre_of(cue), cue)
    return found, wording


_GENRE_CACHE: dict[str, Genre] = {}


def _genre_of(cue: str) -> Genre:
    """The genre of a matched cue; a phrase listed under two genres counts for the first."""
    if (genre := _GENRE_CACHE.get(cue)) is None:
        genre = next((name for name, book in _BOOKS.items() if book.fullmatch(cue)), Genre.ARTICLE)
        if len(_GENRE_CACHE) < 4096:
            _GENRE_CACHE[cue] = genre
    return genre
