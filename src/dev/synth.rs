//! Seeded synthetic journal entries, for benches, performance scripts and
//! tests. Not user data and never used by the app itself.
//!
//! The text is realistic but crisis-free: feelings and events to bring to
//! session, with a share of brief logistics ("can we move Thursday?"), a
//! few accented words (café, naïve, résumé) and about 500 bytes per entry
//! on average. Entries are spread evenly over ten years before
//! 2026-11-01, oldest first. The same `(n, seed)` always gives the same
//! entries, ids included.

use chrono::{DateTime, Duration, FixedOffset, TimeZone};

use crate::domain::model::{Bucket, Entry};

/// A tiny 64-bit linear congruential generator (Knuth's MMIX constants),
/// so the crate needs no `rand`. Good enough for test text, not for secrets.
#[derive(Debug, Clone)]
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        // The high bits of an LCG are the good ones.
        let x = self.0;
        x ^ (x >> 29)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 33) % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const OPENERS: &[&str] = &[
    "Rough morning.",
    "Writing this on the bus home.",
    "Couldn't sleep well, so writing instead.",
    "Something came up at work today that I want to remember.",
    "Quiet Sunday.",
    "Long day.",
    "Sitting at the café near the office with a cold coffee.",
    "I keep coming back to what we talked about last week.",
    "Small win today.",
    "Not sure where to start with this one.",
];

const FEELINGS: &[&str] = &[
    "I felt anxious before the team meeting and my hands were shaking a little.",
    "My sister called and we ended up arguing about the holidays again.",
    "I noticed the old pattern of apologising for everything, even when it wasn't my fault.",
    "I was proud that I said no to the extra project without over-explaining.",
    "The conversation with my mother left me feeling small and about twelve years old.",
    "I felt lonely at the party even though I knew most of the people there.",
    "I got frustrated with my partner over the dishes and I know it wasn't really about the dishes.",
    "I was naïve to think the review would be simple; my manager picked apart every line.",
    "I updated my résumé and felt a strange mix of hope and dread.",
    "I caught myself spiralling about the email I sent and tried the breathing exercise.",
    "Grief came out of nowhere in the supermarket when I saw my dad's favourite biscuits.",
    "I felt jealous when my friend got the promotion and then guilty for feeling jealous.",
    "My chest felt tight all afternoon and I couldn't name why.",
    "I was calmer than usual at dinner and actually enjoyed the conversation.",
    "I noticed I was people-pleasing with the neighbour and stopped halfway through.",
    "The panic came back on the train, but it passed faster than last time.",
    "I cried after the phone call with my brother, which surprised me.",
    "I felt resentful about carrying most of the housework and didn't say anything.",
    "I was irritated with myself for procrastinating on the tax forms all week.",
    "A memory from school came back when my coworker raised her voice.",
];

const REFLECTIONS: &[&str] = &[
    "I want to understand why criticism lands so hard on me.",
    "Maybe this connects to how things were at home growing up.",
    "I'd like to talk about boundaries with family in our next session.",
    "The thought record helped a bit: the evidence against was stronger than I expected.",
    "I wonder whether I'm avoiding the conversation because I'm afraid of conflict.",
    "I noticed my inner critic sounds a lot like my old coach.",
    "I tried the grounding exercise and named five things I could see.",
    "I think I'm more tired than sad, but it's hard to tell the difference lately.",
    "I want to keep practising saying what I need out loud.",
    "It helped to go for a walk by the river afterwards.",
    "Journaling about it now makes it feel a little more manageable.",
    "I'm curious why the same situation feels fine some days and awful on others.",
];

const CLOSERS: &[&str] = &[
    "Bring this to session.",
    "Something to unpack on Thursday.",
    "Okay, that's enough for tonight.",
    "Going to make tea and read for a bit.",
    "More tomorrow.",
    "Glad I wrote it down.",
];

