//! `triobog new <kind> "Titel"`: a new content file with the right front matter and headings,
//! placed where files of its kind live, which passes `check` as it is.

use std::path::{Path, PathBuf};

use crate::content::Kind;
use crate::slug::slugify;

/// The folder (under `content/`) a new file of `kind` goes to, when no file of that kind exists.
fn default_folder(kind: Kind) -> &'static str {
    match kind {
        Kind::Case => "cases",
        Kind::Tool => "vaerktoejer",
        Kind::Deck => "udsagnskort",
        Kind::Questions => "spoergsmaal",
        Kind::Page | Kind::Part => "",
    }
}

/// Where files of `kind` already live: the folder of the first one found, else the default.
fn folder_for(root: &Path, kind: Kind) -> PathBuf {
    let content = root.join("content");
    let wanted = format!("kind = \"{}\"", kind.name());
    if kind != Kind::Page {
        for entry in walkdir::WalkDir::new(&content).sort_by_file_name().into_iter().filter_map(Result::ok) {
            let is_page = entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") && entry.file_name() != "_index.md";
            if is_page && std::fs::read_to_string(entry.path()).is_ok_and(|t| t.lines().take(30).any(|l| l.trim() == wanted)) {
                return entry.path().parent().unwrap_or(&content).to_path_buf();
            }
        }
    }
    content.join(default_folder(kind))
}

/// Writes the new file and returns its path. Refuses to overwrite anything.
pub fn new_content(root: &Path, kind: Kind, title: &str) -> Result<PathBuf, String> {
    if kind == Kind::Part {
        return Err("dele oprettes ikke med `new`: opret en mappe med en _index.md, der har kind = \"part\" og number = …".into());
    }
    let title = title.trim();
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(format!("titlen \"{title}\" giver ikke noget filnavn; skriv en titel med bogstaver eller tal"));
    }
    let dir = folder_for(root, kind);
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        return Err(format!("{} findes allerede; vælg en anden titel, eller ret den eksisterende fil", display(root, &path)));
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("kan ikke oprette {}: {e}", display(root, &dir)))?;
    let text = template(kind, title);
    // create_new: never replace a file that appeared meanwhile.
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| format!("kan ikke skrive {}: {e}", display(root, &path)))?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| format!("kan ikke skrive {}: {e}", display(root, &path)))?;
    Ok(path)
}

fn display(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}

/// TOML-escapes a title for a basic string.
fn toml_string(s: &str) -> String {
    let escaped = s.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

fn template(kind: Kind, title: &str) -> String {
    let t = toml_string(title);
    match kind {
        Kind::Case => format!(
            r##"+++
kind = "case"
title = {t}
# Én sætning, der vises i lister og søgeresultater.
description = "Skriv en kort beskrivelse af casen."
# To-tre sætninger: problemet, hvad I gjorde, og hvad der kom ud af det.
summary = "Skriv et kort resumé af casen."
workplace = "Arbejdspladsens navn"
# Kort, fx "Hospital", "Ældreområdet", "Administration".
sector = "Sektor"
# Temaer casen skal findes under, fx "Samarbejde", "Arbejdspres", "Faglig tryghed".
themes = ["Samarbejde"]
# De værktøjer, arbejdspladsen brugte: filnavnet uden .md, fx "dilemmavaerksted".
tools = []
weight = 100
+++

## Udgangspunktet

Hvad var problemet, og hvem mærkede det?

## Det gjorde de

Hvad gjorde TRIO'en? Link til et værktøj sådan: [dilemmaværksted](@/vaerktoejer/dilemmavaerksted.md).

## Det kom der ud af

Hvad blev anderledes?

## Det kan andre lære

Hvad vil I give videre til andre TRIO'er?
"##
        ),
        Kind::Tool => format!(
            r##"+++
kind = "tool"
title = {t}
description = "Skriv én sætning om, hvad værktøjet er."
# Hvad værktøjet er til, i en sætning. Står øverst på facilitatorarket.
purpose = "Skriv formålet med værktøjet."
participants = {{ min = 4, max = 12 }}
minutes = {{ min = 60, max = 90 }}
materials = ["Flipover og tusser"]
# Udsagnskort og spørgsmålssæt, værktøjet bruger: filnavnene uden .md.
decks = []
questions = []
weight = 100
+++

## Formål

Hvorfor og hvornår bruger man værktøjet?

## Forberedelse

Hvad skal TRIO'en gøre inden?

## Det skal I bruge

Lokale, materialer og tid.

## Tidsforbrug

Hvor lang tid tager det hele?

## Facilitators rolle

- Et godt råd til facilitator.

## Fremgangsmåde

1. **Velkomst** (10 min.) Facilitator fortæller om formålet.
2. **Dialog** (40 min.) Deltagerne taler sammen.
3. **Opsamling** (10 min.) I aftaler, hvad der skal ske nu.

## Variationer

Andre måder at bruge værktøjet på.

## Næste skridt

Hvad gør I bagefter?
"##
        ),
        Kind::Deck => format!(
            r##"+++
kind = "deck"
title = {t}
description = "Skriv én sætning om, hvad kortene handler om."
theme = {t}
# En mørk farve, så hvid tekst kan læses på den, fx "#1d5c63".
color = "#1d5c63"
# Antal blanke kort til egne udsagn.
jokers = 3
weight = 100
+++

Skriv et par linjer om, hvordan kortene bruges. Hvert punkt nedenfor bliver et kort.
Et udsagn, der slutter med "…", er et kort, hvor man gør sætningen færdig.

- Skriv det første udsagn her.
- Skriv det andet udsagn her.
- Når jeg tænker på det, mærker jeg…
"##
        ),
        Kind::Questions => format!(
            r##"+++
kind = "questions"
title = {t}
description = "Skriv én sætning om, hvornår spørgsmålene bruges."
# Fase: "opstart", "før", "under", "efter" eller "opfølgning".
phase = "før"
# Hører sættet til et værktøj, så skriv dets filnavn uden .md, fx tool = "dilemmavaerksted".
weight = 100
+++

Skriv et par linjer om, hvordan spørgsmålene bruges. Hvert punkt nedenfor er et spørgsmål.

- Hvad er det første spørgsmål?
- Hvad er det andet spørgsmål?
- Hvad er det tredje spørgsmål?
"##
        ),
        Kind::Page | Kind::Part => format!(
            r##"+++
title = {t}
description = "Skriv én sætning om, hvad siden handler om."
weight = 100
+++

Skriv sidens tekst her. Brug ## til overskrifter og - til punkter.

## Første afsnit

Tekst.
"##
        ),
    }
}
