#!/usr/bin/env python3
"""Writes a synthetic handbook of N pages (default 10,000) for measuring build and search at scale.

    python3 scripts/gen-synthetic.py OUT_DIR [--pages 10000] [--seed 1]
    python3 scripts/gen-synthetic.py OUT_DIR --format hugo
    python3 scripts/gen-synthetic.py OUT_DIR --formats triobog,hugo,mdbook

The pages are Danish-like Markdown of about 1,050 words each by this script's count, 7.6 KB
(10,000 pages ≈ 76 MB; issue 8's reference is ~900 words a page, ~79 MB at 10,000): sentences
drawn from a word-pair (bigram) model of the real handbook in content/, with new closed compounds
made from its nouns so the vocabulary keeps growing with the number of pages as a real corpus
does; headings, bullet and numbered lists, a table now and then, a fenced code block now and
then, and links between pages. Mostly cases, some of every kind (tool, case, deck, questions,
part, page), with valid front matter and front-matter references between them.

One page model, three layouts of *the same pages*:
  triobog  site.toml + content/ (TOML front matter, links written @/folder/page.md)
  hugo     config.toml + content/ (TOML front matter, links through {{< ref >}}), taxonomies
           for themes, sectors and tools, a JSON search index of every page (the usual recipe
           for client-side search; Hugo has none built in) and a minimal theme in layouts/
  mdbook   book.toml + src/SUMMARY.md listing every page (that is how mdBook works), the front
           matter as a heading and a list at the top of each page, relative .md links; mdBook's
           own search is on by default

--format X writes one layout into OUT_DIR; --formats X,Y,... writes each into OUT_DIR/X/.
Deterministic for a given seed and page count. OUT_DIR must not exist or be empty.
"""
import argparse
import os
import posixpath
import random
import re
import sys
from collections import defaultdict

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORD = re.compile(r"[A-Za-zÆØÅæøåéü]+")
FORMATS = ("triobog", "hugo", "mdbook")
SITE_TITLE = "Syntetisk TRIO-håndbog"
BASE_URL = "https://intranet.example.dk/trio/"

THEMES = ["Hård tone", "Forandringer", "Trivsel", "Samarbejde", "Arbejdsmængde", "Faglig identitet",
          "Sygefravær", "Vold og trusler", "Følelsesmæssige krav", "Introduktion af nye medarbejdere",
          "Konflikter", "Ledelse", "Tillid", "Arbejdstid", "Mening i arbejdet", "Social kapital"]
SECTORS = ["Kommune", "Region", "Hospital", "Stat", "Ældrepleje", "Dagtilbud", "Skole", "Privat virksomhed"]
WORKPLACES = ["Hjemmeplejen", "Akutafdeling", "Daginstitution", "Jobcenter", "Botilbud", "Folkeskole",
              "Økonomicenter", "Rengøringsservice", "Vej og park", "Borgerservice", "Plejecenter",
              "Sengeafsnit", "Tandplejen", "Familieafdeling", "Bibliotek", "Kantine"]
DIRECTIONS = ["Nord", "Syd", "Øst", "Vest", "Midt", "City", "Havnen", "Skovbrynet"]
COLORS = ["#1d5c63", "#8a3b12", "#4b3f72", "#2f5d1e", "#7a2740", "#3d4f7c", "#6b4e16", "#225560"]
MATERIALS = ["Papir og kuglepenne", "Flipover og tusser", "Post-its", "Udsagnskort", "En timer",
             "Et lokale med plads til gruppearbejde", "Kaffe og frugt", "Skærm til fælles noter"]
PHASES = ["opstart", "før", "under", "efter", "opfølgning"]
TOOL_HEADINGS = ["Formål", "Forberedelse", "Det skal I bruge", "Tidsforbrug", "Facilitators rolle",
                 "Fremgangsmåde", "Variationer", "Næste skridt"]
CASE_HEADINGS = ["Udgangspunktet", "Det gjorde de", "Det kom der ud af", "Det kan andre lære"]
ROLES = ["Leder", "TR", "AMR", "Medarbejdere", "HR-konsulent", "MED-udvalget"]