const LOGISTICS: &[&str] = &[
    "Can we move Thursday's appointment to 4pm? I have a dentist appointment at 2.",
    "Running about ten minutes late today, sorry, the train is delayed.",
    "Quick question about the invoice for October: was the copay already charged?",
    "I need to reschedule next week's session because of a work trip to Lyon.",
    "Is the office on Elm Street or the new one for Tuesday?",
    "Could you send the superbill for the last three sessions for my insurance?",
];

/// `n` entries from `seed`, oldest first, spread over the ten years before
/// 2026-11-01 (UTC-05:00). About one in eight is brief logistics (bucket
/// `hours`); the rest are session material. None is a draft.
pub fn entries(n: usize, seed: u64) -> Vec<Entry> {
    let mut rng = Lcg::new(seed);
    let offset = FixedOffset::west_opt(5 * 3600).expect("valid offset");
    let end: DateTime<FixedOffset> = offset
        .with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
        .single()
        .expect("valid time");
    let span = Duration::days(3652).num_seconds();
    let step = if n == 0 { 0 } else { span / n as i64 };
    let start = end - Duration::seconds(span);
    (0..n)
        .map(|i| {
            let jitter = if step > 1 {
                (rng.next_u64() % step as u64) as i64
            } else {
                0
            };
            let at = start + Duration::seconds(step * i as i64 + jitter);
            let (text, bucket) = text(&mut rng);
            let mut entry = Entry::new(text, bucket, at);
            entry.id = uuid_from(&mut rng);
            entry
        })
        .collect()
}

/// One entry's text and bucket.
fn text(rng: &mut Lcg) -> (String, Bucket) {
    if rng.below(8) == 0 {
        // Brief logistics, sometimes with a little context.
        let mut t = rng.pick(LOGISTICS).to_string();
        if rng.below(2) == 0 {
            t.push(' ');
            t.push_str(rng.pick(LOGISTICS));
        }
        return (t, Bucket::Hours);
    }
    let target = 380 + rng.below(280);
    let mut t = String::with_capacity(target + 160);
    t.push_str(rng.pick(OPENERS));
    while t.len() < target {
        t.push(' ');
        if rng.below(3) == 0 {
            t.push_str(rng.pick(REFLECTIONS));
        } else {
            t.push_str(rng.pick(FEELINGS));
        }
        if rng.below(6) == 0 {
            t.push_str("\n\n");
        }
    }
    t.push(' ');
    t.push_str(rng.pick(CLOSERS));
    (t, Bucket::Session)
}

fn uuid_from(rng: &mut Lcg) -> String {
    let a = rng.next_u64();
    let b = rng.next_u64();
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&a.to_le_bytes());
    bytes[8..].copy_from_slice(&b.to_le_bytes());
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_entries_and_ids_are_unique() {
        let a = entries(300, 7);
        let b = entries(300, 7);
        assert_eq!(a, b);
        let c = entries(300, 8);
        assert_ne!(a[0].text, c[0].text);
        let ids: std::collections::HashSet<_> = a.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), 300);
    }

    #[test]
    fn about_500_bytes_spread_over_ten_years_oldest_first() {
        let e = entries(2000, 1);
        let avg = e.iter().map(|e| e.text.len()).sum::<usize>() / e.len();
        assert!((420..=580).contains(&avg), "average {avg} bytes");
        assert!(e.windows(2).all(|w| w[0].created_at <= w[1].created_at));
        let years = (e[e.len() - 1].created_at - e[0].created_at).num_days() / 365;
        assert!(years >= 9, "{years} years");
        assert!(e.iter().any(|e| e.bucket == Bucket::Hours));
        assert!(e.iter().any(|e| e.text.contains("café")));
        assert!(e.iter().all(|e| !e.draft));
    }

    #[test]
    fn synthetic_text_is_crisis_free() {
        let engine = crate::domain::triage::Engine::builtin();
        let scope = Default::default();
        for e in entries(150, 3) {
            let t = engine.triage(&e.text, &scope);
            assert_ne!(t.bucket, Bucket::Crisis, "{:?} :: {}", t.reasons, e.text);
        }
    }
}
