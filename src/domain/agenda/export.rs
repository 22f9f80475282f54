//! Exporting the agenda (Markdown, print-ready HTML, PDF) and the countdown line.
//!
//! Exports carry only what is on the agenda: titles, wants, minutes and markers.
//! Entries the user took off the agenda are never on it, so never exported. Entry text
//! is included only with [`ExportOptions::full_text`], and only for items on the agenda.

use chrono::{DateTime, Duration};
use chrono_tz::Tz;

use super::build::{Agenda, AgendaItem};
use super::schedule::Session;
use crate::domain::model::Entry;
use crate::domain::when::{self, Clock};

/// The rule between what fits and the rest.
pub const IF_THERES_TIME: &str = "— if there's time —";

/// Optional extras for an export.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExportOptions<'a> {
    /// Add the full entry text under each item (looked up in `entries`).
    pub full_text: bool,
    pub entries: &'a [Entry],
    /// How times are written (from the locale).
    pub clock: Clock,
}

impl ExportOptions<'_> {
    fn text_for(&self, item: &AgendaItem) -> Option<&str> {
        if !self.full_text {
            return None;
        }
        self.entries
            .iter()
            .find(|e| e.id == item.entry_id && !e.off_agenda)
            .map(|e| e.text.trim())
            .filter(|t| !t.is_empty())
    }
}

/// "Tuesday 24 November 2026, 3:00 PM, 50 minutes".
pub fn session_heading(session: &Session, tz: Tz, clock: Clock) -> String {
    let start = session.start.with_timezone(&tz);
    format!(
        "{}, {} minutes",
        when::moment_long(&start, clock),
        session.minutes
    )
}

fn title_line(agenda: &Agenda, tz: Tz, clock: Clock) -> String {
    match &agenda.session {
        Some(s) => format!("Agenda for {}", session_heading(s, tz, clock)),
        None => "Agenda for the next session".to_string(),
    }
}