# Sections: (folder, title, section kind, child kind, share of the pages).
SECTIONS = [
    ("vaerktoejer", "Værktøjer", "page", "tool", 0.04),
    ("udsagnskort", "Udsagnskort", "page", "deck", 0.03),
    ("spoergsmaal", "Spørgsmål", "page", "questions", 0.08),
    ("cases", "Cases", "page", "case", 0.60),
    ("del-1", None, "part", "page", 0.04),
    ("del-2", None, "part", "page", 0.04),
    ("del-3", None, "part", "page", 0.04),
    ("del-4", None, "part", "page", 0.04),
    ("om", "Om håndbogen", "page", "page", 0.09),
]


def handbook_sentences():
    """Sentences of the real handbook's bodies, without Markdown syntax, in a stable order."""
    sentences = []
    for root, dirs, files in os.walk(os.path.join(REPO, "content")):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            text = open(os.path.join(root, name), encoding="utf-8").read()
            body = text.split("+++", 2)[-1]
            body = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body)
            body = re.sub(r"[#*_>`|-]", " ", body)
            for s in re.split(r"(?<=[.!?])\s+", body):
                words = WORD.findall(s)
                if len(words) >= 4:
                    sentences.append(words)
    return sentences


class Babbler:
    """A bigram model over the handbook's words, and compounds made from its longer words."""

    def __init__(self, rng):
        self.rng = rng
        self.next = defaultdict(list)
        self.starts = []
        nouns = set()
        for words in handbook_sentences():
            self.starts.append(words[0])
            for a, b in zip(words, words[1:]):
                self.next[a.lower()].append(b)
            nouns.update(w.lower() for w in words if len(w) >= 6)
        self.nouns = sorted(nouns)
        self.compounds = []
        self.words_made = 0

    def compound(self):
        """A new closed compound: two handbook words, sometimes with a linking s."""
        a, b = self.rng.choice(self.nouns), self.rng.choice(self.nouns)
        link = "s" if self.rng.random() < 0.4 and not a.endswith("s") else ""
        return a + link + b

    def word_after(self, word):
        if self.rng.random() < 0.04:
            # Now and then a compound: reuse one (Zipf-like) or coin a new one.
            if self.compounds and self.rng.random() < 0.7:
                i = int(len(self.compounds) * (self.rng.random() ** 3))
                return self.compounds[i]
            c = self.compound()
            self.compounds.append(c)
            return c
        options = self.next.get(word.lower())
        return self.rng.choice(options) if options else self.rng.choice(self.starts).lower()

    def words(self, n_words):
        word = self.rng.choice(self.starts)
        words = [word]
        for _ in range(n_words - 1):
            word = self.word_after(word)
            words.append(word)
        self.words_made += n_words
        return words

    def sentence(self, n_words):
        return " ".join(self.words(n_words)).capitalize() + "."

    def paragraph(self):
        return " ".join(self.sentence(self.rng.randint(8, 18)) for _ in range(self.rng.randint(2, 5)))

    def title(self):
        return self.sentence(self.rng.randint(2, 5)).rstrip(".")

    def phrase(self, lo=1, hi=3):
        return " ".join(self.words(self.rng.randint(lo, hi))).lower()


def count_words(text):
    return len(WORD.findall(text))


class Page:
    """One page of the model, in no tool's syntax yet. Links in `body` are written `@/key`."""

    def __init__(self, folder, stem, kind, title, weight):
        self.folder, self.stem, self.kind, self.title, self.weight = folder, stem, kind, title, weight
        self.description = ""
        self.fields = {}  # the kind's own front matter, as triobog names it
        self.body = ""

    @property
    def key(self):
        """The path under content/, as triobog's @/ links name it."""
        return posixpath.join(self.folder, self.stem + ".md") if self.folder else self.stem + ".md"

    @property
    def is_section(self):
        return self.stem == "_index"


# --- the page model -------------------------------------------------------------------------


