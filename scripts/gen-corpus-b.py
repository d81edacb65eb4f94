#!/usr/bin/env python3
"""Writes a second synthetic handbook, unlike scripts/gen-synthetic.py's, for measuring build and
search at scale on pages that were not made to look like ours.

    python3 scripts/gen-corpus-b.py OUT_DIR [--pages 10000] [--seed 7]

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

Python 3 standard library only. The same seed writes the same site.
"""
import argparse
import glob
import math
import os
import random
import re

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(REPO, "..", "shared", "source-material")
WORD = re.compile(r"[A-Za-zÆØÅæøåéü][A-Za-zÆØÅæøåéü\-]*")


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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    model = Model(source_sentences(), rng)
    content = os.path.join(args.out, "content")
    write(os.path.join(args.out, "site.toml"),
          'title = "Korpus B"\nbase_url = "https://intranet.example.dk/b/"\nlanguage = "da"\n\n'
          "[search]\nenabled = true\n\n[print]\nenabled = true\n")
    write(os.path.join(content, "_index.md"), '+++\ntitle = "Korpus B"\n+++\n\nForsiden.\n')
    folders = [f"omraade-{a:02d}/emne-{b:02d}" for a in range(20) for b in range(10)]
    for folder in {f.split("/")[0] for f in folders} | set(folders):
        write(os.path.join(content, folder, "_index.md"), f'+++\ntitle = {toml_string(folder.replace("-", " ").title())}\n+++\n')
    total = 0
    for n in range(args.pages):
        folder = folders[n % len(folders)]
        words = page_words(rng)
        title = model.sentence(2, 7).rstrip(".")
        front = [f"title = {toml_string(title)}", f"weight = {n}"]
        if rng.random() < 0.5:
            front.append(f"description = {toml_string(model.sentence(6, 16))}")
        text = body(model, rng, words)
        if rng.random() < 0.1:
            front.append('kind = "questions"')
            front.append(f'phase = {toml_string(rng.choice(["opstart", "før", "efter", "opfølgning"]))}')
            text = "\n".join(f"- {model.sentence(5, 16)[:-1]}?" for _ in range(rng.randint(8, 30))) + "\n"
        write(os.path.join(content, folder, f"side-{n:05d}.md"), "+++\n" + "\n".join(front) + "\n+++\n\n" + text)
        total += len(text.split())
    print(f"{args.pages} pages ({total // args.pages} words a page on average) written to {args.out}")


if __name__ == "__main__":
    main()
