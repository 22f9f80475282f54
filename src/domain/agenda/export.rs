//! Exporting the agenda (Markdown, print-ready HTML, PDF) and the countdown line.
//!
//! Exports carry only what is on the agenda: titles, wants, minutes and markers.
//! Entries the user took off the agenda are never on it, so never exported. Entry text
//! is included only with [`ExportOptions::full_text`], and only for items on the agenda.

use chrono::{DateTime, Duration};
use chrono_tz::Tz;

use super::build::{Agenda, AgendaItem, ItemKind};
use super::schedule::Session;
use crate::domain::model::Entry;
use crate::domain::when::{self, Clock};

/// The rule between what fits and the rest.
pub const IF_THERES_TIME: &str = "— if there's time —";
/// The heading over crisis entries, which stand apart at the top, without
/// a time estimate (as in the window).
pub const TELL_FIRST: &str = "Tell your therapist about this first";
/// The heading over the topics that follow them.
pub const TOPICS: &str = "Topics";

/// Whether item `n` opens the crisis group or the topics after it.
fn heading_before(agenda: &Agenda, n: usize) -> Option<&'static str> {
    let urgent = |i: usize| agenda.items[i].kind == ItemKind::Urgent;
    match (n.checked_sub(1).map(urgent), urgent(n)) {
        (None, true) => Some(TELL_FIRST),
        (Some(true), false) => Some(TOPICS),
        _ => None,
    }
}

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
    if item.kind == ItemKind::Urgent {
        return Vec::new();
    }
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
        if let Some(heading) = heading_before(agenda, n) {
            let gap = if n > 0 { "\n" } else { "" };
            out.push_str(&format!("{gap}## {heading}\n\n"));
        }
        if !item.first && !ruled {
            ruled = true;
            out.push_str(&format!("\n{IF_THERES_TIME}\n\n"));
        }
        let meta = item_meta(item)
            .iter()
            .map(|m| format!("*{}*", md_escape(m)))
            .collect::<Vec<_>>()
            .join(" · ");
        let meta = if meta.is_empty() {
            String::new()
        } else {
            format!(" — {meta}")
        };
        out.push_str(&format!(
            "{}. **{}**{}\n",
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
body { font-family: "Avenir Next", "Segoe UI", "Helvetica Neue", Helvetica, Arial, sans-serif;
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
.heading { list-style: none; margin: 1rem 0 .5rem -1.6rem; }
.heading h2 { font-size: 1.05rem; margin: 0; }
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
            if let Some(heading) = heading_before(agenda, n) {
                body.push_str(&format!(
                    "<li class=\"heading\" role=\"presentation\"><h2>{}</h2></li>\n",
                    html_escape(heading)
                ));
            }
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
            let urgent = item.kind == ItemKind::Urgent;
            if !urgent {
                body.push_str(&format!("<span class=\"chip\">{} min</span>", item.minutes));
            }
            if let Some(w) = item.want.filter(|_| !urgent) {
                body.push_str(&format!(
                    "<span class=\"chip want\">wants: {}</span>",
                    html_escape(w.label())
                ));
            }
            for m in item.markers().into_iter().filter(|_| !urgent) {
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
// PDF (printpdf 0.7, the built-in Helvetica family: no font files to ship)
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

/// Advance widths of Helvetica and Helvetica-Bold (thousandths of an em) for
/// ASCII 32..=126, from the Adobe core-font metrics; Helvetica-Oblique has
/// the regular widths. Used to wrap lines inside the margins.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 222, 333, 333, 389, 584, 278, 333, 278,
    278, // space../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P.._
    222, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p..~
];
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 278, 333, 333, 389, 584, 278, 333, 278,
    278, // space../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0..?
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // P.._
    278, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // `..o
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, // p..~
];

/// The width of `s` in millimetres at `size` points.
fn width_mm(s: &str, size: f32, bold: bool) -> f32 {
    let table = if bold { &HELVETICA_BOLD } else { &HELVETICA };
    let units: u32 = s
        .chars()
        .map(|c| match c as u32 {
            code @ 32..=126 => u32::from(table[(code - 32) as usize]),
            0x2014 | 0x2026 => 1000,
            0x2013 => 556,
            0x00A0 => 278,
            0x2018 | 0x2019 | 0x00B7 => 278,
            // Wider than any Latin-1 letter but W and M, so a line never overflows.
            _ => 780,
        })
        .sum();
    units as f32 / 1000.0 * size * 0.3528
}

/// Greedy word wrap to `max_mm` at `size` points, at plain spaces only (a
/// no-break space holds its words together); a word too long for a line is
/// broken between characters.
fn wrap(s: &str, max_mm: f32, size: f32, bold: bool) -> Vec<String> {
    let fits = |line: &str| width_mm(line, size, bold) <= max_mm;
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in s.split([' ', '\t', '\n']).filter(|w| !w.is_empty()) {
        let joined = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if fits(&joined) {
            cur = joined;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        for c in word.chars() {
            cur.push(c);
            if !fits(&cur) {
                cur.pop();
                lines.push(std::mem::take(&mut cur));
                cur.push(c);
            }
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    // The built-in fonts draw no glyph for a no-break space: print a space.
    lines
        .into_iter()
        .map(|l| l.replace('\u{a0}', " "))
        .collect()
}

pub fn to_pdf(agenda: &Agenda, tz: Tz) -> Result<Vec<u8>, String> {
    to_pdf_with(agenda, tz, &ExportOptions::default())
}

/// A4, one family (Helvetica: regular, bold, oblique), every line wrapped
/// inside 20 mm margins: the title at 17 pt, items at 13 pt, everything
/// else at 11 pt.
pub fn to_pdf_with(agenda: &Agenda, tz: Tz, opts: &ExportOptions) -> Result<Vec<u8>, String> {
    use printpdf::{BuiltinFont, Color, Line, Mm, PdfDocument, Point, Rgb};

    const W: f32 = 210.0;
    const H: f32 = 297.0;
    const LEFT: f32 = 20.0;
    const RIGHT: f32 = W - 20.0;
    const INDENT: f32 = 9.0;
    const TOP: f32 = 277.0;
    const BOTTOM: f32 = 22.0;
    const TITLE_PT: f32 = 17.0;
    const ITEM_PT: f32 = 13.0;
    const BODY_PT: f32 = 11.0;

    let err = |e: printpdf::Error| e.to_string();
    // A no-break space keeps "50 minutes" together when the title wraps.
    let title = pdf_text(&title_line(agenda, tz, opts.clock)).replace(" minutes", "\u{a0}minutes");
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
    let regular = doc.add_builtin_font(BuiltinFont::Helvetica).map_err(err)?;
    let bold = doc
        .add_builtin_font(BuiltinFont::HelveticaBold)
        .map_err(err)?;
    let oblique = doc
        .add_builtin_font(BuiltinFont::HelveticaOblique)
        .map_err(err)?;
    let ink = || Color::Rgb(Rgb::new(0.11, 0.11, 0.12, None));
    let grey = || Color::Rgb(Rgb::new(0.33, 0.33, 0.35, None));

    let mut layer_ref = doc.get_page(page).get_layer(layer);
    layer_ref.set_fill_color(ink());
    let mut y = TOP;
    // pt -> mm: 1pt = 0.3528 mm; lines 1.35 times the size apart.
    let lead = |pt: f32| pt * 0.3528 * 1.35;

    macro_rules! ensure_room {
        ($need:expr) => {
            if y - $need < BOTTOM {
                let (p, l) = doc.add_page(Mm(W), Mm(H), "agenda");
                layer_ref = doc.get_page(p).get_layer(l);
                layer_ref.set_fill_color(ink());
                y = TOP;
            }
        };
    }

    for line in wrap(&title, RIGHT - LEFT, TITLE_PT, true) {
        ensure_room!(lead(TITLE_PT));
        layer_ref.use_text(line, TITLE_PT, Mm(LEFT), Mm(y), &bold);
        y -= lead(TITLE_PT);
    }
    y -= 1.5;
    layer_ref.set_fill_color(grey());
    for line in wrap(
        &pdf_text(&summary_line(agenda)),
        RIGHT - LEFT,
        BODY_PT,
        false,
    ) {
        ensure_room!(lead(BODY_PT));
        layer_ref.use_text(line, BODY_PT, Mm(LEFT), Mm(y), &regular);
        y -= lead(BODY_PT);
    }
    layer_ref.set_fill_color(ink());
    y -= 6.0;
    if agenda.items.is_empty() {
        layer_ref.use_text(
            "Nothing on the agenda yet.",
            BODY_PT,
            Mm(LEFT),
            Mm(y),
            &oblique,
        );
    }

    let mut ruled = false;
    for (n, item) in agenda.items.iter().enumerate() {
        if let Some(heading) = heading_before(agenda, n) {
            ensure_room!(lead(ITEM_PT) + 4.0);
            layer_ref.use_text(heading, ITEM_PT, Mm(LEFT), Mm(y), &bold);
            y -= lead(ITEM_PT) + 2.0;
        }
        if !item.first && !ruled {
            ruled = true;
            ensure_room!(14.0);
            y -= 2.0;
            let label = "if there's time";
            let half = width_mm(label, BODY_PT, false) / 2.0;
            let mid = (LEFT + RIGHT) / 2.0;
            layer_ref.set_outline_color(Color::Rgb(Rgb::new(0.7, 0.7, 0.7, None)));
            layer_ref.set_outline_thickness(0.5);
            for (a, b) in [(LEFT, mid - half - 4.0), (mid + half + 4.0, RIGHT)] {
                layer_ref.add_line(Line {
                    points: vec![
                        (Point::new(Mm(a), Mm(y + 1.2)), false),
                        (Point::new(Mm(b), Mm(y + 1.2)), false),
                    ],
                    is_closed: false,
                });
            }
            layer_ref.set_fill_color(grey());
            layer_ref.use_text(label, BODY_PT, Mm(mid - half), Mm(y), &oblique);
            layer_ref.set_fill_color(ink());
            y -= 9.0;
        }
        let title_lines = wrap(&pdf_text(&item.title), RIGHT - LEFT - INDENT, ITEM_PT, true);
        ensure_room!(lead(ITEM_PT) * title_lines.len() as f32 + lead(BODY_PT));
        layer_ref.use_text(format!("{}.", n + 1), ITEM_PT, Mm(LEFT), Mm(y), &bold);
        for line in title_lines {
            ensure_room!(lead(ITEM_PT));
            layer_ref.use_text(line, ITEM_PT, Mm(LEFT + INDENT), Mm(y), &bold);
            y -= lead(ITEM_PT);
        }
        let meta = pdf_text(&item_meta(item).join("  \u{00B7}  "));
        layer_ref.set_fill_color(grey());
        for line in wrap(&meta, RIGHT - LEFT - INDENT, BODY_PT, false)
            .into_iter()
            .filter(|l| !l.is_empty())
        {
            ensure_room!(lead(BODY_PT));
            layer_ref.use_text(line, BODY_PT, Mm(LEFT + INDENT), Mm(y), &regular);
            y -= lead(BODY_PT);
        }
        layer_ref.set_fill_color(ink());
        if let Some(text) = opts.text_for(item) {
            y -= 1.0;
            for para in text.lines() {
                for line in wrap(&pdf_text(para), RIGHT - LEFT - INDENT - 4.0, BODY_PT, false) {
                    ensure_room!(lead(BODY_PT));
                    layer_ref.use_text(line, BODY_PT, Mm(LEFT + INDENT + 4.0), Mm(y), &oblique);
                    y -= lead(BODY_PT);
                }
            }
        }
        y -= 4.0;
    }
    doc.save_to_bytes().map_err(err)
}

#[cfg(test)]
mod pdf_tests {
    use super::*;

    #[test]
    fn wrapped_lines_stay_inside_the_margins() {
        let title =
            "Agenda for Wednesday 30 September 2026, 12:00 PM, 50 minutes with a much longer note";
        let lines = wrap(title, 170.0, 17.0, true);
        assert!(lines.len() >= 2, "{lines:?}");
        for line in &lines {
            assert!(width_mm(line, 17.0, true) <= 170.0, "{line}");
        }
        assert_eq!(lines.join(" "), title);
        // A no-break space holds "50 minutes" together and prints as a space.
        let kept = wrap("aaaa bbbb 50\u{a0}minutes", 25.0, 11.0, false);
        assert!(kept.iter().any(|l| l.ends_with("50 minutes")), "{kept:?}");
        // A word longer than a line is broken rather than run past the edge.
        let long = "x".repeat(200);
        let broken = wrap(&long, 50.0, 11.0, false);
        assert!(broken.len() > 1);
        assert!(broken.iter().all(|l| width_mm(l, 11.0, false) <= 50.0));
        assert_eq!(broken.concat(), long);
    }

    #[test]
    fn widths_follow_the_font() {
        // "iiii" is much narrower than "WWWW" in Helvetica; bold is wider.
        assert!(width_mm("iiii", 11.0, false) * 3.0 < width_mm("WWWW", 11.0, false));
        assert!(width_mm("agenda", 11.0, true) > width_mm("agenda", 11.0, false));
        // 1000 units at 10 pt is 10 pt = 3.528 mm.
        assert!((width_mm("\u{2014}", 10.0, false) - 3.528).abs() < 1e-3);
    }
}