def plan(pages, b, rng):
    """Every page with its folder, name, kind and title: the link targets, before any body."""
    site = [Page("", "_index", "page", SITE_TITLE, 0)]
    counts = []
    children = pages - 1 - len(SECTIONS)
    if children < len(SECTIONS):
        sys.exit(f"--pages must be at least {2 * len(SECTIONS) + 1}")
    for folder, _, _, _, share in SECTIONS:
        counts.append(max(1, round(children * share)))
    counts[3] += children - sum(counts)  # cases take the rounding
    part_number = 0
    for n, ((folder, title, kind, child_kind, _), count) in enumerate(zip(SECTIONS, counts)):
        section = Page(folder, "_index", kind, title or "", n + 1)
        if kind == "part":
            part_number += 1
            section.fields["number"] = part_number
            section.title = f"Del {part_number}: {b.title()}"
        site.append(section)
        for i in range(count):
            site.append(Page(folder, f"side-{i:05d}", child_kind, b.title(), i + 1))
    return site


def fill(site, b, rng):
    """Front matter and bodies, with links and references to other pages of `site`."""
    by_kind = defaultdict(list)
    for p in site:
        if not p.is_section:
            by_kind[p.kind].append(p)
    targets = [p for p in site if p.folder]
    for p in site:
        p.description = b.sentence(rng.randint(10, 16))
        links = LinkMaker(p, targets, by_kind, b, rng)
        if p.is_section:
            p.body = "\n\n".join([b.paragraph(), b.paragraph(), links.paragraph()]) + "\n"
            continue
        if p.kind == "tool":
            p.fields.update(
                purpose=b.sentence(rng.randint(12, 20)),
                participants={"min": rng.randint(2, 5), "max": rng.randint(8, 30)},
                minutes={"min": rng.choice([30, 45, 60]), "max": rng.choice([90, 120, 180])},
                materials=rng.sample(MATERIALS, rng.randint(2, 4)),
                decks=[d.stem for d in rng.sample(by_kind["deck"], min(len(by_kind["deck"]), rng.randint(0, 2)))],
                questions=[q.stem for q in rng.sample(by_kind["questions"], min(len(by_kind["questions"]), rng.randint(0, 2)))],
            )
            p.body = tool_body(b, rng, links)
        elif p.kind == "case":
            p.fields.update(
                summary=b.sentence(rng.randint(18, 30)),
                workplace=f"{rng.choice(WORKPLACES)} {rng.choice(DIRECTIONS)}",
                sector=rng.choice(SECTORS),
                themes=rng.sample(THEMES, rng.randint(1, 4)),
                tools=[t.stem for t in rng.sample(by_kind["tool"], min(len(by_kind["tool"]), rng.randint(0, 2)))],
            )
            p.body = case_body(b, rng, links)
        elif p.kind == "deck":
            p.fields.update(theme=rng.choice(THEMES), color=rng.choice(COLORS), jokers=rng.randint(0, 3))
            p.body = deck_body(b, rng, links)
        elif p.kind == "questions":
            p.fields["phase"] = rng.choice(PHASES)
            if by_kind["tool"] and rng.random() < 0.5:
                p.fields["tool"] = rng.choice(by_kind["tool"]).stem
            p.body = questions_body(b, rng, links)
        else:
            p.body = page_body(b, rng, links)


class LinkMaker:
    """Paragraphs with links to other pages: mostly tools and decks from a case, any page else."""

    def __init__(self, page, targets, by_kind, b, rng):
        self.page, self.targets, self.by_kind, self.b, self.rng = page, targets, by_kind, b, rng

    def target(self):
        rng = self.rng
        while True:
            roll = rng.random()
            if roll < 0.3 and self.by_kind["tool"]:
                t = rng.choice(self.by_kind["tool"])
            elif roll < 0.45 and self.by_kind["deck"]:
                t = rng.choice(self.by_kind["deck"])
            else:
                t = rng.choice(self.targets)
            if t is not self.page:
                return t

    def link(self):
        t = self.target()
        text = t.title.lower() if self.rng.random() < 0.5 else self.b.phrase()
        return f"[{text}](@/{t.key})"

    def paragraph(self, n_links=None):
        """A paragraph whose sentences carry one or two links."""
        rng, b = self.rng, self.b
        sentences = []
        for _ in range(n_links or rng.randint(1, 2)):
            words = b.words(rng.randint(6, 14))
            at = rng.randint(1, len(words) - 1)
            sentences.append(" ".join(words[:at]).capitalize() + " " + self.link() + " " + " ".join(words[at:]) + ".")
        sentences.append(b.sentence(rng.randint(8, 16)))
        rng.shuffle(sentences)
        return " ".join(sentences)


