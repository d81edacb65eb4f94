#!/usr/bin/env python3
"""Writes a second synthetic handbook, unlike scripts/gen-synthetic.py's, for measuring build and
search at scale on pages that were not made to look like ours.

    python3 scripts/gen-corpus-b.py OUT_DIR [--pages 10000] [--seed 7]
    python3 scripts/gen-corpus-b.py OUT_DIR --formats triobog,hugo

How it differs from gen-synthetic.py:
  - other text: sentences from a word-trigram model of the source documents in
    ../shared/source-material/ (the material the handbook was written from, in other words than
    content/), not of content/; closed compounds are made from its nouns instead;
  - other page sizes: lengths drawn from a log-normal distribution, from a few lines to very
    long pages (median ~450 words, one page in twenty over 3,000), not ~1,050 words each;
  - fewer headings: none on most short pages, at most three on a long one (gen-synthetic.py
    writes a heading every ~90 words);
  - longer lists: one page in three has a list of 15–60 items, as checklists and question lists are;
  - other front matter: ordinary pages (`kind = "page"`) and question sets only, in folders three
    deep, with descriptions on half of them, and no links between pages.

One page model, two layouts of *the same pages* (same text, titles, descriptions and folders):
  triobog  site.toml + content/ (TOML front matter; question sets are `kind = "questions"`)
  hugo     config.toml + content/ (TOML front matter, the kind as `trio_kind`: Hugo keeps `kind`
           for its own page kinds), no taxonomies (corpus B has none), RSS off (triobog writes no
           feeds), the sitemap on (triobog writes sitemap.xml), a JSON search index of every page
           (the usual recipe for client-side search, as gen-synthetic.py's Hugo site has: Hugo
           has none built in) and a minimal theme of its own in layouts/

--formats X,Y writes each layout into OUT_DIR/X/, as gen-synthetic.py --formats does; a single
layout (--formats triobog, the default, or --formats hugo) goes into OUT_DIR itself, so callers
from before --formats keep working. There is no mdBook layout: corpus B is for triobog against
Hugo (issue 22).

Python 3 standard library only. The same seed writes the same site, byte for byte, in every layout.
"""
import argparse
import glob
import math
import os
import random
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(REPO, "..", "shared", "source-material")
WORD = re.compile(r"[A-Za-zÆØÅæøåéü][A-Za-zÆØÅæøåéü\-]*")
SITE_TITLE = "Korpus B"
BASE_URL = "https://intranet.example.dk/b/"


def source_sentences():
    """The source documents' sentences, as lists of words (no headings, page numbers or lines of one word)."""
    sentences = []
    for path in sorted(glob.glob(os.path.join(SOURCES, "*.txt"))):
        with open(path, encoding="utf-8") as f:
            text = " ".join(f.read().split())
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            words = WORD.findall(sentence)
            if 5 <= len(words) <= 40:
                sentences.append(words)
    if not sentences:
        raise SystemExit(f"no source documents in {SOURCES}")
    return sentences


class Model:
    """A word-trigram model of the sources, with compounds made from their long nouns."""

    def __init__(self, sentences, rng):
        self.rng = rng
        self.next = {}
        self.starts = []
        for words in sentences:
            self.starts.append((words[0], words[1]))
            for a, b, c in zip(words, words[1:], words[2:]):
                self.next.setdefault((a, b), []).append(c)
        nouns = sorted({w.lower() for s in sentences for w in s if len(w) >= 6 and w.islower()})
        self.nouns = nouns

    def sentence(self, lo=6, hi=28):
        a, b = self.rng.choice(self.starts)
        out = [a, b]
        target = self.rng.randint(lo, hi)
        while len(out) < target:
            options = self.next.get((out[-2], out[-1]))
            if not options:
                break
            word = self.rng.choice(options)
            # Now and then a compound the sources never wrote, so the vocabulary grows with the site.
            if self.rng.random() < 0.04:
                word = self.rng.choice(self.nouns) + self.rng.choice(["", "s", "e"]) + self.rng.choice(self.nouns)
            out.append(word)
        text = " ".join(out)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, words):
        out, n = [], 0
        while n < words:
            s = self.sentence()
            out.append(s)
            n += len(s.split())
        return " ".join(out)


