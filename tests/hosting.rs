//! Hosting: web.config in every build, checked against the elements and attributes IIS documents
//! for the sections it uses; `triobog hosting` for nginx, Apache, IIS and any other server; the
//! 404 page that works wherever the site is put; robots; the zip of `build --zip`.
//! (The nginx and Apache configurations are served for real in tests/browser/.)

mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::process::Command;

use common::{TestSite, attrs};
use triobog::hosting::rules::{CONTENT_SECURITY_POLICY, MIME_TYPES, headers};

/// Every element web.config may hold, by its parent, with the attributes IIS documents for it
/// (learn.microsoft.com, IIS configuration reference: system.webServer/defaultDocument,
/// staticContent, staticContent/clientCache, httpErrors, httpProtocol/customHeaders; location).
const IIS_SCHEMA: &[(&str, &str, &[&str])] = &[
    ("", "configuration", &[]),
    ("configuration", "system.webServer", &[]),
    ("configuration", "location", &["path", "inheritInChildApplications", "overrideMode", "allowOverride"]),
    ("location", "system.webServer", &[]),
    ("system.webServer", "defaultDocument", &["enabled"]),
    ("defaultDocument", "files", &[]),
    ("files", "clear", &[]),
    ("files", "add", &["value"]),
    ("files", "remove", &["value"]),
    ("system.webServer", "staticContent", &["defaultDocFooter", "enableDocFooter", "isDocFooterFileName"]),
    ("staticContent", "remove", &["fileExtension"]),
    ("staticContent", "mimeMap", &["fileExtension", "mimeType"]),
    ("staticContent", "clear", &[]),
    (
        "staticContent",
        "clientCache",
        &["cacheControlCustom", "cacheControlMaxAge", "cacheControlMode", "httpExpires", "setEtag"],
    ),
    (
        "system.webServer",
        "httpErrors",
        &[
            "allowAbsolutePathsWhenDelegated",
            "defaultPath",
            "defaultResponseMode",
            "detailedMoreInformationLink",
            "errorMode",
            "existingResponse",
        ],
    ),
    ("httpErrors", "remove", &["statusCode", "subStatusCode"]),
    ("httpErrors", "error", &["statusCode", "subStatusCode", "path", "prefixLanguageFilePath", "responseMode"]),
    ("httpErrors", "clear", &[]),
    ("system.webServer", "httpProtocol", &["allowKeepAlive"]),
    ("httpProtocol", "customHeaders", &[]),
    ("customHeaders", "remove", &["name"]),
    ("customHeaders", "add", &["name", "value"]),
    ("customHeaders", "clear", &[]),
];

/// The values IIS accepts for the enumerated attributes used.
const IIS_ENUMS: &[(&str, &[&str])] = &[
    ("cacheControlMode", &["NoControl", "DisableCache", "UseMaxAge", "UseExpires"]),
    ("responseMode", &["File", "ExecuteURL", "Redirect"]),
    ("errorMode", &["DetailedLocalOnly", "Custom", "Detailed"]),
    ("enabled", &["true", "false"]),
];

fn built_web_config() -> (TestSite, String) {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let text = std::fs::read_to_string(site.public().join("web.config")).expect("every build writes web.config");
    (site, text)
}

#[test]
fn web_config_is_well_formed_and_holds_only_what_iis_documents() {
    let (_site, text) = built_web_config();
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("web.config is not well-formed XML: {e}"));
    for node in doc.descendants().filter(|n| n.is_element()) {
        let parent = node.parent_element().map_or("", |p| p.tag_name().name());
        let name = node.tag_name().name();
        let Some((_, _, allowed)) = IIS_SCHEMA.iter().find(|(p, n, _)| *p == parent && *n == name) else {
            panic!("<{name}> in <{parent}> is not an element IIS documents there");
        };
        for attr in node.attributes() {
            assert!(allowed.contains(&attr.name()), "<{name} {}> is not an attribute IIS documents", attr.name());
            if let Some((_, values)) = IIS_ENUMS.iter().find(|(a, _)| *a == attr.name()) {
                assert!(values.contains(&attr.value()), "<{name} {}=\"{}\">", attr.name(), attr.value());
            }
            if attr.name() == "cacheControlMaxAge" {
                let (days, time) = attr.value().split_once('.').expect("D.HH:MM:SS");
                assert!(days.parse::<u32>().is_ok() && time.len() == 8, "{}", attr.value());
            }
        }
    }
}

#[test]
fn web_config_removes_before_it_adds_so_a_server_wide_entry_cannot_clash() {
    let (_site, text) = built_web_config();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let elements: Vec<_> = doc.descendants().filter(|n| n.is_element()).collect();
    for (i, node) in elements.iter().enumerate() {
        let key = match node.tag_name().name() {
            "mimeMap" => ("fileExtension", node.attribute("fileExtension")),
            "add" if node.parent_element().is_some_and(|p| p.has_tag_name("customHeaders")) => {
                ("name", node.attribute("name"))
            }
            "error" => ("statusCode", node.attribute("statusCode")),
            _ => continue,
        };
        let removed =
            elements[..i].iter().rev().take(2).any(|n| n.has_tag_name("remove") && n.attribute(key.0) == key.1);
        assert!(removed, "<{}> for {:?} follows a <remove> of it", node.tag_name().name(), key.1);
    }
}