def bullet_list(b, rng, lo=3, hi=6, bold=False):
    items = []
    for _ in range(rng.randint(lo, hi)):
        s = b.sentence(rng.randint(6, 16))
        if bold and rng.random() < 0.7:
            s = f"**{b.title()}.** {s}"
        items.append("- " + s)
    return "\n".join(items)


def numbered_list(b, rng, lo=4, hi=8):
    return "\n".join(f"{i}. {b.sentence(rng.randint(8, 20))}" for i in range(1, rng.randint(lo, hi) + 1))


def table(b, rng):
    columns = rng.choice([["Rolle", "Opgave", "Hvornår"], ["Trin", "Hvad I gør", "Tid"],
                          ["Emne", "Spørgsmål", "Ansvarlig", "Frist"]])
    rows = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    for i in range(rng.randint(3, 6)):
        cells = []
        for c in columns:
            if c in ("Rolle", "Ansvarlig"):
                cells.append(rng.choice(ROLES))
            elif c in ("Tid", "Frist", "Hvornår"):
                cells.append(rng.choice(["10 min", "20 min", "1 time", "i januar", "før mødet", "efter mødet", "hver måned"]))
            elif c == "Trin":
                cells.append(str(i + 1))
            else:
                cells.append(b.phrase(2, 6).capitalize())
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def code_block(b, rng):
    if rng.random() < 0.5:
        return "\n".join([
            "```toml", "# Dagsorden til TRIO-mødet", f'titel = "{b.title()}"', f"varighed = {rng.choice([45, 60, 90])}",
            f'deltagere = ["Leder", "TR", "AMR"]', f'emner = ["{b.phrase(1, 2)}", "{b.phrase(1, 2)}"]', "```"])
    lines = [f"{h:02d}.{m:02d}  {b.phrase(2, 5).capitalize()}" for h, m in sorted((rng.randint(8, 15), rng.choice([0, 15, 30, 45])) for _ in range(rng.randint(3, 6)))]
    return "```text\n" + "\n".join(lines) + "\n```"


def extras(b, rng, links):
    """Blocks that turn up now and then on any kind of page."""
    blocks = []
    if rng.random() < 0.2:
        blocks.append(table(b, rng))
    if rng.random() < 0.06:
        blocks.append(code_block(b, rng))
    if rng.random() < 0.15:
        blocks.append("> " + b.paragraph())
    return blocks


def filler(b, rng, links, target_words, parts):
    """More sections until the body has about `target_words` words."""
    while count_words("\n".join(parts)) < target_words:
        parts.append("## " + b.title())
        parts.append(b.paragraph())
        roll = rng.random()
        if roll < 0.3:
            parts.append(bullet_list(b, rng))
        elif roll < 0.4:
            parts.append(numbered_list(b, rng, 3, 5))
        parts.append(links.paragraph() if rng.random() < 0.5 else b.paragraph())
    return parts


def target_words(rng):
    return max(450, min(1500, int(rng.gauss(1100, 180))))


def case_body(b, rng, links):
    parts = []
    extra = extras(b, rng, links)
    for i, h in enumerate(CASE_HEADINGS):
        parts.append("## " + h)
        parts.extend(b.paragraph() for _ in range(rng.randint(2, 3)))
        if i == 1:
            parts.append(bullet_list(b, rng, bold=True))
            parts.extend(extra)
        parts.append(links.paragraph())
    return "\n\n".join(filler(b, rng, links, target_words(rng), parts)) + "\n"


def tool_body(b, rng, links):
    parts = []
    for h in TOOL_HEADINGS:
        parts.append("## " + h)
        if h == "Forberedelse":
            parts.append(bullet_list(b, rng, 3, 6, bold=True))
        elif h == "Det skal I bruge":
            parts.append(bullet_list(b, rng, 3, 5))
        elif h == "Fremgangsmåde":
            parts.append(b.paragraph())
            parts.append(numbered_list(b, rng, 4, 9))
            parts.extend(extras(b, rng, links))
        elif h == "Næste skridt":
            parts.append(links.paragraph(2))
        else:
            parts.extend(b.paragraph() for _ in range(rng.randint(1, 3)))
    return "\n\n".join(filler(b, rng, links, target_words(rng), parts)) + "\n"


