"""extract.classify: the labelled sets' gate, leave-one-writer-out floors, then one behaviour per
test for each reason."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from extract import fitted_weights
from extract.classify import CLASSIFIER_VERSION, Reason, Verdict, classify
from extract.lexicon import CORE_CATEGORIES, COVERED_LANGUAGES
from extract.page_lines import Page
from extract.policy_evidence import MODEL, SIGNALS
from extract.text_model import ngrams

FIXTURES = Path(__file__).parent / "fixtures" / "classify"
BLIND = FIXTURES / "blind"
FINAL = FIXTURES / "final"
SEALED = FIXTURES / "sealed"
SIXTH = FIXTURES / "sixth"
SEVENTH = FIXTURES / "seventh"
EIGHTH = FIXTURES / "eighth"
NINTH = FIXTURES / "ninth"
# Nine writers' sets: the author's, an independent batch, then seven batches each measured once
# by the version of its day before anyone read it (blind with version 2, final 3, sealed 4,
# sixth 5, seventh 6, eighth 7, ninth 8), development sets since.
LABEL_FILES = {
    "author": FIXTURES / "labels.yaml",
    "independent": FIXTURES / "independent" / "labels.yaml",
    "blind": BLIND / "labels.yaml",
    "final": FINAL / "labels.yaml",
    "sealed": SEALED / "labels.yaml",
    "sixth": SIXTH / "labels.yaml",
    "seventh": SEVENTH / "labels.yaml",
    "eighth": EIGHTH / "labels.yaml",
    "ninth": NINTH / "labels.yaml",
}
OTA_DEMO = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "ota-demo"
BENCH = Path(__file__).resolve().parents[1] / "bench" / "classify_eval.py"

# The bar.
MIN_PRECISION = 0.99
MIN_RECALL = 0.95
# Each kind of non-policy must mostly get its own reason, not merely "not a policy".
MIN_REASON_ACCURACY = 0.8
# Leave-one-writer-out as measured for version 9 (each writer held out, fitted on the other
# eight): sealed recall 0.991, sixth recall 0.990, seventh precision 0.990, every other figure
# 1.000. The ninth's figures are optimistic: version 9 fixed the banners, the login form and the
# short German policy the ninth writer showed.
ROTATION_FLOORS = {
    "author": (1.0, 1.0),
    "independent": (1.0, 1.0),
    "blind": (1.0, 1.0),
    "final": (1.0, 1.0),
    "sealed": (1.0, 0.99),
    "sixth": (1.0, 0.99),
    "seventh": (0.989, 1.0),
    "eighth": (1.0, 1.0),
    "ninth": (1.0, 1.0),
}


@dataclass(frozen=True)
class Labelled:
    file: Path
    label: str
    reason: Reason
    language: str | None
    split: str
    title: str | None
    requested_url: str | None
    final_url: str | None

    @property
    def is_policy(self) -> bool:
        return self.label == "policy"

    def verdict(self) -> Verdict:
        return classify(
            self.file.read_text(encoding="utf-8"),
            title=self.title,
            language=self.language,
            requested_url=self.requested_url,
            final_url=self.final_url or self.requested_url,
        )


def load_labels(labels: Path) -> list[Labelled]:
    fields = {field.name for field in dataclasses.fields(Labelled)} - {"file"}
    rows = yaml.safe_load(labels.read_text(encoding="utf-8"))
    return [
        Labelled(
            file=labels.parent / row["file"],
            **{key: value for key, value in row.items() if key in fields},
        )
        for row in rows
    ]


SETS = {name: load_labels(path) for name, path in LABEL_FILES.items()}
LABELS = [case for cases in SETS.values() for case in cases]
VERDICTS = {case.file: case.verdict() for case in LABELS}


def precision_recall(cases: list[Labelled]) -> tuple[float, float]:
    called = [case for case in cases if VERDICTS[case.file].is_policy]
    true_positives = sum(case.is_policy for case in called)
    positives = sum(case.is_policy for case in cases)
    precision = true_positives / len(called) if called else 1.0
    return precision, true_positives / positives if positives else 1.0


def _text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _labelled(path: Path) -> Labelled:
    return next(case for case in LABELS if case.file == path)


# ---- the labelled sets themselves ----


@pytest.mark.parametrize("name", LABEL_FILES)
def test_every_fixture_is_labelled_once_and_every_label_has_a_fixture(name: str) -> None:
    labels = LABEL_FILES[name]
    files = sorted(path.name for path in labels.parent.glob("*.md"))
    listed = [case.file.name for case in SETS[name]]
    assert sorted(listed) == files
    assert len(set(listed)) == len(listed)


def test_labels_are_consistent() -> None:
    for case in LABELS:
        assert case.label in {"policy", "not"}, case.file
        assert (case.reason == Reason.POLICY) == case.is_policy, case.file


def test_the_sets_are_large_and_varied_enough_to_mean_something() -> None:
    for name, cases in SETS.items():
        positives = [case for case in cases if case.is_policy]
        negatives = [case for case in cases if not case.is_policy]
        assert len(positives) >= 60, name
        assert len(negatives) >= 60, name
        assert len({case.language for case in positives}) >= 10, name
        assert {case.reason for case in negatives} == set(Reason) - {Reason.POLICY}, name


# ---- the gate ----


@pytest.mark.parametrize("name", [*SETS, "pooled"])
def test_precision_and_recall_meet_the_bar(name: str) -> None:
    precision, recall = precision_recall(LABELS if name == "pooled" else SETS[name])
    assert precision >= MIN_PRECISION, f"{name} precision {precision:.3f}"
    assert recall >= MIN_RECALL, f"{name} recall {recall:.3f}"


@pytest.mark.parametrize("reason", sorted(set(Reason) - {Reason.POLICY}))
def test_each_kind_of_non_policy_gets_its_own_reason(reason: Reason) -> None:
    cases = [case for case in LABELS if case.reason == reason]
    verdicts = [VERDICTS[case.file] for case in cases]
    assert not any(verdict.is_policy for verdict in verdicts)
    right = sum(verdict.reason == reason for verdict in verdicts)
    assert right / len(cases) >= MIN_REASON_ACCURACY, f"{right} of {len(cases)}"


@pytest.mark.parametrize(
    "language", sorted({case.language for case in LABELS if case.is_policy and case.language})
)
def test_policies_are_recognised_in_every_language(language: str) -> None:
    cases = [case for case in LABELS if case.is_policy and case.language == language]
    missed = [case.file.name for case in cases if not VERDICTS[case.file].is_policy]
    assert len(missed) <= len(cases) * (1 - MIN_RECALL), missed


# ---- the word lists cover the web's languages ----


@pytest.mark.parametrize("category", CORE_CATEGORIES)
def test_every_web_language_has_core_entries_in_each_category(category: str) -> None:
    """Each writer's misses were short policies in languages a list barely knew: a gap in any
    core category fails here, not on the next writer's texts."""
    phrases = CORE_CATEGORIES[category]
    missing = [language for language in COVERED_LANGUAGES if not phrases.get(language)]
    assert not missing, f"{category}: no entries for {', '.join(missing)}"


