//! Deadlines and history of stored cases (the engine itself is `hane_domain::deadlines`).

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::Hane;
use std::collections::HashSet;

use crate::case::{Case, CaseSummary};
use crate::deadlines::{deadlines, Deadline, Status};
use crate::error::Result;
use crate::tracking::{Event, EventInput};

/// A case's history and the deadlines it sets.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tracking {
    pub events: Vec<Event>,
    pub deadlines: Vec<Deadline>,
}

/// A deadline on the home screen: whose case it is.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HomeDeadline {
    pub case_id: Uuid,
    pub foreigner_name: String,
    #[serde(flatten)]
    pub deadline: Deadline,
}

impl Hane {
    pub fn tracking(&self, id: Uuid) -> Result<Tracking> {
        let today = self.today();
        self.db(|db| {
            let case = db.get_case(id)?;
            let events = db.events(id)?;
            let deadlines = case_deadlines(&case, &events, is_taken_over(db, id)?, today);
            Ok(Tracking { events, deadlines })
        })
    }

    /// Appends an event as the user typed it (amounts as text, read by the core's money
    /// parser) and returns it as stored.
    pub fn record_event(&self, id: Uuid, date: NaiveDate, input: &EventInput) -> Result<Event> {
        let today = self.today();
        self.db(|db| {
            db.in_transaction(|db| {
                let event = db.record_input(id, date, input, today)?;
                // Submitted: freeze what was sent, in the same transaction.
                if matches!(
                    event.kind,
                    crate::tracking::EventKind::BasvuruYapildi { .. }
                ) {
                    super::submission::take_snapshot(db, id, &event)?;
                }
                Ok(event)
            })
        })
    }

    /// Every case with its deadlines, in the case list's order (home list, calendar
    /// export, start-up reminder, CLI). Each document is read once.
    pub fn deadlines_of_all_cases(&self) -> Result<Vec<(CaseSummary, Vec<Deadline>)>> {
        let today = self.today();
        self.db(|db| for_all_cases(db, today))
    }

    /// The deadlines still open, across cases, most urgent first.
    pub fn upcoming_deadlines(&self) -> Result<Vec<HomeDeadline>> {
        let mut out = Vec::new();
        for (summary, list) in self.deadlines_of_all_cases()? {
            for deadline in list.into_iter().filter(|d| d.status != Status::Done) {
                out.push(HomeDeadline {
                    case_id: summary.id,
                    foreigner_name: summary.foreigner_name.clone(),
                    deadline,
                });
            }
        }
        out.sort_by_key(|h| (h.deadline.status, h.deadline.due));
        Ok(out)
    }

    /// All cases' deadlines as an iCalendar file, in `language`.
    pub fn calendar_ics(&self, language: &str) -> Result<String> {
        let per_case = self.deadlines_of_all_cases()?;
        Ok(crate::calendar::to_ics_for_cases(
            &per_case,
            chrono::Utc::now(),
            language,
        ))
    }

    /// The start-up reminder (title, body in the user's language) when a deadline is
    /// within 7 days or overdue, unless notifications are turned off.
    pub fn reminder(&self) -> Result<Option<(String, String)>> {
        let settings = self.db(|db| db.settings())?;
        if !settings.notifications {
            return Ok(None);
        }
        let urgent: Vec<Deadline> = self
            .deadlines_of_all_cases()?
            .into_iter()
            .flat_map(|(_, list)| list)
            .filter(|d| d.urgent)
            .collect();
        let refs: Vec<&Deadline> = urgent.iter().collect();
        Ok(crate::deadlines::reminder(
            &refs,
            settings.language.as_str(),
        ))
    }
}

/// Every case with its deadlines, in the case list's order. Each document is read once.
fn for_all_cases(
    db: &crate::storage::Database,
    today: NaiveDate,
) -> crate::Result<Vec<(CaseSummary, Vec<Deadline>)>> {
    let all = with_events(db)?;
    let over = taken_over_ids(&all);
    Ok(all
        .iter()
        .map(|(c, events)| {
            let taken = over.contains(&c.id);
            (c.into(), case_deadlines(c, events, taken, today))
        })
        .collect())
}

/// Every case (most recently changed first) with its history.
pub(super) fn with_events(db: &crate::storage::Database) -> crate::Result<Vec<(Case, Vec<Event>)>> {
    db.recent_cases()?
        .into_iter()
        .map(|c| Ok((db.events(c.id)?, c)))
        .map(|r| r.map(|(e, c)| (c, e)))
        .collect()
}

/// Whether a submitted extension case has taken over the permit of case `id` (one case:
/// only its extensions' histories are read).
pub(super) fn is_taken_over(db: &crate::storage::Database, id: Uuid) -> crate::Result<bool> {
    for c in db.recent_cases()? {
        if c.doc.uzatilan_basvuru == Some(id)
            && crate::submission::submitted_event(&db.events(c.id)?).is_some()
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The cases whose permit a submitted extension case has taken over.
pub(super) fn taken_over_ids(all: &[(Case, Vec<Event>)]) -> HashSet<Uuid> {
    all.iter()
        .filter(|(_, events)| crate::submission::submitted_event(events).is_some())
        .filter_map(|(c, _)| c.doc.uzatilan_basvuru)
        .collect()
}

/// One case's deadlines, knowing whether its extension has taken it over.
pub(super) fn case_deadlines(
    case: &Case,
    events: &[Event],
    taken_over: bool,
    today: NaiveDate,
) -> Vec<Deadline> {
    let list = deadlines(&case.doc, events, today);
    if taken_over {
        crate::deadlines::taken_over(list)
    } else {
        list
    }
}