def deck_body(b, rng, links):
    cards = []
    for _ in range(rng.randint(16, 32)):
        s = b.sentence(rng.randint(6, 14))
        cards.append("- " + (s.rstrip(".") + " …" if rng.random() < 0.25 else s))
    parts = [b.paragraph(), links.paragraph(), "## Kortene", "\n".join(cards), "## Sådan bruger I kortene",
             b.paragraph(), bullet_list(b, rng, bold=True), b.paragraph()]
    return "\n\n".join(parts) + "\n"


def questions_body(b, rng, links):
    parts = [b.paragraph(), links.paragraph()]
    for _ in range(rng.randint(2, 4)):
        parts.append("## " + b.title())
        parts.append("\n".join("- " + b.sentence(rng.randint(6, 16)).rstrip(".") + "?" for _ in range(rng.randint(4, 9))))
    parts.append("## Sådan bruger I spørgsmålene")
    parts.extend([b.paragraph(), b.paragraph()])
    return "\n\n".join(parts) + "\n"


def page_body(b, rng, links):
    parts = [b.paragraph(), links.paragraph()]
    parts.extend(extras(b, rng, links))
    return "\n\n".join(filler(b, rng, links, target_words(rng), parts)) + "\n"


def build_model(pages, seed):
    rng = random.Random(seed)
    b = Babbler(rng)
    site = plan(pages, b, rng)
    fill(site, b, rng)
    return site


# --- writing ---------------------------------------------------------------------------------

LINK = re.compile(r"\]\(@/([^)#\s]+)\)")


def toml_value(v):
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


