//! The checks of each plan on its own, run in parallel ([`check_each`]), and what they found,
//! kept by a preview between rebuilds: after an edit, only the edited plans (whose front matter
//! is a new [`PlanMeta`]) are checked again.
//! Each entry holds the front matter it was computed from, so a plan whose model is another
//! value, even at the same address, is never mistaken for the one checked.

use super::{Plan, PlanMeta};
use crate::diagnostics::Diagnostics;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The problems found by one per-plan check, by plan file, valid for one context (whatever the
/// check reads besides the plan: a hash of it).
#[derive(Default)]
pub struct PlanMemo {
    entries: Mutex<Entries>,
}

/// The context the entries were made in, and each plan's front matter with its problems.
#[derive(Default)]
struct Entries {
    context: u64,
    plans: FxHashMap<PathBuf, (Arc<PlanMeta>, Diagnostics)>,
}

impl PlanMemo {
    /// Forgets every entry unless they were made in `context`.
    pub(super) fn enter(&self, context: u64) {
        let mut entries = self.lock();
        if entries.context != context {
            *entries = Entries {
                context,
                plans: FxHashMap::default(),
            };
        }
    }

    /// The problems of `plan`: remembered when its front matter is the one last checked, else
    /// found by `check` and remembered.
    pub(super) fn get_or(&self, plan: &Plan, check: impl FnOnce() -> Diagnostics) -> Diagnostics {
        if let Some((meta, found)) = self.lock().plans.get(&plan.source)
            && Arc::ptr_eq(meta, &plan.meta)
        {
            return found.clone();
        }
        let found = check();
        self.lock()
            .plans
            .insert(plan.source.clone(), (Arc::clone(&plan.meta), found.clone()));
        found
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Runs `check` on every plan in parallel, taking what `memo` remembers of a plan when it holds
/// its front matter, and adds what it finds to `diagnostics` in plan order.
pub(super) fn check_each(
    plans: &[Plan],
    memo: Option<&PlanMemo>,
    check: impl Fn(&Plan) -> Diagnostics + Sync,
    diagnostics: &mut Diagnostics,
) {
    let per_plan: Vec<Diagnostics> = plans
        .par_iter()
        .map(|plan| match memo {
            Some(memo) => memo.get_or(plan, || check(plan)),
            None => check(plan),
        })
        .collect();
    for problems in per_plan {
        diagnostics.extend(problems);
    }
}

/// The memos of the per-plan checks and warnings a preview keeps.
#[derive(Default)]
pub struct Memos {
    /// What each plan's own checks found (they read only the catalogues, the communes and the
    /// files, which a preview never changes without building everything again).
    pub(super) checks: PlanMemo,
    /// What each plan's warnings found (they also read every plan's decision number).
    pub(super) warnings: PlanMemo,
}