def page_words(rng):
    """A page's length in words: log-normal, median ~450, from ~40 to ~9,000."""
    return int(min(9000, max(40, math.exp(rng.gauss(math.log(450), 1.0)))))


def body(model, rng, words):
    parts = []
    headings = 0 if words < 800 else min(3, words // 1500 + 1)
    per_part = words // (headings + 1)
    for h in range(headings + 1):
        if h:
            parts.append("## " + model.sentence(2, 6).rstrip("."))
        parts.append(model.paragraph(per_part))
        if rng.random() < 0.33 and h == 0:
            kind = rng.choice(["-", "1."])
            items = [f"{kind} {model.sentence(4, 14)}" for _ in range(rng.randint(15, 60))]
            parts.append("\n".join(items))
    return "\n\n".join(parts) + "\n"


def toml_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


class Page:
    """One page of the model, in no tool's syntax yet: `folder` is its folder under content/."""

    def __init__(self, folder, stem, title, weight=None, description=None, kind="page", phase=None, body=""):
        self.folder, self.stem, self.title, self.weight = folder, stem, title, weight
        self.description, self.kind, self.phase, self.body = description, kind, phase, body

    @property
    def key(self):
        return os.path.join(self.folder, self.stem + ".md") if self.folder else self.stem + ".md"


def build_model(pages, seed):
    """The home page, the sections and every page, with the random draws in the order the
    triobog-only version of this script made them, so that a seed still writes the same site."""
    rng = random.Random(seed)
    model = Model(source_sentences(), rng)
    home = Page("", "_index", SITE_TITLE, body="Forsiden.\n")
    folders = [f"omraade-{a:02d}/emne-{b:02d}" for a in range(20) for b in range(10)]
    sections = [Page(folder, "_index", folder.replace("-", " ").title())
                for folder in sorted({f.split("/")[0] for f in folders} | set(folders))]
    site = []
    for n in range(pages):
        folder = folders[n % len(folders)]
        words = page_words(rng)
        page = Page(folder, f"side-{n:05d}", model.sentence(2, 7).rstrip("."), weight=n)
        if rng.random() < 0.5:
            page.description = model.sentence(6, 16)
        page.body = body(model, rng, words)
        if rng.random() < 0.1:
            page.kind = "questions"
            page.phase = rng.choice(["opstart", "før", "efter", "opfølgning"])
            page.body = "\n".join(f"- {model.sentence(5, 16)[:-1]}?" for _ in range(rng.randint(8, 30))) + "\n"
        site.append(page)
    return home, sections, site


def write_triobog(home, sections, site, out):
    write(os.path.join(out, "site.toml"),
          f'title = "{SITE_TITLE}"\nbase_url = "{BASE_URL}"\nlanguage = "da"\n\n'
          "[search]\nenabled = true\n\n[print]\nenabled = true\n")
    content = os.path.join(out, "content")
    write(os.path.join(content, home.key), f"+++\ntitle = {toml_string(home.title)}\n+++\n\n{home.body}")
    for s in sections:
        write(os.path.join(content, s.key), f"+++\ntitle = {toml_string(s.title)}\n+++\n")
    for p in site:
        front = [f"title = {toml_string(p.title)}", f"weight = {p.weight}"]
        if p.description is not None:
            front.append(f"description = {toml_string(p.description)}")
        if p.kind == "questions":
            front.append('kind = "questions"')
            front.append(f"phase = {toml_string(p.phase)}")
        write(os.path.join(content, p.key), "+++\n" + "\n".join(front) + "\n+++\n\n" + p.body)


HUGO_CONFIG = f"""# Hugo's configuration for corpus B, written by scripts/gen-corpus-b.py.
baseURL = "{BASE_URL}"
title = "{SITE_TITLE}"
languageCode = "da"
defaultContentLanguage = "da"
# triobog writes no feeds, and corpus B has no taxonomies: without this Hugo would write RSS for
# every section and empty "tags" and "categories" pages. The sitemap stays: triobog writes one.
disableKinds = ["RSS", "taxonomy", "term"]
enableRobotsTXT = false

# Hugo has no built-in search: the usual recipe is one JSON file of every page for a
# client-side search (Fuse.js, Lunr): the template layouts/index.json writes it on every build.
[outputs]
home = ["HTML", "JSON"]
section = ["HTML"]

[markup.goldmark.renderer]
unsafe = false
"""

# The same minimal theme as gen-synthetic.py's Hugo site, less what corpus B has no use for (the
# taxonomy lists and the meta partial of cases, tools and decks). Question sets get the line
# triobog prints above their title (the phase); their questions are the body, a Markdown list,
# so .Content prints them as triobog's page does.
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
{{ if eq .Params.trio_kind "questions" }}<p class="meta">Spørgsmål · fase: {{ .Params.phase }}</p>{{ end }}
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
{{ .Content }}
</article>
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ end }}
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
.lead{font-size:1.15rem}.meta{font-size:.9rem}
"""


def write_hugo(home, sections, site, out):
    write(os.path.join(out, "config.toml"), HUGO_CONFIG)
    for rel, text in HUGO_LAYOUTS.items():
        write(os.path.join(out, "layouts", rel), text)
    write(os.path.join(out, "static", "style.css"), HUGO_CSS)
    content = os.path.join(out, "content")
    # A search page for the header's form; the JSON index is what a client-side search reads.
    write(os.path.join(content, "soeg.md"), '+++\ntitle = "Søg"\nurl = "/soeg/"\n+++\n\nSøgeresultaterne vises her.\n')
    write(os.path.join(content, home.key), f"+++\ntitle = {toml_string(home.title)}\n+++\n\n{home.body}")
    for s in sections:
        write(os.path.join(content, s.key), f"+++\ntitle = {toml_string(s.title)}\n+++\n")
    for p in site:
        # Hugo takes weight 0 for "no weight" and lists such pages last; one more keeps triobog's order.
        front = [f"title = {toml_string(p.title)}", f"weight = {p.weight + 1}"]
        if p.description is not None:
            front.append(f"description = {toml_string(p.description)}")
        front.append(f"trio_kind = {toml_string(p.kind)}")
        if p.phase is not None:
            front.append(f"phase = {toml_string(p.phase)}")
        write(os.path.join(content, p.key), "+++\n" + "\n".join(front) + "\n+++\n\n" + p.body)


WRITERS = {"triobog": write_triobog, "hugo": write_hugo}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--formats", default="triobog",
                    help="comma-separated layouts (triobog, hugo; default triobog): one goes into OUT, several into OUT/<format>/ each")
    args = ap.parse_args()
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in WRITERS]
    if unknown or not formats:
        ap.error(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(WRITERS)}")
    # One layout goes into OUT itself (so callers from before --formats see no change), several
    # into OUT/<format>/ each, as gen-synthetic.py --formats writes them.
    targets = [(formats[0], args.out)] if len(formats) == 1 else [(f, os.path.join(args.out, f)) for f in formats]
    if len(formats) > 1 and os.path.exists(args.out) and os.listdir(args.out):
        sys.exit(f"{args.out} is not empty")
    home, sections, site = build_model(args.pages, args.seed)
    total = sum(len(p.body.split()) for p in site)
    for fmt, out in targets:
        WRITERS[fmt](home, sections, site, out)
        where = out if len(targets) == 1 else f"{out} for {fmt}"
        print(f"{args.pages} pages ({total // args.pages} words a page on average) written to {where}")

if __name__ == "__main__":
    main()
