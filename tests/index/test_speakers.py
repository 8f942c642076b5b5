"""The speaker index: statements read per article with the real spaCy pipeline, kept with the
catalog, reused for unchanged articles, re-read when the parser changes."""

from __future__ import annotations

import pytest

from index import catalog as catalog_module
from index import speakers
from index.speakers import SpeakerIndex, is_speaker, name_parts
from index.types import Paragraph


def article(article_id: str, *texts: str) -> list[Paragraph]:
    return [
        Paragraph(article_id=article_id, number=n, text=t, date="2001-03-02")
        for n, t in enumerate(texts, start=1)
    ]


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("Igor Sergeev", ("igor", "sergeev")),
        ("Defense Minister Sergeyev", ("", "sergeev")),
        ("President Vladimir Putin", ("vladimir", "putin")),
        ("Sergeev’s", ("", "sergeev")),
        ("the Kremlin", ("", "kremlin")),
    ],
)
def test_name_parts_fold_the_surname_and_keep_a_first_name(written, parts):
    assert name_parts(written) == parts


IVANOVS = article(
    "wire-ivanovs",
    "Foreign Minister Igor Ivanov said on Monday that Moscow would not change its position.",
    "Ivanov added that talks with the alliance would go on in March.",
)
KREMLIN = article("wire-kremlin", "The Kremlin warned the alliance against moving further east.")


@pytest.fixture(scope="module")
def index() -> SpeakerIndex:
    built, read = speakers.build(IVANOVS + KREMLIN)
    assert read == 3
    return built


def test_a_bare_surname_takes_the_first_name_the_article_gave_it(index):
    found = index.by("ivanov")
    assert [s.first for s in found] == ["igor", "igor"]
    assert [s.paragraph_id for s in found] == ["wire-ivanovs:p1", "wire-ivanovs:p2"]


def test_a_namesake_is_not_credited(index):
    assert index.by("ivanov", "igor")
    assert index.by("ivanov", "sergei") == []


def test_a_hyphenated_surname_is_found_by_its_last_word_too():
    built, _ = speakers.build(
        article("wire-riga", "Latvian President Vaira Vike-Freiberga said the talks went well.")
    )
    (said,) = built.by("vike-freiberga")
    assert (said.key, said.first) == ("vike-freiberga", "vaira")
    assert built.by("freiberga") == [said] and is_speaker(said, "freiberga", "vaira")
    assert built.by("freiberga", "ivar") == []  # a namesake
    assert list(built.speakers().values()) == [1]  # listed once, not under each key


def test_a_seat_of_power_speaks_for_its_country(index):
    for asked in ("kremlin", "moscow", "russia"):
        assert [s.paragraph_id for s in index.by(asked)] == ["wire-kremlin:p1"], asked
    assert all(is_speaker(s, "russia") for s in index.by("kremlin"))


def test_each_paragraph_keeps_its_entities_from_the_same_parse(index):
    text = IVANOVS[0].text
    named = {(e.label, text[e.start : e.end]) for e in index.entities_of("wire-ivanovs:p1")}
    assert {("PERSON", "Igor Ivanov"), ("DATE", "Monday"), ("GPE", "Moscow")} <= named
    assert {e.label for e in index.entities_of("wire-ivanovs:p2")} >= {"DATE"}  # "March"
    assert index.entities_of("no-such:p1") == []


def test_unchanged_articles_are_not_read_again(index):
    again, read = speakers.build(IVANOVS + KREMLIN, index)
    assert read == 0 and len(again) == len(index) and again.entities == index.entities
    edited = [IVANOVS[0], Paragraph(article_id="wire-ivanovs", number=2, text="Nothing more.")]
    changed, read = speakers.build(edited + KREMLIN, index)
    assert read == 2  # only the edited article, all of it (a pronoun reaches back a paragraph)
    assert [s.paragraph_id for s in changed.by("ivanov")] == ["wire-ivanovs:p1"]


def test_statements_read_by_another_parser_version_are_read_again(index):
    stale = SpeakerIndex({a: ("older-parser", found) for a, (_, found) in index.by_article.items()})
    _, read = speakers.build(IVANOVS + KREMLIN, stale)
    assert read == 3


def test_saved_and_loaded_unchanged(index, tmp_path):
    speakers.save(index, tmp_path)
    loaded = speakers.load(tmp_path)
    assert loaded is not None and loaded.by_article == index.by_article
    assert loaded.entities == index.entities and loaded.entities_of("wire-ivanovs:p1")
    (tmp_path / speakers.STATEMENTS_FILE).write_text("{not json\n")
    assert speakers.load(tmp_path) is None  # unreadable: read again, never half-trusted


def test_the_catalog_keeps_its_statements_and_repairs_a_lost_file(sample_settings):
    from index.embedder import load_embedder
    from index.store import ArchiveStore, identity_of

    embedder = load_embedder(sample_settings.model, sample_settings.backend, threads=1)
    store = ArchiveStore(sample_settings, identity_of(embedder))
    root = sample_settings.keyword_dir
    catalog = catalog_module.open_catalog(store, root)
    said = catalog.speakers.by("sergeev")
    assert any(s.paragraph_id.endswith("000-monitor-6-228:p7") for s in said)
    folder = catalog_module.current_folder(root)
    (folder / speakers.STATEMENTS_FILE).unlink()
    repaired = catalog_module.open_catalog(store, root)
    assert (folder / speakers.STATEMENTS_FILE).is_file()
    assert repaired.speakers.by_article == catalog.speakers.by_article


def test_a_first_name_written_anywhere_in_the_article_tells_namesakes_apart():
    """The article names "William S. Cohen" once and then quotes "Cohen": a question about Ariel
    Cohen finds none of it. A comma between two capitalised words joins no name ("In Europe,
    Cohen said")."""
    paragraphs = article(
        "wire-cohen",
        "Defense Secretary William S. Cohen arrived in Brussels on Monday.",
        "In Europe, Cohen said, the alliance must spend more on defense.",
    )
    built, _ = speakers.build(paragraphs)
    assert {s.first for s in built.by("cohen")} == {"william"}
    assert built.by("cohen", "ariel") == []
