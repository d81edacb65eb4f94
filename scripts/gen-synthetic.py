#!/usr/bin/env python3
"""Writes a synthetic handbook of N pages (default 10,000) for measuring build and search at scale.

    python3 scripts/gen-synthetic.py OUT_DIR [--pages 10000] [--seed 1]

The text is Danish: sentences drawn from a word-pair (bigram) model of the real handbook in
content/, and new closed compounds made from its nouns, so the vocabulary keeps growing with the
number of pages as a real corpus does. All six kinds are present, with valid front matter.
Deterministic for a given seed. OUT_DIR must not exist or be empty.
"""
import argparse
import os
import random
import re
import sys
from collections import defaultdict

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORD = re.compile(r"[A-Za-zÆØÅæøåéü]+")


def handbook_sentences():
    """Sentences of the real handbook's bodies, without Markdown syntax."""
    sentences = []
    for root, _, files in os.walk(os.path.join(REPO, "content")):
        for name in files:
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

    def sentence(self, n_words):
        word = self.rng.choice(self.starts)
        words = [word]
        for _ in range(n_words - 1):
            word = self.word_after(word)
            words.append(word)
        return " ".join(words).capitalize() + "."

    def paragraph(self):
        return " ".join(self.sentence(self.rng.randint(8, 18)) for _ in range(self.rng.randint(2, 5)))

    def title(self):
        return self.sentence(self.rng.randint(2, 5)).rstrip(".")


def toml_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def body(b, rng, sections):
    parts = [b.paragraph()]
    for _ in range(sections):
        parts.append("## " + b.title())
        parts.extend(b.paragraph() for _ in range(rng.randint(1, 3)))
    return "\n\n".join(parts) + "\n"


def write(path, front, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("+++\n" + "\n".join(front) + "\n+++\n\n" + text)


def generate(out, pages, seed):
    rng = random.Random(seed)
    b = Babbler(rng)
    content = os.path.join(out, "content")
    with open(os.path.join(out, "site.toml"), "w", encoding="utf-8") as f:
        f.write('title = "Syntetisk TRIO-håndbog"\nbase_url = "https://intranet.example.dk/trio/"\n\n[search]\nenabled = true\n')
    write(os.path.join(content, "_index.md"), ['title = "Syntetisk TRIO-håndbog"'], b.paragraph() + "\n")
    # Share of pages per section: (folder, kind, share).
    sections = [("vaerktoejer", "tool", 0.08), ("cases", "case", 0.22), ("udsagnskort", "deck", 0.05),
                ("spoergsmaal", "questions", 0.15), ("del-1", "part", 0.125), ("del-2", "part", 0.125),
                ("del-3", "part", 0.125), ("om", "page", 0.125)]
    written = 1
    part_number = 0
    for n, (folder, kind, share) in enumerate(sections):
        count = max(1, round(pages * share)) if n < len(sections) - 1 else pages - written - len(sections)
        index_front = [f"title = {toml_string(b.title())}", f"weight = {n}"]
        if kind == "part":
            part_number += 1
            index_front = ['kind = "part"', f"number = {part_number}"] + index_front
        write(os.path.join(content, folder, "_index.md"), index_front, b.paragraph() + "\n")
        written += 1
        child_kind = "page" if kind == "part" else kind
        for i in range(count):
            front = [f'kind = "{child_kind}"', f"title = {toml_string(b.title())}", f"description = {toml_string(b.sentence(12))}", f"weight = {i}"]
            text = body(b, rng, rng.randint(2, 5))
            if child_kind == "tool":
                front += [f"purpose = {toml_string(b.sentence(14))}", "participants = { min = 3, max = 12 }",
                          "minutes = { min = 30, max = 90 }", 'materials = ["Papir", "Tusser"]', "decks = []", "questions = []"]
            elif child_kind == "case":
                front += [f"summary = {toml_string(b.sentence(20))}", 'workplace = "Arbejdsplads"', 'sector = "Kommune"',
                          'themes = ["Samarbejde"]', "tools = []"]
            elif child_kind == "deck":
                front += [f"theme = {toml_string(b.title())}", 'color = "#1d5c63"', "jokers = 2"]
                text = b.paragraph() + "\n\n" + "\n".join("- " + b.sentence(rng.randint(6, 14)) for _ in range(rng.randint(12, 24))) + "\n"
            elif child_kind == "questions":
                front += [f'phase = "{rng.choice(["opstart", "før", "under", "efter", "opfølgning"])}"']
                text = b.paragraph() + "\n\n" + "\n".join("- " + b.sentence(rng.randint(6, 14)).rstrip(".") + "?" for _ in range(rng.randint(6, 12))) + "\n"
            write(os.path.join(content, folder, f"side-{i:05d}.md"), front, text)
            written += 1
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if os.path.exists(args.out) and os.listdir(args.out):
        sys.exit(f"{args.out} is not empty")
    os.makedirs(args.out, exist_ok=True)
    written = generate(args.out, args.pages, args.seed)
    print(f"{written} pages written to {args.out}")


if __name__ == "__main__":
    main()