#[test]
fn web_config_maps_every_extension_sends_every_header_and_sends_missing_addresses_to_the_404_page() {
    let (_site, text) = built_web_config();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let find = |tag: &str, attr: &str, value: &str| {
        doc.descendants().find(|n| n.has_tag_name(tag) && n.attribute(attr) == Some(value))
    };
    for m in MIME_TYPES {
        let map = find("mimeMap", "fileExtension", &format!(".{}", m.extension)).expect(m.extension);
        assert_eq!(map.attribute("mimeType"), Some(m.mime));
    }
    for ext in [".ics", ".json", ".webmanifest", ".woff2"] {
        assert!(find("mimeMap", "fileExtension", ext).is_some(), "IIS lacks {ext} by default");
    }
    for h in headers(false) {
        assert_eq!(find("add", "name", h.name).and_then(|n| n.attribute("value")), Some(h.value));
    }
    let csp = find("add", "name", "Content-Security-Policy").unwrap().attribute("value").unwrap();
    assert_eq!(csp, CONTENT_SECURITY_POLICY);
    for strict in ["default-src 'self'", "frame-ancestors 'none'", "script-src 'self'", "style-src 'self'"] {
        assert!(csp.contains(strict), "{strict}");
    }
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
    let error = doc.descendants().find(|n| n.has_tag_name("error")).unwrap();
    assert_eq!(error.attribute("path"), Some("/trio/404.html"), "the fixture's base_url is https://example.org/trio/");
    assert_eq!(error.attribute("responseMode"), Some("Redirect"));
    let index = doc.descendants().find(|n| n.has_tag_name("add") && n.attribute("value").is_some()).unwrap();
    assert_eq!(index.attribute("value"), Some("index.html"));
    let cache = |path: &str| {
        let location = doc.descendants().find(|n| n.has_tag_name("location") && n.attribute("path") == Some(path));
        location
            .and_then(|l| l.descendants().find(|n| n.has_tag_name("clientCache")))
            .map(|c| c.attribute("cacheControlMode").unwrap().to_string())
    };
    assert_eq!(cache("search").as_deref(), Some("UseMaxAge"));
    assert_eq!(cache("search/manifest.js").as_deref(), Some("DisableCache"));
}

#[test]
fn the_404_page_links_from_its_own_folder_so_it_works_under_any_path_and_from_disk() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let page = site.html("404.html");
    let links: Vec<String> = ["link[href]", "script[src]", "a[href]"]
        .iter()
        .flat_map(|sel| attrs(&page, sel, if sel.starts_with("script") { "src" } else { "href" }))
        .filter(|u| !u.starts_with("mailto:") && !u.starts_with("http"))
        .collect();
    assert!(links.contains(&"css/site.css".to_string()), "{links:?}");
    assert!(links.contains(&"index.html".to_string()), "{links:?}");
    for link in &links {
        assert!(!link.starts_with('/') && !link.starts_with("../"), "{link} depends on where the site is put");
        assert!(site.public().join(link.split(['#', '?']).next().unwrap()).exists(), "{link} exists beside 404.html");
    }
}

fn triobog(site: &TestSite, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_triobog")).arg("--root").arg(site.root()).args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn hosting_prints_each_servers_configuration_for_the_base_url_and_the_folder() {
    let site = TestSite::from_fixture("minimal");
    let (ok, nginx, _) = triobog(&site, &["hosting", "nginx", "--dir", "/srv/www/trio"]);
    assert!(ok);
    assert!(nginx.contains("location /trio/ {\n    alias \"/srv/www/trio/\";"), "{nginx}");
    assert!(nginx.contains("return 302 /trio/404.html;"));
    assert!(nginx.contains("location = /trio/web.config {\n        return 404;"));
    assert!(nginx.contains(&format!("add_header Content-Security-Policy \"{CONTENT_SECURITY_POLICY}\" always;")));
    assert!(nginx.contains("\"text/calendar; charset=utf-8\" ics;"));
    let (ok, default_dir, _) = triobog(&site, &["hosting", "nginx"]);
    assert!(ok);
    let public = std::path::absolute(site.public()).unwrap();
    assert!(
        default_dir.contains(&format!("alias \"{}/\";", public.display())),
        "the output folder by default:\n{default_dir}"
    );
    let (ok, apache, _) = triobog(&site, &["hosting", "apache", "--dir", "/srv/www/trio"]);
    assert!(ok);
    assert!(apache.contains("Alias \"/trio\" \"/srv/www/trio\"\n<Directory \"/srv/www/trio\">"), "{apache}");
    assert!(apache.contains("RewriteRule ^ /trio/404.html [R=302,L]"));
    assert!(apache.contains("<FilesMatch \"^(web\\.config|\\.triobog-output)$\">\n        Require all denied"));
    let (ok, iis, _) = triobog(&site, &["hosting", "iis", "--base-url", "https://intra.kommune.dk/haandbog/"]);
    assert!(ok);
    assert!(iis.contains("path=\"/haandbog/404.html\""), "{iis}");
    let (ok, headers, _) = triobog(&site, &["hosting", "headers"]);
    assert!(ok);
    assert!(headers.contains(&format!("\nContent-Security-Policy: {CONTENT_SECURITY_POLICY}\n")));
}