# ---- leave one writer out: fitted on the other writers, measured on one ----


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("classify_eval", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Its dataclasses look their module up by name while they are built.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench_sets(bench: ModuleType) -> list[Any]:
    """Each writer's labelled texts as the bench reads them, loaded once for every fit below."""
    return [bench.load_labels(path) for path in LABEL_FILES.values()]


@pytest.fixture(scope="module")
def rotations(bench: ModuleType, bench_sets: list[Any]) -> dict[str, tuple[float, float]]:
    scores = bench.leave_one_writer_out(bench_sets)
    return {
        name: (score.precision, score.recall)
        for name, score in zip(LABEL_FILES, scores, strict=True)
    }


@pytest.mark.parametrize("name", ROTATION_FLOORS)
def test_each_writer_held_out_keeps_its_measured_figures(
    rotations: dict[str, tuple[float, float]], name: str
) -> None:
    precision, recall = rotations[name]
    floor_precision, floor_recall = ROTATION_FLOORS[name]
    assert precision >= floor_precision, f"{name} held out: precision {precision:.3f}"
    assert recall >= floor_recall, f"{name} held out: recall {recall:.3f}"


def test_the_committed_weights_are_what_fitting_gives(
    bench: ModuleType, bench_sets: list[Any]
) -> None:
    """A word list changed without fitting again leaves weights fitted to other signals."""
    model, text_model = bench.fit_models([item for items in bench_sets for item in items])
    for name, weight in model.weights.items():
        assert MODEL.weights[name] == pytest.approx(weight, abs=0.01), name
    shared = text_model.weights.keys() & fitted_weights.NGRAM_WEIGHTS.keys()
    assert len(shared) >= 0.95 * len(text_model.weights)


# A weight this close to zero says nothing about which way its signal points.
NO_SIGN = 0.05


def test_the_weights_point_the_way_their_signals_mean() -> None:
    """A refit that turned a sign around would be fitting accidents of the labelled texts."""
    for_policy = {"handling", "personal_data", "topics", "density", "named_heading", "text"}
    against = {"terms", "other_page", "other_wording_rate", "byline", "named_other"}
    against |= {name for name in SIGNALS if name.endswith("_cues")}
    assert set(MODEL.weights) == set(SIGNALS)
    assert all(MODEL.weights[name] > 0 for name in for_policy)
    # "terms" shares its counts with "other_wording_rate", which carries the sign; fitted on seven
    # writers its own weight sits at +0.03, which is no sign either way.
    assert all(MODEL.weights[name] < NO_SIGN for name in against)


def test_the_ngram_model_learned_no_placeholder_names() -> None:
    """The labelled texts are set on .example sites of "Beispiel GmbH" and "Ejemplo S.L."."""
    placeholders = ("example", "exemple", "beispiel", "ejemplo", "esempio", "voorbeeld", "ornek")
    learned = " ".join(fitted_weights.NGRAM_WEIGHTS)
    assert not any(word in learned for word in placeholders)


# ---- the API others code against ----


def test_reasons_keep_the_values_stored_in_the_database() -> None:
    assert {reason.value for reason in Reason} == {
        "policy",
        "empty",
        "too_short",
        "soft_404",
        "login_wall",
        "cookie_banner_only",
        "homepage_redirect",
        "not_about_personal_data",
    }


def test_a_verdict_is_frozen_and_its_detail_is_one_line() -> None:
    verdict = classify(_text("policy_en_1998_bookshop.md"), title="Privacy Statement")
    assert isinstance(CLASSIFIER_VERSION, str) and CLASSIFIER_VERSION
    assert verdict == Verdict(True, Reason.POLICY, verdict.detail)
    assert "\n" not in verdict.detail and len(verdict.detail) < 300
    with pytest.raises(dataclasses.FrozenInstanceError):
        verdict.is_policy = False  # type: ignore[misc]


# ---- one behaviour per test ----


@pytest.mark.parametrize("markdown", ["", "  \n\t\n", "---\n\n* * *", "![](/spacer.gif)"])
def test_no_words_is_empty(markdown: str) -> None:
    assert classify(markdown).reason == Reason.EMPTY


def test_a_heading_alone_is_too_short() -> None:
    verdict = classify("# Privacy Policy\n\nComing soon.", title="Privacy Policy")
    assert (verdict.is_policy, verdict.reason) == (False, Reason.TOO_SHORT)


def test_a_very_short_real_policy_is_still_a_policy() -> None:
    markdown = (
        "# Privacy\n\nWe use your e-mail address only to send the club newsletter. We never "
        "share it or sell it. Unsubscribe at any time and your address is deleted."
    )
    assert classify(markdown).reason == Reason.POLICY


@pytest.mark.parametrize(
    ("title", "markdown"),
    [
        ("Page Not Found", "Sorry, we could not find that page. [Home](https://a.example/)"),
        ("Example", "# Oops! We can't find that page.\n\nTry the search box."),
        ("Erreur", "# Page introuvable\n\nLa page que vous recherchez n'existe pas."),
        ("Beispiel", "# Seite nicht gefunden\n\nBitte prüfen Sie die Adresse."),
        ("Página no encontrada", "Lo sentimos, la página que buscas no existe."),
        ("Esempio", "# Pagina non trovata\n\nTorna alla home page."),
        ("Exemplo", "# Página não encontrada\n\nVolte para a página inicial."),
        ("Voorbeeld", "# Pagina niet gevonden\n\nGa terug naar de homepage."),
        ("Przykład", "# Nie znaleziono strony\n\nStrona nie istnieje."),
        ("サンプル", "# お探しのページが見つかりません\n\nトップページへ戻る"),
        ("示例", "# 页面不存在\n\n返回首页"),
    ],
)
def test_error_pages_are_soft_404s_in_every_language(title: str, markdown: str) -> None:
    assert classify(markdown, title=title).reason == Reason.SOFT_404


@pytest.mark.parametrize(
    "markdown",
    [
        "# Hmm, that page is gone\n\nIt may have been moved or deleted. Try the help centre.",
        "The page you were looking for doesn't exist here anymore. Use the menu above.",
        "# Hoppla!\n\nDiese Seite gibt es leider nicht mehr.",
        "# Oups !\n\nCette page n'est plus disponible.",
    ],
)
def test_error_pages_without_404_or_not_found_are_soft_404s(markdown: str) -> None:
    assert classify(markdown, title="Example").reason == Reason.SOFT_404


def test_a_policy_explaining_404s_in_its_text_is_not_a_soft_404() -> None:
    verdict = classify(_text("policy_en_2015_mentions_not_found.md"), title="Privacy Policy")
    assert verdict.reason == Reason.POLICY


def test_an_unmistakable_policy_survives_a_broken_title() -> None:
    markdown = _text("policy_en_2018_gdpr_saas_long.md")
    assert classify(markdown, title="404 Not Found").reason == Reason.POLICY
    assert classify(markdown, title=None).reason == Reason.POLICY


@pytest.mark.parametrize(
    "markdown",
    [
        "# Sign in to continue\n\nEmail address\n\nPassword\n\nForgot your password?",
        "Username\n\nPassword\n\nRemember me\n\nLog in",
        "# Connectez-vous\n\nMot de passe\n\nSe connecter",
        "# Anmelden\n\nBitte melden Sie sich an.\n\nPasswort",
        "Debes iniciar sesión para continuar.\n\nContraseña",
        "Effettua l'accesso per continuare.\n\nNome utente\n\nPassword",
        "Faça login para continuar.\n\nSenha",
        "Log in om verder te gaan.\n\nWachtwoord",
        "# ログイン\n\nこのページを表示するにはログインしてください。\n\nパスワード",
    ],
)
def test_short_pages_asking_to_log_in_are_login_walls(markdown: str) -> None:
    assert classify(markdown).reason == Reason.LOGIN_WALL


def test_a_policy_that_says_sign_in_and_password_is_no_login_wall() -> None:
    verdict = classify(_text("policy_en_2010_sign_in_mentions.md"), title="Privacy")
    assert verdict.reason == Reason.POLICY


@pytest.mark.parametrize(
    "markdown",
    [
        "This website uses cookies to give you the best experience.\n\nGot it!",
        "Nous utilisons des cookies pour mesurer l'audience.\n\nTout accepter\n\nTout refuser",
        "Wir verwenden Cookies.\n\nAlle akzeptieren\n\nNur notwendige Cookies",
        "Utilizamos cookies propias y de terceros.\n\nAceptar\n\nRechazar",
        "Questo sito utilizza i cookie.\n\nAccetta tutti\n\nRifiuta",
        "Deze website gebruikt cookies.\n\nAlles accepteren",
    ],
)
def test_a_lone_consent_banner_is_cookie_banner_only(markdown: str) -> None:
    verdict = classify(markdown, title="Privacy Policy")
    assert verdict.reason == Reason.COOKIE_BANNER_ONLY


@pytest.mark.parametrize(
    "markdown",
    [
        'We use cookies to improve your visit. By clicking "Accept all" you agree.\n\n'
        "[Accept all](#) [Reject all](#) [Cookie settings](#)",
        "## Wir verwenden Cookies\n\nMit Klick auf „Alle akzeptieren“ willigen Sie ein.\n\n"
        "[x] Notwendig  [ ] Statistik  [ ] Marketing\n\n[Alle akzeptieren](#) [Speichern](#)",
        "Utilizamos cookies propias y de terceros para fines analíticos. Puedes aceptar todas "
        "las cookies o configurarlas.\n\n[Aceptar](#) [Rechazar](#) [Configurar](#)",
        "Vi använder kakor för att webbplatsen ska fungera.\n\n[Godkänn alla](#) "
        "[Endast nödvändiga](#)",
    ],
    ids=["en", "de", "es", "sv"],
)
def test_a_banner_with_its_buttons_on_one_line_is_cookie_banner_only(markdown: str) -> None:
    verdict = classify(markdown, title="Privacy Policy")
    assert verdict.reason == Reason.COOKIE_BANNER_ONLY, verdict.detail


def test_a_long_consent_banner_naming_privacy_is_no_policy() -> None:
    markdown = (FIXTURES / "independent" / "banner_en_tcf_style_long.md").read_text("utf-8")
    verdict = classify(markdown, title="Privacy Policy")
    assert verdict.reason == Reason.COOKIE_BANNER_ONLY


def test_a_banner_whose_buttons_extraction_lost_is_still_a_banner() -> None:
    markdown = (
        "This website uses cookies to give you the best experience. By continuing to browse, "
        "you agree to our use of cookies."
    )
    assert classify(markdown, title="Privacy Policy").reason == Reason.COOKIE_BANNER_ONLY


def test_a_banner_after_a_real_policy_does_not_hide_it() -> None:
    verdict = classify(_text("policy_en_2023_with_cookie_banner.md"), title="Privacy Policy")
    assert verdict.reason == Reason.POLICY


def test_a_policy_saying_we_use_cookies_without_buttons_keeps_that_sentence() -> None:
    verdict = classify(_text("policy_da_2010_webshop.md"), title="Privatlivspolitik")
    assert verdict.reason == Reason.POLICY


@pytest.mark.parametrize(
    "final_url",
    [
        "https://shop.example/",
        "https://shop.example",
        "https://shop.example/index.html",
        "https://shop.example/default.aspx",
        "https://shop.example/en/",
        "https://shop.example/fr-fr/",
        "https://shop.example/de/index.php",
        "https://shop.example/home",
        "https://shop.example/?lang=es",
        "https://web.archive.org/web/20050101000000/http://shop.example/",
        "https://web.archive.org/web/20050101000000id_/shop.example/",
    ],
)
def test_a_redirect_to_the_home_page_is_a_homepage_redirect(final_url: str) -> None:
    verdict = classify(
        _text("home_en_shop.md"),
        requested_url="https://shop.example/pages/privacy-policy",
        final_url=final_url,
    )
    assert verdict.reason == Reason.HOMEPAGE_REDIRECT
    assert "/pages/privacy-policy" in verdict.detail


@pytest.mark.parametrize(
    ("requested_url", "final_url"),
    [
        ("https://shop.example/", "https://shop.example/"),  # a home page asked for as such
        ("https://shop.example/privacy", "https://shop.example/legal/privacy"),
        ("https://shop.example/privacy", "https://shop.example/pp"),  # not a language code
        ("https://shop.example/privacy", "https://shop.example/index.php?page=privacy"),
        ("https://shop.example/privacy", None),
    ],
)
def test_other_redirects_are_not_homepage_redirects(
    requested_url: str, final_url: str | None
) -> None:
    verdict = classify(_text("home_en_shop.md"), requested_url=requested_url, final_url=final_url)
    assert verdict.reason != Reason.HOMEPAGE_REDIRECT


def test_a_policy_at_the_root_of_a_privacy_site_is_still_a_policy() -> None:
    verdict = classify(
        _text("policy_en_2018_gdpr_saas_long.md"),
        title="Privacy Notice | Ledgerly",
        requested_url="https://ledgerly.example/privacy",
        final_url="https://privacy.ledgerly.example/",
    )
    assert verdict.reason == Reason.POLICY


@pytest.mark.parametrize(
    "name",
    [
        "terms_en_saas_mentions_personal_data_once.md",
        "terms_de_agb.md",
        "legal_fr_mentions_legales.md",
        "blog_en_privacy_tips_article.md",
        "security_en_trust_page.md",
        "blog_en_policy_update_announcement.md",
    ],
)
def test_pages_that_mention_privacy_are_not_about_personal_data(name: str) -> None:
    case = next(case for case in LABELS if case.file == FIXTURES / name)
    verdict = classify(_text(name), title=case.title)
    assert verdict.reason == Reason.NOT_ABOUT_PERSONAL_DATA
    assert "not a policy" in verdict.detail or "announces" in verdict.detail


def test_an_article_about_the_gdpr_is_not_a_policy() -> None:
    verdict = classify(
        (FIXTURES / "independent" / "blog_en_gdpr_explainer.md").read_text(encoding="utf-8"),
        title="GDPR for small online shops: 7 things you actually need to do",
    )
    assert verdict.reason == Reason.NOT_ABOUT_PERSONAL_DATA
    assert "article cues" in verdict.detail or "reads as an article" in verdict.detail


@pytest.mark.parametrize(
    "markdown",
    [
        "# Privacy\n\nI keep the e-mail addresses of people who write to me so that I can answer "
        "them. I never sell them or give them to anyone, and I delete old mail every year. No "
        "cookies here.",
        "Los datos que nos envías por el formulario los usamos solo para responderte. No los "
        "vendemos ni los cedemos a nadie. Si quieres que los borremos, escríbenos y lo hacemos.",
        "# Datenschutz\n\nWir speichern Ihren Namen und Ihre E-Mail-Adresse nur, um Ihnen den "
        "Newsletter zu schicken. Wir geben Ihre Daten nicht an Dritte weiter. Eine Abmeldung ist "
        "jederzeit möglich.",
        "# Vie privée\n\nLes informations que vous nous donnez (nom, e-mail) servent seulement à "
        "vous répondre. Nous ne les communiquons à personne. Vous pouvez demander leur "
        "suppression à tout moment.",
        "# Privacy\n\nRaccogliamo solo il nome e l'indirizzo e-mail di chi si iscrive alla "
        "newsletter. Non li cediamo a terzi e li cancelliamo quando ti disiscrivi.",
        "# Privacy\n\nDe club bewaart namen, adressen en telefoonnummers van leden in de "
        "ledenlijst, alleen voor de contributie en de uitnodigingen. Wie opzegt, wordt binnen "
        "een jaar uit de lijst verwijderd. Vragen? Bel de secretaris.",
        "# For parents\n\nTo join, a child gives us a first name and a parent's e-mail address; "
        "we never ask for more. Parents can ask us to see or delete their child's information "
        "at any time. We follow the Children's Online Privacy Protection Act (COPPA).",
    ],
    ids=["en", "es", "de", "fr", "it", "nl", "en-coppa"],
)
def test_short_plain_language_policies_are_policies(markdown: str) -> None:
    verdict = classify(markdown)
    assert verdict.reason == Reason.POLICY, verdict.detail


def test_a_policy_verdict_says_what_counted() -> None:
    verdict = classify(_text("policy_en_1998_bookshop.md"), title="Privacy Statement")
    assert verdict.detail.startswith("policy score +")
    # The strongest signals, each with its share of the score: here the bookshop's handling.
    assert "handling statements per 100 words (+" in verdict.detail


def test_a_legal_page_with_terms_first_and_the_policy_second_is_a_policy() -> None:
    markdown = _text("policy_en_2024_legal_hub_terms_and_privacy.md")
    # The terms again, twice, push the policy below the whole-text density: its section remains.
    terms = markdown.split("## Privacy Policy")[0]
    verdict = classify(terms * 3 + markdown, title="Legal")
    assert verdict.reason == Reason.POLICY


def test_text_without_spaces_is_counted_by_characters() -> None:
    too_short = classify("読み込み中…", language="ja")
    assert too_short.reason == Reason.TOO_SHORT
    thai = "ข้อมูลส่วนบุคคล" * 40
    assert classify(thai, language="th").reason == Reason.NOT_ABOUT_PERSONAL_DATA


def test_accents_may_be_missing() -> None:
    verdict = classify(_text("policy_fr_2005_boutique_sans_accents.md"))
    assert verdict.reason == Reason.POLICY


# ---- stubs, walls and banners that version 2 mistook ----


@pytest.mark.parametrize(
    "markdown",
    [
        "This page has moved.\n\nIf you are not redirected automatically within 5 seconds, "
        "please [click here](http://gallery.example/new/).",
        "# Our Privacy Policy has moved\n\nPlease update your bookmarks.",
        "# Wir sind umgezogen!\n\nUnsere Website hat eine neue Adresse.",
        "# Nous avons déménagé\n\nRetrouvez-nous à notre nouvelle adresse.",
    ],
    ids=["en-redirect", "en-policy", "de", "fr"],
)
def test_a_page_moved_stub_is_a_soft_404(markdown: str) -> None:
    verdict = classify(markdown, title="Privacy Policy")
    assert verdict.reason == Reason.SOFT_404, verdict.detail


@pytest.mark.parametrize(
    ("title", "markdown"),
    [
        ("oldshop.example", "This domain may be for sale! Buy this domain."),
        ("yoga.example has expired", "This domain name registration has expired."),
        ("Domain", "# Diese Domain steht zum Verkauf\n\nMachen Sie uns ein Angebot!"),
        ("Dominio", "Este dominio está a la venta."),
    ],
)
def test_a_parked_or_expired_domain_is_not_about_personal_data(title: str, markdown: str) -> None:
    verdict = classify(markdown, title=title)
    assert verdict.reason == Reason.NOT_ABOUT_PERSONAL_DATA
    assert verdict.detail.startswith("parked domain")


def test_an_expired_domain_asking_its_owner_to_log_in_is_no_login_wall() -> None:
    verdict = classify(_text("blind/not_parking_en_expired.md"), title="x.example has expired")
    assert verdict.reason == Reason.NOT_ABOUT_PERSONAL_DATA


@pytest.mark.parametrize(
    "markdown",
    [
        "# Council approves car park\n\nThe council voted on Tuesday to\n\n"
        "**Subscribe to keep reading**\n\nAlready a subscriber? [Log in](/login)",
        "# Freight Rates Q3\n\nThis report is available to Premium members.\n\n"
        "[Upgrade to Premium](/pricing)",
        "# Le budget 2024\n\nCet article est réservé aux abonnés. Déjà abonné ? Connexion",
        "# Stadtrat beschließt\n\nDieser Artikel ist nur für Abonnenten.",
    ],
    ids=["en-news", "en-report", "fr", "de"],
)
def test_a_paywall_is_a_login_wall(markdown: str) -> None:
    verdict = classify(markdown)
    assert verdict.reason == Reason.LOGIN_WALL, verdict.detail


@pytest.mark.parametrize(
    "name", ["not_banner_en_tcf_long.md", "not_banner_de_tcf.md", "not_banner_it_consenso.md"]
)
def test_consent_walls_with_buttons_set_out_as_a_menu_are_banners(name: str) -> None:
    case = _labelled(BLIND / name)
    assert VERDICTS[case.file].reason == Reason.COOKIE_BANNER_ONLY, VERDICTS[case.file].detail


def test_page_lines_read_buttons_set_out_as_a_menu() -> None:
    line = Page.read("**I ACCEPT** | **I DO NOT ACCEPT** | **MANAGE OPTIONS**").lines[0]
    assert line.items == ("i accept", "i do not accept", "manage options")


def test_page_lines_read_bold_buttons_side_by_side() -> None:
    line = Page.read("**More options** **Disagree** **Agree**").lines[0]
    assert line.items == ("more options", "disagree", "agree")


@pytest.mark.parametrize(
    "markdown",
    [
        "## We value your privacy\n\nWe and our partners store and/or access information on a "
        "device, such as cookies, and process personal data for personalised advertising. You "
        "may withdraw your consent at any time.\n\n**MORE OPTIONS** **DISAGREE** **AGREE**",
        "## Your Privacy Choices\n\nWhen you visit our website, we store cookies on your browser "
        "to collect information. You may opt out of the sale of your personal information.\n\n"
        "Allow sale/sharing ● On\n\n**Confirm my choices**",
        "**Cookie settings**\n\nWe use cookies for analytics and advertising based on your "
        "browsing. You can accept them all or choose.\n\n| Type | Status |\n|---|---|\n"
        "| Strictly necessary | Always active |\n| Analytics | ○ |\n| Marketing | ○ |\n\n"
        "**Reject** **Settings** **Accept**",
    ],
    ids=["bold-buttons", "switch-knob", "table-of-categories"],
)
def test_preference_centres_drawn_in_other_ways_are_banners(markdown: str) -> None:
    """Buttons as bold runs, a knob after a purpose, categories and switches in a table."""
    verdict = classify(markdown, title="Privacy Policy")
    assert verdict.reason == Reason.COOKIE_BANNER_ONLY, verdict.detail


@pytest.mark.parametrize(
    "markdown",
    [
        "## Cookie-asetukset\n\nKäytämme evästeitä ja vastaavia tekniikoita sivuston "
        "toimintaan, analytiikkaan ja mainontaan. Voit muuttaa valintojasi milloin tahansa.\n\n"
        "[Asetukset] [Hylkää] [Hyväksy kaikki]",
        "# Nastavitve piškotkov\n\nTa spletna stran uporablja piškotke.\n\n"
        "**Nujni piškotki** — Vedno aktivno\n\n**Analitični piškotki** — [ izklopljeno ]\n\n"
        "**Oglaševalski piškotki** — [ izklopljeno ]\n\n[Shrani] [Sprejmi vse]",
        "# Setări cookie\n\nFolosim cookie-uri pentru funcționarea site-ului și pentru "
        "statistici.\n\nNecesare ✔ · Statistici ☐ · Marketing ☐\n\n[Refuză] [Acceptă tot]",
    ],
    ids=["bracketed-buttons", "bracketed-switches", "ticks-in-a-row"],
)
def test_consent_controls_are_known_by_their_shape_in_any_language(markdown: str) -> None:
    """A row of bracketed buttons, switch states, ticks: no word of these languages is needed."""
    verdict = classify(markdown, title="Privacy")
    assert verdict.reason == Reason.COOKIE_BANNER_ONLY, verdict.detail


def test_a_short_cookie_table_ending_in_buttons_is_a_preference_centre() -> None:
    verdict = classify(_text("sixth/banner_de_cookie_details.md"), title="Datenschutz")
    assert verdict.reason == Reason.COOKIE_BANNER_ONLY, verdict.detail


def test_a_login_form_with_a_privacy_sentence_under_it_is_a_login_wall() -> None:
    markdown = (
        "# Přihlášení\n\nUživatelské jméno:\n\nHeslo:\n\n[Přihlásit]\n\n"
        "[Zapomenuté heslo?](/reset)\n\nVaše osobní údaje zpracováváme v souladu s GDPR. Máte "
        "právo na přístup k osobním údajům, jejich opravu a výmaz. Více v zásadách ochrany "
        "osobních údajů."
    )
    verdict = classify(markdown, title="Ochrana osobních údajů")
    assert verdict.reason == Reason.LOGIN_WALL, verdict.detail


@pytest.mark.parametrize(
    "name", ["seventh/login_sv_bankid.md", "seventh/login_fr_espace_adherent.md"]
)
def test_a_page_built_around_signing_in_is_a_login_wall_whatever_stands_under_it(
    name: str,
) -> None:
    """A demand to sign in and sign-in controls on lines of their own: BankID buttons, "Mot de
    passe" alone as a label, "Mot de passe oublié ?", with a GDPR paragraph under them."""
    verdict = classify(_text(name))
    assert verdict.reason == Reason.LOGIN_WALL, verdict.detail


def test_sign_in_controls_in_a_page_that_is_no_wall_do_not_make_one() -> None:
    markdown = (
        "# Members' newsletter\n\nSign in with your member number to read back issues.\n\n"
        "We collect your name and e-mail address to send the newsletter and keep them until "
        "you unsubscribe. We never sell or share your personal data. You have the right to "
        "access, correct and delete your data; write to privacy@club.example.\n\n"
        "[Create an account](/join) · [Forgot password?](/reset)"
    )
    assert classify(markdown, title="Privacy").is_policy


def test_a_banner_whose_buttons_say_more_than_the_known_labels_is_a_banner() -> None:
    """ "Akceptuję wszystkie", "Ustawienia plików cookie": a known button and a few words more."""
    verdict = classify(_text("seventh/banner_pl_zgoda.md"), title="Polityka prywatności | Meblex")
    assert verdict.reason == Reason.COOKIE_BANNER_ONLY, verdict.detail


def test_a_page_named_as_another_document_needs_strong_evidence() -> None:
    """An acceptable use policy at a privacy URL lists "collecting personal information about
    third parties" among prohibited uses; it names itself in its heading."""
    markdown = (
        "# Acceptable use policy\n\nThis acceptable use policy is an agreement between Website "
        "Operator and you. It sets out the acceptable and prohibited uses of the website.\n\n"
        "## Prohibited uses\n\n- Collecting personal information about third parties without "
        "their consent.\n- Harvesting e-mail addresses or other personal data of users.\n- "
        "Infringing the privacy rights of others.\n\nWe may suspend accounts and disclose your "
        "personal information where the law requires. Report abuse to abuse@operator.example."
    )
    verdict = classify(markdown, requested_url="https://operator.example/privacy")
    assert verdict.reason == Reason.NOT_ABOUT_PERSONAL_DATA, verdict.detail


def test_a_guide_telling_every_business_what_the_law_asks_is_no_policy() -> None:
    verdict = classify(_text("sixth/blog_pl_rodo_poradnik.md"))
    assert verdict.reason == Reason.NOT_ABOUT_PERSONAL_DATA
    assert "reads as an article" in verdict.detail


def test_a_cookie_table_of_a_policy_is_no_preference_centre() -> None:
    markdown = (
        "# Cookie Policy\n\nWe use the cookies below. You can delete them in your browser at any "
        "time; we keep the information they collect for two years at most.\n\n"
        "| Cookie | Purpose | Duration |\n|---|---|---|\n| _ga | Analytics | 2 years |\n"
        "| session | Keeps you signed in | Session |"
    )
    assert classify(markdown, title="Cookie Policy").reason != Reason.COOKIE_BANNER_ONLY


def test_a_standard_cookie_notice_without_buttons_is_a_banner() -> None:
    markdown = (
        "This website stores cookies on your computer. These cookies are used to collect "
        "information about how you interact with our website. To find out more, see our Privacy "
        "Policy.\n\nIf you decline, your information won't be tracked when you visit this "
        "website. A single cookie will be used to remember your preference not to be tracked."
    )
    assert classify(markdown, title="Privacy Statement").reason == Reason.COOKIE_BANNER_ONLY


def test_a_short_policy_saying_the_page_you_called_up_is_no_soft_404() -> None:
    """German policies list "die aufgerufene Seite" among the data a server logs."""
    verdict = VERDICTS[BLIND / "policy_de_2004_datenschutz_kurz.md"]
    assert verdict.reason == Reason.POLICY, verdict.detail


def test_a_long_policy_saying_the_page_you_called_up_is_no_soft_404() -> None:
    markdown = _text("policy_de_2018_dsgvo_onlineshop.md")
    logs = (
        "Beim Aufruf speichert der Server die aufgerufene Seite, die Seite existiert nicht "
        "mehr im Protokoll, sobald sie gelöscht wurde. Fehler 404 werden ebenso erfasst."
    )
    verdict = classify(f"{logs}\n\n{markdown}", title="Datenschutz")
    assert verdict.reason == Reason.POLICY, verdict.detail


# ---- other genres that speak of personal data ----


@pytest.mark.parametrize(
    ("name", "genre"),
    [
        ("not_form_en_dsar_request.md", "a form"),
        ("not_dpa_en_data_processing_addendum.md", "a contract"),
        ("not_blog_de_dsgvo_ratgeber.md", "an article"),
        ("not_product_en_privacy_tool.md", "a product page"),
        ("not_security_en_vuln_disclosure.md", "a security page"),
    ],
)
def test_pages_of_other_genres_dense_with_privacy_words_are_not_policies(
    name: str, genre: str
) -> None:
    verdict = VERDICTS[BLIND / name]
    assert verdict.reason == Reason.NOT_ABOUT_PERSONAL_DATA
    assert f"reads as {genre}" in verdict.detail


def test_a_policy_that_ends_with_a_contact_form_is_still_a_policy() -> None:
    form = (
        "## Write to our data protection officer\n\n**Name** *\n\n**E-mail** *\n\n"
        "**Your message** *\n\n[ ] I agree that my details are used to answer me. *\n\n"
        "**Send**"
    )
    markdown = _text("policy_en_2019_ccpa_retailer.md") + "\n\n" + form
    assert classify(markdown, title="Privacy Policy").reason == Reason.POLICY


def test_a_short_policy_with_a_line_of_contact_fields_is_still_a_policy() -> None:
    markdown = (
        "# Privacy\n\nWe use the name and e-mail address you give us in this form only to "
        "answer your question. We keep them for a year and then delete them. We never sell or "
        "share them with anyone. You can ask us to delete them sooner.\n\nName *\n\nE-mail *"
    )
    assert classify(markdown).reason == Reason.POLICY


# ---- the n-gram model ----


def test_ngrams_are_words_word_pairs_and_letter_runs() -> None:
    found = ngrams(["we collect"])
    assert {"w:we", "w:collect", "w:we collect", " we", "coll", "llect"} <= set(found)
    assert all(":" not in gram for gram in found if not gram.startswith("w:"))


def test_a_policy_verdict_names_the_ngrams_that_spoke_for_it() -> None:
    verdict = classify(_text("policy_en_2019_ccpa_retailer.md"), title="Privacy Policy")
    assert re.search(r"n-grams '\w+", verdict.detail), verdict.detail


def test_e_mail_addresses_and_domains_are_left_out_of_the_wording() -> None:
    line = Page.read("Write to privacy@shop.example or visit shop.example today.").lines[0]
    assert line.wording == "write to or visit today"
    assert "example" in line.text


# A few sentences each, written to check that the word lists of languages no labelled set holds
# reach the score: what the site collects, that it does not sell or share, deletion, retention.
# (Greek, Ukrainian, Bulgarian, Arabic and Hebrew have word lists too; their letters upset the
# linter here.)
SHORT_POLICIES_IN_MORE_LANGUAGES = {
    "hu": "# Adatvédelmi tájékoztató\n\nA megadott nevét és e-mail címét csak a válaszhoz "
    "használjuk. Személyes adatait harmadik félnek nem adjuk át és nem adjuk el. Kérheti "
    "törlésüket. Egy évig őrizzük meg őket.",
    "ro": "# Politica de confidențialitate\n\nColectăm numele și adresa de e-mail doar pentru a "
    "vă răspunde. Nu vindem datele cu caracter personal către terți. Puteți cere ștergerea lor. "
    "Păstrăm datele un an.",
    "sk": "# Ochrana osobných údajov\n\nZhromažďujeme meno a e-mail iba na odpoveď. Vaše osobné "
    "údaje nepredávame tretím stranám. O výmaz môžete požiadať kedykoľvek. Údaje uchovávame "
    "jeden rok.",
    "id": "# Kebijakan Privasi\n\nKami mengumpulkan nama dan alamat email Anda hanya untuk "
    "membalas pesan Anda. Kami tidak menjual data pribadi Anda kepada pihak ketiga. Anda dapat "
    "meminta kami menghapusnya. Kami menyimpan data selama satu tahun.",
    "vi": "# Chính sách bảo mật\n\nChúng tôi thu thập tên và email bạn cung cấp chỉ để trả lời "
    "bạn. Chúng tôi không bán dữ liệu cá nhân của bạn cho bên thứ ba. Bạn có thể yêu cầu xóa "
    "dữ liệu. Chúng tôi lưu trữ dữ liệu trong một năm.",
    "hr": "# Politika privatnosti\n\nPrikupljamo ime i e-mail adresu samo da bismo vam "
    "odgovorili. Osobne podatke ne prodajemo trećim stranama. Brisanje možete zatražiti bilo "
    "kada. Podatke čuvamo godinu dana.",
}


@pytest.mark.parametrize("language", SHORT_POLICIES_IN_MORE_LANGUAGES)
def test_short_policies_in_languages_no_labelled_set_holds_are_policies(language: str) -> None:
    verdict = classify(SHORT_POLICIES_IN_MORE_LANGUAGES[language], language=language)
    assert verdict.reason == Reason.POLICY, verdict.detail


# ---- real pages ----


@pytest.mark.realdata
def test_real_policies_are_policies() -> None:
    """Every OTA capture's curated text is a policy; so is every extraction that kept its text."""
    if not OTA_DEMO.is_dir():
        pytest.skip(f"{OTA_DEMO} not found")
    from extract.markdown import extract_policy
    from replay.corpus import load_corpus

    reasons: Counter[Reason] = Counter()
    for capture in load_corpus(OTA_DEMO):
        gold = classify(capture.gold_markdown.read_text(encoding="utf-8"), language="en")
        assert gold.is_policy, (capture.gold_markdown, gold.detail)
        extraction = extract_policy(capture.html.read_bytes(), capture.url)
        verdict = classify(
            extraction.markdown, title=extraction.title, language=extraction.language
        )
        reasons[verdict.reason] += 1
        # One capture is a meta-refresh page, "You should be redirected quickly": no policy in it.
        assert verdict.is_policy or extraction.word_count < 50, (capture.html, verdict.detail)
    assert reasons[Reason.POLICY] >= 99


# ---- junk the crawl will meet ----


def test_an_unreadable_url_is_no_evidence_of_a_redirect() -> None:
    verdict = classify(
        _text("policy_en_1998_bookshop.md"), requested_url="::::", final_url="http://[bad"
    )
    assert verdict.reason == Reason.POLICY


@pytest.mark.parametrize(
    "markdown",
    [
        "[" * 200_000 + "](" * 50_000,  # unmatched brackets: quadratic for an unbounded pattern
        "personal data we collect " * 50_000,  # one huge line of terms
    ],
)
def test_junk_lines_are_classified_without_error(markdown: str) -> None:
    assert classify(markdown).reason in set(Reason)
