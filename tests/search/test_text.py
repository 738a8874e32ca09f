from voneinander.search import text


def test_stems_drop_stop_words_and_unify_word_forms():
    assert text.stems("Die Häuser und den Häusern der Vereine") == ["haus", "haus", "verein"]


def test_parse_query_reads_phrases_alternatives_and_exclusions():
    parsed = text.parse_query('Dorf "digitale Bürger" Bus or Bahn -Auto')

    assert parsed.clauses == [[("dorf",)], [("digital", "burg")], [("bus",), ("bahn",)]]
    assert parsed.excluded == [("auto",)]


def test_parse_query_of_stop_words_only_is_empty():
    assert text.parse_query("und oder die").is_empty
    assert text.fts5_query(text.parse_query("und die")) is None


def test_fts5_query_quotes_every_term():
    parsed = text.parse_query('Dorf OR Stadt "offene Daten" -Papier')

    assert text.fts5_query(parsed) == '(("dorf" OR "stadt") AND ("off dat")) NOT "papi"'


def test_a_hyphenated_word_is_a_phrase_of_its_parts():
    assert text.parse_query("Online-Termin").clauses == [[("onlin", "termin")]]


def test_highlight_escapes_the_text_and_marks_word_forms():
    html = text.highlight("<b>Vereinen</b> & mehr", {"verein"})

    assert html == "&lt;b&gt;<mark>Vereinen</mark>&lt;/b&gt; &amp; mehr"


def test_snippet_shows_the_passage_with_the_most_matches():
    words = ["Füllwort"] * 60 + ["Der", "Mängelmelder", "meldet", "Mängel"] + ["Rest"] * 60

    snippet = text.snippet(" ".join(words), {"mangel", "mangelmeld"}, words_around=10)

    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "<mark>Mängelmelder</mark> meldet <mark>Mängel</mark>" in snippet


def test_headline_from_postgresql_is_escaped_before_marking():
    html = text.headline_to_html("a <script> ⟦Wort⟧ b")

    assert html == "a &lt;script&gt; <mark>Wort</mark> b"