#[test]
fn hosting_for_an_unknown_server_or_a_path_no_configuration_can_hold_says_what_to_do() {
    let site = TestSite::from_fixture("minimal");
    let (ok, _, err) = triobog(&site, &["hosting", "caddy"]);
    assert!(!ok);
    assert!(err.contains("ukendt server \"caddy\": brug nginx, apache, iis eller headers"), "{err}");
    let (ok, _, err) = triobog(&site, &["hosting", "nginx", "--base-url", "https://x.dk/min trio/"]);
    assert!(!ok);
    assert!(err.contains("site.toml") && err.contains("' '") && err.contains("hjælp"), "{err}");
}

#[test]
fn an_intranets_pages_say_noindex_and_a_public_sites_robots_txt_names_the_sitemap() {
    let site = TestSite::from_fixture("minimal");
    site.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    site.build_ok();
    assert_eq!(attrs(&site.html("index.html"), "meta[name=robots]", "content"), ["noindex, nofollow"]);
    assert_eq!(std::fs::read_to_string(site.public().join("robots.txt")).unwrap(), "User-agent: *\nDisallow: /\n");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &format!("{config}\n[hosting]\nsearch_engines = true\n"));
    site.build_ok();
    assert!(attrs(&site.html("index.html"), "meta[name=robots]", "content").is_empty());
    let robots = std::fs::read_to_string(site.public().join("robots.txt")).unwrap();
    assert_eq!(robots, "User-agent: *\nAllow: /\n\nSitemap: https://example.org/trio/sitemap.xml\n");
    let (_, headers, _) = triobog(&site, &["hosting", "headers"]);
    assert!(!headers.contains("X-Robots-Tag"), "{headers}");
}

fn zip_names(path: &std::path::Path) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().unwrap().to_string()).collect()
}

#[test]
fn build_zip_holds_the_site_with_index_html_and_a_note_at_its_top() {
    let site = TestSite::from_fixture("minimal");
    let mut opts = site.options();
    let zip_path = site.root().join("ud/trio.zip");
    opts.zip = Some(zip_path.clone());
    let report = triobog::build(&opts).unwrap();
    let (written, count) = report.zip.expect("asked for").expect("written");
    assert_eq!(written, zip_path);
    let names = zip_names(&zip_path);
    assert_eq!(names.len(), count);
    assert_eq!(names[0], "LÆS MIG.txt");
    assert!(names.contains(&"index.html".to_string()) && names.contains(&"404.html".to_string()));
    assert!(!names.iter().any(|n| n.contains(".triobog-output") || n.starts_with('/') || n.contains('\\')));
    let on_disk: BTreeSet<String> = walkdir::WalkDir::new(site.public())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(site.public()).unwrap().to_string_lossy().replace('\\', "/"))
        .filter(|n| n != ".triobog-output")
        .collect();
    assert_eq!(
        names[1..].iter().cloned().collect::<BTreeSet<_>>(),
        on_disk,
        "the zip holds the output folder, no more"
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut note = String::new();
    zip.by_name("LÆS MIG.txt").unwrap().read_to_string(&mut note).unwrap();
    assert_eq!(note.lines().count(), 2, "{note}");
    assert!(note.contains("index.html") && note.contains("Pak"), "{note}");
    let mut index = String::new();
    zip.by_name("index.html").unwrap().read_to_string(&mut index).unwrap();
    assert_eq!(index, std::fs::read_to_string(site.public().join("index.html")).unwrap());
}

#[test]
fn a_zip_inside_the_output_folder_is_refused_before_anything_is_built() {
    let site = TestSite::from_fixture("minimal");
    let mut opts = site.options();
    opts.zip = Some(site.public().join("trio.zip"));
    let ds = triobog::build(&opts).unwrap_err();
    assert!(ds.to_string().contains("zip-filen kan ikke ligge i output-mappen"), "{ds}");
    assert!(!site.public().exists());
}

#[test]
fn a_zip_that_cannot_be_written_leaves_the_site_built_and_says_why() {
    let site = TestSite::from_fixture("minimal");
    site.write("en-fil", "ikke en mappe");
    let mut opts = site.options();
    opts.zip = Some(site.root().join("en-fil/trio.zip"));
    let report = triobog::build(&opts).unwrap();
    let error = report.zip.expect("asked for").unwrap_err();
    assert!(error.to_string().contains("kan ikke skrive zip-filen"), "{error}");
    assert!(error.to_string().contains("selve siden er bygget"), "{error}");
    assert!(site.public().join("index.html").is_file());
    let (ok, _, err) = triobog(&site, &["build", "--zip", site.root().join("en-fil/trio.zip").to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("men zip-filen blev ikke skrevet"), "{err}");
}