fn summary_line(agenda: &Agenda) -> String {
    let mut s = format!(
        "{} minutes for topics ({} check-in, {} wrap-up); the first {} take {} minutes.",
        agenda.available_minutes,
        agenda.checkin_minutes,
        agenda.wrapup_minutes,
        plural(agenda.items.iter().filter(|i| i.first).count(), "item"),
        agenda.first_minutes
    );
    if agenda.session.is_none() {
        s.push_str(" No session is scheduled.");
    }
    s
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn item_meta(item: &AgendaItem) -> Vec<String> {
    let mut meta = vec![format!("{} min", item.minutes)];
    if let Some(w) = item.want {
        meta.push(format!("wants: {}", w.label()));
    }
    meta.extend(item.markers().into_iter().map(str::to_string));
    meta
}

pub fn to_markdown(agenda: &Agenda, tz: Tz) -> String {
    to_markdown_with(agenda, tz, &ExportOptions::default())
}

pub fn to_markdown_with(agenda: &Agenda, tz: Tz, opts: &ExportOptions) -> String {
    let mut out = format!(
        "# {}\n\n{}\n\n",
        title_line(agenda, tz, opts.clock),
        summary_line(agenda)
    );
    if agenda.items.is_empty() {
        out.push_str("Nothing on the agenda yet.\n");
        return out;
    }
    let mut ruled = false;
    for (n, item) in agenda.items.iter().enumerate() {
        if !item.first && !ruled {
            ruled = true;
            out.push_str(&format!("\n{IF_THERES_TIME}\n\n"));
        }
        let meta = item_meta(item)
            .iter()
            .map(|m| format!("*{}*", md_escape(m)))
            .collect::<Vec<_>>()
            .join(" · ");
        out.push_str(&format!(
            "{}. **{}** — {}\n",
            n + 1,
            md_escape(&item.title),
            meta
        ));
        if let Some(text) = opts.text_for(item) {
            for line in text.lines() {
                if line.trim().is_empty() {
                    out.push_str("   >\n");
                } else {
                    out.push_str(&format!("   > {}\n", md_escape(line.trim_end())));
                }
            }
        }
    }
    out
}

/// Escape text for HTML element content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"@page { size: A4; margin: 20mm 18mm 22mm 18mm; }
:root { color-scheme: light; }
body { font-family: "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "Times New Roman", serif;
  font-size: 12pt; line-height: 1.45; color: #1d1d1f; background: #fff; max-width: 42rem; margin: 2.5rem auto; padding: 0 1.25rem; }
h1 { font-family: "Avenir Next", "Segoe UI", "Helvetica Neue", Helvetica, Arial, sans-serif;
  font-weight: 600; font-size: 1.45rem; line-height: 1.25; margin: 0 0 .35rem; }
.summary { font-family: "Avenir Next", "Segoe UI", "Helvetica Neue", Helvetica, Arial, sans-serif;
  font-size: .9rem; color: #555; margin: 0 0 1.5rem; }
ol { padding-left: 1.6rem; margin: 0; }
li { margin: 0 0 .7rem; padding-left: .25rem; break-inside: avoid; }
.title { font-weight: 600; }
.meta { display: block; margin-top: .15rem; font-family: "Avenir Next", "Segoe UI", "Helvetica Neue", Helvetica, Arial, sans-serif; font-size: .8rem; color: #444; }
.chip { display: inline-block; border: 1px solid #bbb; border-radius: 999px; padding: 0 .5rem; margin: 0 .3rem .2rem 0; white-space: nowrap; }
.chip.want { border-color: #6a7fb5; color: #2e3f70; }
.chip.urgent { border-color: #b5523b; color: #8a2d18; }
.chip.carried { border-color: #8a7a3b; color: #5b4e17; }
.text { margin: .4rem 0 0; padding-left: .8rem; border-left: 2px solid #ddd; white-space: pre-wrap; font-size: .95rem; color: #333; }
.rule { list-style: none; margin: 1.1rem 0 1.1rem -1.6rem; text-align: center; color: #777; font-style: italic; font-size: .9rem; }
.rule::before, .rule::after { content: ""; display: inline-block; width: 28%; border-top: 1px solid #ccc; vertical-align: middle; margin: 0 .8rem; }
.later { color: #333; }
.empty { color: #555; font-style: italic; }
footer { margin-top: 2rem; font-size: .75rem; color: #888; font-family: "Avenir Next", "Segoe UI", "Helvetica Neue", Helvetica, Arial, sans-serif; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 11pt; }
  .chip { border-color: #999 !important; color: #000 !important; }
  footer { position: fixed; bottom: 0; }
  a { color: inherit; text-decoration: none; }
}
"#;

pub fn to_html(agenda: &Agenda, tz: Tz) -> String {
    to_html_with(agenda, tz, &ExportOptions::default())
}

pub fn to_html_with(agenda: &Agenda, tz: Tz, opts: &ExportOptions) -> String {
    let title = html_escape(&title_line(agenda, tz, opts.clock));
    let mut body = String::new();
    if agenda.items.is_empty() {
        body.push_str("<p class=\"empty\">Nothing on the agenda yet.</p>\n");
    } else {
        body.push_str("<ol>\n");
        let mut ruled = false;
        for (n, item) in agenda.items.iter().enumerate() {
            if !item.first && !ruled {
                ruled = true;
                body.push_str(&format!(
                    "<li class=\"rule\" role=\"separator\">{}</li>\n",
                    html_escape(IF_THERES_TIME.trim_matches(|c| c == '—' || c == ' '))
                ));
            }
            let class = if item.first { "first" } else { "later" };
            body.push_str(&format!(
                "<li value=\"{}\" class=\"{}\"><span class=\"title\">{}</span>\n<span class=\"meta\">",
                n + 1,
                class,
                html_escape(&item.title)
            ));
            body.push_str(&format!("<span class=\"chip\">{} min</span>", item.minutes));
            if let Some(w) = item.want {
                body.push_str(&format!(
                    "<span class=\"chip want\">wants: {}</span>",
                    html_escape(w.label())
                ));
            }
            for m in item.markers() {
                let extra = match m {
                    "talk about this in session too" => " urgent",
                    "carried over" => " carried",
                    _ => "",
                };
                body.push_str(&format!(
                    "<span class=\"chip{}\">{}</span>",
                    extra,
                    html_escape(m)
                ));
            }
            body.push_str("</span>");
            if let Some(text) = opts.text_for(item) {
                body.push_str(&format!(
                    "\n<div class=\"text\">{}</div>",
                    html_escape(text)
                ));
            }
            body.push_str("</li>\n");
        }
        body.push_str("</ol>\n");
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n\
<h1>{title}</h1>\n<p class=\"summary\">{summary}</p>\n{body}</main>\n\
<footer>Made with Between. Private: share it only with your therapist.</footer>\n</body>\n</html>\n",
        summary = html_escape(&summary_line(agenda)),
    )
}

/// A human countdown to `session` from `now`, in `now`'s time zone, written
/// with `domain::when`: "now, until 3:50 PM", "today at 3:00 PM, in 3 hours",
/// "tomorrow 9:00 AM", "Thu 26 Nov, 3:00 PM, in 2 days", "earlier today,
/// ended at 3:50 PM" / "Sun 22 Nov, 3:00 PM, 2 days ago" for past sessions.
pub fn countdown(session: &Session, now: DateTime<Tz>, clock: Clock) -> String {
    let tz = now.timezone();
    let start = session.start.with_timezone(&tz);
    let end = session.end().with_timezone(&tz);
    let t = |at: &DateTime<Tz>| when::time(at.time(), clock);
    if start <= now && now < end {
        return format!("now, until {}", t(&end));
    }
    let days = (start.date_naive() - now.date_naive()).num_days();
    let moment = when::moment(&start, &now, clock);
    if end <= now {
        return match days {
            0 => format!("earlier today, ended at {}", t(&end)),
            -1 => moment,
            d => format!("{moment}, {} ago", plural((-d) as usize, "day")),
        };
    }
    match days {
        0 => {
            let mins = (start - now + Duration::seconds(59)).num_minutes();
            let rel = if mins < 60 {
                format!("in {}", plural(mins.max(1) as usize, "minute"))
            } else {
                format!("in {}", plural(((mins + 30) / 60) as usize, "hour"))
            };
            format!("today at {}, {}", t(&start), rel)
        }
        1 => moment,
        d => format!("{moment}, in {d} days"),
    }
}

// ---------------------------------------------------------------------------
// PDF (printpdf 0.7, built-in Helvetica/Times: no font files to ship)
// ---------------------------------------------------------------------------

/// Replace characters outside Windows-1252 (the built-in fonts' encoding), which the
/// PDF writer would otherwise drop silently.
fn pdf_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{2013}' | '\u{2014}'
            | '\u{2026}' | '\u{2022}' | '\u{00B7}' => c,
            c if (c as u32) < 0x100 => c,
            _ => '?',
        })
        .collect()
}

/// Greedy word wrap by an approximate character budget.
fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in s.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

pub fn to_pdf(agenda: &Agenda, tz: Tz) -> Result<Vec<u8>, String> {
    to_pdf_with(agenda, tz, &ExportOptions::default())
}

pub fn to_pdf_with(agenda: &Agenda, tz: Tz, opts: &ExportOptions) -> Result<Vec<u8>, String> {
    use printpdf::{BuiltinFont, Color, Line, Mm, PdfDocument, Point, Rgb};

    const W: f32 = 210.0;
    const H: f32 = 297.0;
    const LEFT: f32 = 22.0;
    const TOP: f32 = 275.0;
    const BOTTOM: f32 = 22.0;

    let err = |e: printpdf::Error| e.to_string();
    let title = pdf_text(&title_line(agenda, tz, opts.clock));
    // Deterministic metadata: dates from the session (or the epoch), a fixed id.
    let stamp = agenda
        .session
        .as_ref()
        .map(|s| s.start.timestamp())
        .unwrap_or(0);
    let date = printpdf::OffsetDateTime::from_unix_timestamp(stamp).map_err(|e| e.to_string())?;
    let (doc, page, layer) = PdfDocument::new(&title, Mm(W), Mm(H), "agenda");
    let doc = doc
        .with_document_id(format!("{:032x}", stamp as u128))
        .with_creation_date(date)
        .with_mod_date(date)
        .with_metadata_date(date)
        .with_creator("Between")
        .with_producer("Between");
    let sans = doc.add_builtin_font(BuiltinFont::Helvetica).map_err(err)?;
    let sans_bold = doc
        .add_builtin_font(BuiltinFont::HelveticaBold)
        .map_err(err)?;
    let serif = doc.add_builtin_font(BuiltinFont::TimesRoman).map_err(err)?;
    let serif_italic = doc
        .add_builtin_font(BuiltinFont::TimesItalic)
        .map_err(err)?;

    let mut layer_ref = doc.get_page(page).get_layer(layer);
    let mut y = TOP;
    // pt -> mm: 1pt = 0.3528 mm.
    let lead = |pt: f32| pt * 0.3528 * 1.35;

    macro_rules! ensure_room {
        ($need:expr) => {
            if y - $need < BOTTOM {
                let (p, l) = doc.add_page(Mm(W), Mm(H), "agenda");
                layer_ref = doc.get_page(p).get_layer(l);
                y = TOP;
            }
        };
    }

    for line in wrap(&title, 58) {
        ensure_room!(lead(17.0));
        layer_ref.use_text(line, 17.0, Mm(LEFT), Mm(y), &sans_bold);
        y -= lead(17.0);
    }
    y -= 1.0;
    for line in wrap(&pdf_text(&summary_line(agenda)), 95) {
        layer_ref.use_text(line, 9.5, Mm(LEFT), Mm(y), &sans);
        y -= lead(9.5);
    }
    y -= 5.0;
    if agenda.items.is_empty() {
        layer_ref.use_text(
            "Nothing on the agenda yet.",
            12.0,
            Mm(LEFT),
            Mm(y),
            &serif_italic,
        );
    }

    let mut ruled = false;
    for (n, item) in agenda.items.iter().enumerate() {
        if !item.first && !ruled {
            ruled = true;
            ensure_room!(12.0);
            y -= 2.0;
            let label = "if there's time";
            let mid = W / 2.0;
            layer_ref.set_outline_color(Color::Rgb(Rgb::new(0.7, 0.7, 0.7, None)));
            layer_ref.set_outline_thickness(0.5);
            for (a, b) in [(LEFT, mid - 16.0), (mid + 16.0, W - LEFT)] {
                layer_ref.add_line(Line {
                    points: vec![
                        (Point::new(Mm(a), Mm(y + 1.2)), false),
                        (Point::new(Mm(b), Mm(y + 1.2)), false),
                    ],
                    is_closed: false,
                });
            }
            layer_ref.set_fill_color(Color::Rgb(Rgb::new(0.4, 0.4, 0.4, None)));
            layer_ref.use_text(label, 10.5, Mm(mid - 11.5), Mm(y), &serif_italic);
            layer_ref.set_fill_color(Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)));
            y -= 8.0;
        }
        let title_lines = wrap(&pdf_text(&item.title), 70);
        ensure_room!(lead(12.0) * title_lines.len() as f32 + lead(9.0));
        layer_ref.use_text(format!("{}.", n + 1), 12.0, Mm(LEFT), Mm(y), &serif);
        for line in title_lines {
            layer_ref.use_text(line, 12.0, Mm(LEFT + 8.0), Mm(y), &serif);
            y -= lead(12.0);
        }
        let meta = pdf_text(&item_meta(item).join("  \u{00B7}  "));
        for line in wrap(&meta, 100) {
            layer_ref.use_text(line, 9.0, Mm(LEFT + 8.0), Mm(y), &sans);
            y -= lead(9.0);
        }
        if let Some(text) = opts.text_for(item) {
            y -= 1.0;
            for para in text.lines() {
                for line in wrap(&pdf_text(para), 85) {
                    ensure_room!(lead(10.5));
                    layer_ref.use_text(line, 10.5, Mm(LEFT + 12.0), Mm(y), &serif_italic);
                    y -= lead(10.5);
                }
            }
        }
        y -= 3.5;
    }
    doc.save_to_bytes().map_err(err)
}
