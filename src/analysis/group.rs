//! `--by`: one analysis per group of documents, as an analysis.

use super::{Analysis, AnalyzedDoc, Needs};
use crate::corpus::Document;
use rustc_hash::FxHashMap;

/// The group of documents without the `--by` field.
pub const MISSING_GROUP: &str = "(missing)";

/// How documents are grouped (`--by`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupBy {
    /// By input file (`--by file`): the document's path.
    File,
    /// By the value of a metadata field of the records (`--by FIELD`); documents without it
    /// go to [`MISSING_GROUP`].
    Field(String),
}

impl GroupBy {
    /// `file` → [`GroupBy::File`], anything else a field name.
    pub fn parse(s: &str) -> GroupBy {
        if s == "file" { GroupBy::File } else { GroupBy::Field(s.to_string()) }
    }

    /// The name as given on the command line (`file` or the field).
    pub fn name(&self) -> &str {
        match self {
            GroupBy::File => "file",
            GroupBy::Field(f) => f,
        }
    }

    /// The group `doc` belongs to.
    pub fn key<'d>(&self, doc: &'d Document) -> &'d str {
        match self {
            GroupBy::File => &doc.path,
            GroupBy::Field(f) => doc.meta_value(f).unwrap_or(MISSING_GROUP),
        }
    }

    /// A warning when grouping by a field (not `file`) put every document, whose group
    /// keys are `keys`, in [`MISSING_GROUP`]: almost always a misspelt field name. `None`
    /// otherwise (also for an empty corpus).
    pub fn missing_field_warning<'a>(
        &self,
        mut keys: impl Iterator<Item = &'a str>,
    ) -> Option<String> {
        let GroupBy::Field(field) = self else { return None };
        let first = keys.next()?;
        (first == MISSING_GROUP && keys.all(|k| k == MISSING_GROUP)).then(|| {
            format!(
                "--by {field}: no document has this field; all are in the group {MISSING_GROUP}"
            )
        })
    }
}

/// An analysis run once per group of documents (`--by`), or once for the whole corpus
/// when `by` is `None`.
///
/// The partial maps each group key to the inner analysis's partial; groups merge key by
/// key with the inner `merge`, so grouping keeps its merge associative and commutative.
#[derive(Debug, Clone)]
pub struct Grouped<A> {
    /// The grouping; `None`: one group, the whole corpus (key `""`).
    pub by: Option<GroupBy>,
    /// The analysis run per group.
    pub inner: A,
}

/// The result of [`Grouped`]: the whole corpus, and each group when grouping.
#[derive(Debug, Clone)]
pub struct GroupedOutput<O> {
    /// The result over every document.
    pub whole: O,
    /// Each group's key and result, in key order (code-point order); empty without `--by`.
    pub groups: Vec<(String, O)>,
}

impl<A: Analysis> Grouped<A>
where
    A::Partial: Clone,
{
    /// The partial of the whole corpus (the merge of all groups) and each group's partial
    /// in key order (empty without `--by`), for callers that finish them differently.
    pub fn split(
        &self,
        partial: FxHashMap<Box<str>, A::Partial>,
    ) -> (A::Partial, Vec<(String, A::Partial)>) {
        let mut groups: Vec<(Box<str>, A::Partial)> = partial.into_iter().collect();
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        if self.by.is_none() {
            let whole = groups.pop().map_or_else(|| self.inner.empty(), |(_, p)| p);
            return (whole, Vec::new());
        }
        let mut whole = self.inner.empty();
        for (_, g) in &groups {
            self.inner.merge(&mut whole, g.clone());
        }
        (whole, groups.into_iter().map(|(k, p)| (k.into_string(), p)).collect())
    }
}

impl<A: Analysis> Analysis for Grouped<A>
where
    A::Partial: Clone,
{
    type Partial = FxHashMap<Box<str>, A::Partial>;
    type Scratch = A::Scratch;
    type Output = GroupedOutput<A::Output>;

    fn needs(&self) -> Needs {
        self.inner.needs()
    }

    fn empty(&self) -> Self::Partial {
        FxHashMap::default()
    }

    fn add(&self, p: &mut Self::Partial, s: &mut A::Scratch, doc: &AnalyzedDoc) {
        let key = self.by.as_ref().map_or("", |b| b.key(&doc.doc));
        // no allocation per document for a group already seen
        let g = match p.get_mut(key) {
            Some(g) => g,
            None => p.entry(Box::from(key)).or_insert_with(|| self.inner.empty()),
        };
        self.inner.add(g, s, doc);
    }

    fn merge(&self, into: &mut Self::Partial, other: Self::Partial) {
        for (k, v) in other {
            match into.get_mut(&k) {
                Some(g) => self.inner.merge(g, v),
                None => {
                    into.insert(k, v);
                }
            }
        }
    }

    fn finish(&self, p: Self::Partial) -> Self::Output {
        let (whole, groups) = self.split(p);
        GroupedOutput {
            whole: self.inner.finish(whole),
            groups: groups.into_iter().map(|(k, p)| (k, self.inner.finish(p))).collect(),
        }
    }
}
