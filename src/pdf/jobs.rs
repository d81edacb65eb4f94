//! Printing many pages to PDF through one Chromium: a few tabs, each loading a page, waiting for
//! it (and its fonts) to be ready and printing it, all at once over one DevTools connection. A
//! page that does not print within its time is an error naming it; its tab is given up and the
//! others carry on.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};

use crate::pdf::cdp::Connection;
use crate::pdf::chromium::file_url;

/// Longest a page may take from loading to a written PDF, unless `TRIOBOG_PDF_PAGE_TIMEOUT`
/// (seconds) says otherwise (for a very slow machine, or a test of a page that hangs).
pub const PAGE_TIMEOUT: Duration = Duration::from_secs(60);

/// The time a page may take: [`PAGE_TIMEOUT`], or the environment's.
fn page_timeout() -> Duration {
    std::env::var("TRIOBOG_PDF_PAGE_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|&s| s > 0)
        .map_or(PAGE_TIMEOUT, Duration::from_secs)
}

/// Resolves once the page has loaded and its fonts are ready: then it prints as a browser would.
const READY: &str = "new Promise(done => { const ready = () => document.fonts.ready.then(() => done(true)); \
                     if (document.readyState === 'complete') ready(); else addEventListener('load', ready, { once: true }); })";

/// One page to print.
pub struct PrintJob {
    /// The HTML file, an absolute path.
    pub html: PathBuf,
    /// Where its PDF goes.
    pub pdf: PathBuf,
    /// What to call it in progress and messages.
    pub name: String,
    /// A script to run in the page before printing (the book's page numbers), if any.
    pub before_print: Option<String>,
    /// Printed only to be measured (the book's first pass): no tags and no outline, which
    /// take Chromium longer than the layout itself on a long document.
    pub draft: bool,
}

/// Where a tab is with its page.
#[derive(Clone, Copy, PartialEq)]
enum Step {
    /// Opening: the tab is being made.
    Create,
    /// Opening: the tab is being attached to, for a session.
    Attach,
    /// Free for the next page.
    Idle,
    Navigate,
    Ready,
    Prepare,
    Print,
    /// Given up after a page that did not print in time.
    Dead,
}

struct Tab {
    target: String,
    session: String,
    step: Step,
    /// The page being printed, and when it must be done.
    job: Option<(usize, Instant)>,
}

/// What comes after a printed job: another job to print (the book's second pass after its
/// first), or nothing.
pub type FollowUp<'f> = dyn FnMut(&PrintJob) -> Result<Option<PrintJob>, String> + 'f;

/// Prints every job with `tabs` tabs at once; calls `progress(done, total, name)` after each,
/// and `follow_up` with each printed job, whose answer is printed too. Returns the jobs that
/// failed, by index, with what went wrong.
pub fn print_all(
    conn: &mut Connection,
    jobs: Vec<PrintJob>,
    tabs: usize,
    progress: &mut dyn FnMut(usize, usize, &str),
    follow_up: &mut FollowUp,
) -> Result<Vec<(usize, String)>, String> {
    let tab_count = tabs.clamp(1, jobs.len().max(1));
    let waiting = (0..jobs.len()).collect();
    let mut run =
        Run { conn, jobs, tabs: Vec::new(), pending: HashMap::new(), waiting, done: 0, failed: Vec::new(), follow_up };
    for _ in 0..tab_count {
        run.open_tab()?;
    }
    while run.done + run.failed.len() < run.jobs.len() {
        run.start_free_tabs()?;
        if let Some(reply) = run.conn.next_reply()?
            && let Some(tab) = run.pending.remove(&reply.id)
        {
            run.advance(tab, reply.result, progress)?;
        }
        run.give_up_late_pages();
        if run.tabs.iter().all(|t| t.step == Step::Dead) {
            while let Some(job) = run.waiting.pop_front() {
                run.failed.push((job, "Chromium kunne ikke åbne flere faner".into()));
            }
        }
    }
    Ok(run.failed)
}

/// The state of one `print_all`.
struct Run<'a, 'f> {
    conn: &'a mut Connection,
    jobs: Vec<PrintJob>,
    tabs: Vec<Tab>,
    /// Command id → the tab waiting for its reply.
    pending: HashMap<u64, usize>,
    /// The jobs not started yet, in the order they start. A follow-up goes first (or, for the
    /// same page, straight on in its tab), so that the book's second pass starts the moment its
    /// first is done: together they are the longest job.
    waiting: VecDeque<usize>,
    done: usize,
    failed: Vec<(usize, String)>,
    follow_up: &'a mut FollowUp<'f>,
}

impl Run<'_, '_> {
    fn open_tab(&mut self) -> Result<(), String> {
        let id = self.conn.send("Target.createTarget", json!({ "url": "about:blank" }), None)?;
        self.pending.insert(id, self.tabs.len());
        self.tabs.push(Tab { target: String::new(), session: String::new(), step: Step::Create, job: None });
        Ok(())
    }

    /// Gives each free tab the next page.
    fn start_free_tabs(&mut self) -> Result<(), String> {
        for t in 0..self.tabs.len() {
            if self.tabs[t].step != Step::Idle {
                continue;
            }
            let Some(job) = self.waiting.pop_front() else { break };
            self.tabs[t].job = Some((job, Instant::now() + page_timeout()));
            let url = file_url(&self.jobs[job].html);
            self.send(t, Step::Navigate, "Page.navigate", json!({ "url": url }))?;
        }
        Ok(())
    }

    fn send(&mut self, t: usize, step: Step, method: &str, params: Value) -> Result<(), String> {
        let session = self.tabs[t].session.clone();
        let id = self.conn.send(method, params, Some(&session))?;
        self.pending.insert(id, t);
        self.tabs[t].step = step;
        Ok(())
    }

    /// Takes tab `t` a step further with the reply it waited for.
    fn advance(
        &mut self,
        t: usize,
        result: Result<Value, String>,
        progress: &mut dyn FnMut(usize, usize, &str),
    ) -> Result<(), String> {
        let step = self.tabs[t].step;
        let value = match result {
            Ok(v) => v,
            Err(e) => return self.fail(t, e),
        };
        match step {
            Step::Create => {
                self.tabs[t].target = value["targetId"].as_str().unwrap_or_default().to_string();
                let id = self.conn.send(
                    "Target.attachToTarget",
                    json!({ "targetId": self.tabs[t].target, "flatten": true }),
                    None,
                )?;
                self.pending.insert(id, t);
                self.tabs[t].step = Step::Attach;
            }
            Step::Attach => {
                self.tabs[t].session = value["sessionId"].as_str().unwrap_or_default().to_string();
                self.tabs[t].step = Step::Idle;
            }
            Step::Navigate => match value["errorText"].as_str() {
                Some(error) => return self.fail(t, format!("siden kunne ikke åbnes: {error}")),
                None => {
                    self.send(t, Step::Ready, "Runtime.evaluate", json!({ "expression": READY, "awaitPromise": true }))?
                }
            },
            Step::Ready => self.prepare(t)?,
            Step::Prepare => self.print(t)?,
            Step::Print => return self.write(t, &value, progress),
            Step::Idle | Step::Dead => {}
        }
        Ok(())
    }

    /// Runs the job's script in its loaded page, if it has one, else prints it.
    fn prepare(&mut self, t: usize) -> Result<(), String> {
        let job = self.tabs[t].job.map(|(j, _)| j).unwrap_or_default();
        match self.jobs[job].before_print.clone() {
            Some(script) => {
                self.send(t, Step::Prepare, "Runtime.evaluate", json!({ "expression": script, "awaitPromise": true }))
            }
            None => self.print(t),
        }
    }

    fn print(&mut self, t: usize) -> Result<(), String> {
        let finished = self.tabs[t].job.is_some_and(|(job, _)| !self.jobs[job].draft);
        let params = json!({
            "printBackground": true,
            "preferCSSPageSize": true,
            "generateTaggedPDF": finished,
            "generateDocumentOutline": finished,
        });
        self.send(t, Step::Print, "Page.printToPDF", params)
    }

    /// Writes the PDF a tab printed, and frees the tab.
    fn write(&mut self, t: usize, value: &Value, progress: &mut dyn FnMut(usize, usize, &str)) -> Result<(), String> {
        let Some((job, _)) = self.tabs[t].job.take() else { return Ok(()) };
        self.tabs[t].step = Step::Idle;
        let data = value["data"].as_str().unwrap_or_default();
        let written =
            base64::engine::general_purpose::STANDARD.decode(data).map_err(|e| e.to_string()).and_then(|bytes| {
                let pdf = &self.jobs[job].pdf;
                if let Some(dir) = pdf.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
                }
                std::fs::write(pdf, bytes).map_err(|e| e.to_string())
            });
        match written.and_then(|()| (self.follow_up)(&self.jobs[job])) {
            Ok(next) => {
                self.done += 1;
                progress(self.done, self.jobs.len(), &self.jobs[job].name);
                if let Some(next) = next {
                    let index = self.jobs.len();
                    let same_page = next.html == self.jobs[job].html;
                    self.jobs.push(next);
                    if same_page {
                        // The page is loaded in this tab already (the book's second pass): only
                        // its script and the print are left to do.
                        self.tabs[t].job = Some((index, Instant::now() + page_timeout()));
                        self.prepare(t)?;
                    } else {
                        self.waiting.push_front(index);
                    }
                }
            }
            Err(e) => self.failed.push((job, format!("PDF'en kunne ikke skrives: {e}"))),
        }
        Ok(())
    }

    /// Records the failure of tab `t`'s page and frees the tab; a tab that failed to open is dead.
    fn fail(&mut self, t: usize, error: String) -> Result<(), String> {
        match self.tabs[t].job.take() {
            Some((job, _)) => {
                self.failed.push((job, error));
                self.tabs[t].step = Step::Idle;
            }
            None => self.tabs[t].step = Step::Dead,
        }
        Ok(())
    }

    /// Fails each page that is past its time, and gives up its tab (it may hang still).
    fn give_up_late_pages(&mut self) {
        let now = Instant::now();
        for t in 0..self.tabs.len() {
            if let Some((job, deadline)) = self.tabs[t].job
                && now > deadline
            {
                self.failed
                    .push((job, format!("siden blev ikke printet inden for {} sekunder", page_timeout().as_secs())));
                self.tabs[t].job = None;
                self.tabs[t].step = Step::Dead;
                self.pending.retain(|_, tab| *tab != t);
                let target = self.tabs[t].target.clone();
                let _ = self.conn.send("Target.closeTarget", json!({ "targetId": target }), None);
            }
        }
    }
}