def put(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_triobog(site, out):
    put(os.path.join(out, "site.toml"),
        f'title = "{SITE_TITLE}"\nbase_url = "{BASE_URL}"\nlanguage = "da"\n\n[search]\nenabled = true\n\n[print]\nenabled = true\n')
    for p in site:
        front = []
        if p.kind != "page" or p.folder:
            front.append(f'kind = "{p.kind}"')
        front += [f"title = {toml_value(p.title)}", f"description = {toml_value(p.description)}", f"weight = {p.weight}"]
        front += [f"{k} = {toml_value(v)}" for k, v in p.fields.items()]
        put(os.path.join(out, "content", p.key), "+++\n" + "\n".join(front) + "\n+++\n\n" + p.body)


HUGO_CONFIG = f"""# Hugo's configuration for the synthetic handbook, written by scripts/gen-synthetic.py.
baseURL = "{BASE_URL}"
title = "{SITE_TITLE}"
languageCode = "da"
defaultContentLanguage = "da"
# triobog writes no feeds; Hugo's RSS would list every page of each section and taxonomy.
disableKinds = ["RSS"]
enableRobotsTXT = false

[taxonomies]
theme = "themes"
sector = "sectors"
tool = "tools"

# Hugo has no built-in search: the usual recipe is one JSON file of every page for a
# client-side search (Fuse.js, Lunr): the template layouts/index.json writes it on every build.
[outputs]
home = ["HTML", "JSON"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]

[markup.goldmark.renderer]
unsafe = false
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Title }}{{ end }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<a class="skip" href="#indhold">Spring til indholdet</a>
<header>
<a class="brand" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<form role="search" action="{{ "soeg/" | relURL }}"><label>Søg <input type="search" name="q"></label></form>
<nav aria-label="Hovedmenu"><ul>{{ range site.Home.Sections.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
</header>
<main id="indhold">
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
""",
    "_default/single.html": """{{ define "main" }}
<nav aria-label="Brødkrummer"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>
<article>
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
{{ partial "meta.html" . }}
{{ .Content }}
</article>
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ end }}
""",
    "partials/meta.html": """{{ $p := .Params }}
{{ if eq $p.trio_kind "case" }}<dl class="meta">
<dt>Arbejdsplads</dt><dd>{{ $p.workplace }}</dd>
<dt>Sektor</dt><dd>{{ range .GetTerms "sectors" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>
<dt>Temaer</dt><dd>{{ range .GetTerms "themes" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</dd>
{{ with $p.tools }}<dt>Værktøjer</dt><dd>{{ range . }}{{ with site.GetPage (printf "/vaerktoejer/%s" .) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}{{ end }}</dd>{{ end }}
</dl>
<p class="summary">{{ $p.summary }}</p>{{ end }}
{{ if eq $p.trio_kind "tool" }}<dl class="meta">
<dt>Formål</dt><dd>{{ $p.purpose }}</dd>
<dt>Deltagere</dt><dd>{{ $p.participants.min }}–{{ $p.participants.max }}</dd>
<dt>Tid</dt><dd>{{ $p.minutes.min }}–{{ $p.minutes.max }} minutter</dd>
<dt>Materialer</dt><dd><ul>{{ range $p.materials }}<li>{{ . }}</li>{{ end }}</ul></dd>
{{ with $p.decks }}<dt>Udsagnskort</dt><dd>{{ range . }}{{ with site.GetPage (printf "/udsagnskort/%s" .) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}{{ end }}</dd>{{ end }}
{{ with $p.questions }}<dt>Spørgsmål</dt><dd>{{ range . }}{{ with site.GetPage (printf "/spoergsmaal/%s" .) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}{{ end }}</dd>{{ end }}
</dl>
{{ with site.Taxonomies.tools.Get .File.ContentBaseName }}<h2>Cases, der har brugt værktøjet</h2><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}{{ end }}
{{ if eq $p.trio_kind "deck" }}<p class="meta">Tema: {{ $p.theme }} · {{ $p.jokers }} blanke kort</p>{{ end }}
{{ if eq $p.trio_kind "questions" }}<p class="meta">Fase: {{ $p.phase }}{{ with $p.tool }}{{ with site.GetPage (printf "/vaerktoejer/%s" .) }} · <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}</p>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
{{ .Content }}
<ul class="listing">
{{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }} <span>{{ . }}</span>{{ end }}</li>
{{ end }}</ul>
{{ end }}
""",
    "index.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="sections">{{ range .Sections.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span>{{ .Description }}</span></li>{{ end }}</ul>
{{ end }}
""",
    "index.json": """[{{ range $i, $p := site.RegularPages }}{{ if $i }},{{ end }}
{{ dict "title" $p.Title "url" $p.RelPermalink "section" $p.Section "kind" $p.Params.trio_kind "description" $p.Description "content" $p.Plain | jsonify }}{{ end }}
]
""",
    "404.html": """{{ define "main" }}<h1>Siden findes ikke</h1><p><a href="{{ site.Home.RelPermalink }}">Til forsiden</a></p>{{ end }}
""",
}

HUGO_CSS = """body{font:1rem/1.5 system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:0 1rem;color:#1a1a1a}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;border-bottom:1px solid #ccc}
nav ul,nav ol{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem}
.lead{font-size:1.15rem}.meta dt{font-weight:bold}
"""


def write_hugo(site, out):
    put(os.path.join(out, "config.toml"), HUGO_CONFIG)
    for rel, text in HUGO_LAYOUTS.items():
        put(os.path.join(out, "layouts", rel), text)
    put(os.path.join(out, "static", "style.css"), HUGO_CSS)
    # A search page for the header's form; the JSON index is what a client-side search reads.
    put(os.path.join(out, "content", "soeg.md"), '+++\ntitle = "Søg"\nurl = "/soeg/"\n+++\n\nSøgeresultaterne vises her.\n')

    def ref(m):
        return ']({{< ref "/' + m.group(1) + '" >}})'

    for p in site:
        front = [f"title = {toml_value(p.title)}", f"description = {toml_value(p.description)}", f"weight = {p.weight}",
                 f'trio_kind = "{p.kind}"']
        for k, v in p.fields.items():
            if k == "sector":
                front.append(f"sectors = {toml_value([v])}")
            else:
                front.append(f"{k} = {toml_value(v)}")
        put(os.path.join(out, "content", p.key), "+++\n" + "\n".join(front) + "\n+++\n\n" + LINK.sub(ref, p.body))


def mdbook_path(p):
    """Where a page lives under mdBook's src/: a section's _index.md becomes its index.md."""
    name = "index.md" if p.is_section else p.stem + ".md"
    return posixpath.join(p.folder, name) if p.folder else name


def mdbook_meta(p, mdpath, paths, titles):
    """The front matter as mdBook shows it: mdBook has none, so it goes into the page."""
    def link_to(folder, stem):
        key = f"{folder}/{stem}.md"
        return f"[{titles[key]}]({posixpath.relpath(paths[key], posixpath.dirname(mdpath) or '.')})"

    f = p.fields
    lines = []
    if p.kind == "case":
        lines += [f"- **Arbejdsplads:** {f['workplace']}", f"- **Sektor:** {f['sector']}", f"- **Temaer:** {', '.join(f['themes'])}"]
        if f["tools"]:
            lines.append("- **Værktøjer:** " + ", ".join(link_to("vaerktoejer", t) for t in f["tools"]))
        lines += ["", "> " + f["summary"]]
    elif p.kind == "tool":
        lines += [f"- **Formål:** {f['purpose']}", f"- **Deltagere:** {f['participants']['min']}–{f['participants']['max']}",
                  f"- **Tid:** {f['minutes']['min']}–{f['minutes']['max']} minutter", f"- **Materialer:** {', '.join(f['materials'])}"]
        if f["decks"]:
            lines.append("- **Udsagnskort:** " + ", ".join(link_to("udsagnskort", d) for d in f["decks"]))
        if f["questions"]:
            lines.append("- **Spørgsmål:** " + ", ".join(link_to("spoergsmaal", q) for q in f["questions"]))
    elif p.kind == "deck":
        lines.append(f"*Tema: {f['theme']} · {f['jokers']} blanke kort*")
    elif p.kind == "questions":
        tool = f" · {link_to('vaerktoejer', f['tool'])}" if "tool" in f else ""
        lines.append(f"*Fase: {f['phase']}*{tool}")
    return "\n".join(lines)


def write_mdbook(site, out):
    put(os.path.join(out, "book.toml"),
        f'[book]\ntitle = "{SITE_TITLE}"\nlanguage = "da"\nsrc = "src"\n\n'
        "# mdBook's search is on by default ([output.html.search] enable = true).\n[output.html]\n")
    paths = {p.key: mdbook_path(p) for p in site}
    titles = {p.key: p.title for p in site}
    summary = ["# Summary", ""]
    for p in site:
        mdpath = paths[p.key]
        here = posixpath.dirname(mdpath) or "."

        def rel(m):
            return "](" + posixpath.relpath(paths[m.group(1)], here) + ")"

        meta = mdbook_meta(p, mdpath, paths, titles)
        text = f"# {p.title}\n\n*{p.description}*\n\n" + (meta + "\n\n" if meta else "") + LINK.sub(rel, p.body)
        put(os.path.join(out, "src", mdpath), text)
        if not p.folder:
            summary += [f"[{p.title}]({mdpath})", ""]
        elif p.is_section:
            summary.append(f"- [{p.title}]({mdpath})")
        else:
            summary.append(f"    - [{p.title}]({mdpath})")
    put(os.path.join(out, "src", "SUMMARY.md"), "\n".join(summary) + "\n")


WRITERS = {"triobog": write_triobog, "hugo": write_hugo, "mdbook": write_mdbook}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog="\n".join(__doc__.splitlines()[2:]),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=FORMATS, help="write this one layout into OUT (default triobog)")
    parser.add_argument("--formats", help="comma-separated layouts, each written into OUT/<format>/")
    args = parser.parse_args()
    if args.format and args.formats:
        parser.error("give --format or --formats, not both")
    if args.formats:
        formats = [f.strip() for f in args.formats.split(",") if f.strip()]
        unknown = [f for f in formats if f not in FORMATS]
        if unknown or not formats:
            parser.error(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
        targets = [(f, os.path.join(args.out, f)) for f in formats]
    else:
        targets = [(args.format or "triobog", args.out)]
    if os.path.exists(args.out) and os.listdir(args.out):
        sys.exit(f"{args.out} is not empty")
    site = build_model(args.pages, args.seed)
    words = sum(count_words(p.body) for p in site)
    for fmt, out in targets:
        os.makedirs(out, exist_ok=True)
        WRITERS[fmt](site, out)
        print(f"{len(site)} pages ({words / len(site):.0f} words a page) written to {out} for {fmt}")


if __name__ == "__main__":
    main()
