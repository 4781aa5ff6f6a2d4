//! A shareable link's payload: the page's step, spec, cleaning recipe and data, as versioned
//! JSON. The page compresses it into `#spec=…`; here it is written (stamped with the version) and
//! read back: checked, migrated from an older version, or refused with a message that says why.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::data::datasets::BUILT_IN;
use crate::error::{Error, LinkProblem, Result};

/// The version of the payload this build writes.
pub const LINK_VERSION: u64 = 1;
/// The oldest version this build still reads (through `MIGRATIONS`).
pub const OLDEST_LINK: u64 = 1;

/// A payload's JSON object, as a migration reads and rewrites it.
type Payload = Map<String, Value>;

/// Turns a payload of version `OLDEST_LINK + i` into one of the next version. Empty while the
/// format has had a single version: a change of format adds its step here, so old links open.
const MIGRATIONS: &[fn(Payload) -> Payload] = &[];

/// The page's steps, in the rail's order; a link names one of them.
pub const STEPS: [&str; 11] = [
    "data", "first-look", "visualise", "clean", "project", "prepare", "train", "evaluate", "validate", "test", "production",
];

/// What a link carries.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub v: u64,
    /// The step to open (an unknown one opens the first).
    pub step: String,
    /// The page's spec as `www/spec.js` holds it (it is made whole there).
    pub spec: Map<String, Value>,
    /// The cleaning recipe's entries, `{ step, ids? }`, in order.
    #[serde(default)]
    pub recipe: Vec<Map<String, Value>>,
    pub data: LinkData,
}

/// The data of a link: exactly one of a built-in id, the file's text, its bytes in base64, or
/// (too big to carry) its name and size with `missing: true`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct LinkData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub builtin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base64: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub missing: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<usize>,
    /// The reading options the file was loaded with (delimiter, sheet…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Map<String, Value>>,
}

/// Where a link's data comes from, once checked.
#[derive(Debug, PartialEq)]
pub enum Source<'a> {
    Builtin(&'a str),
    Inline,
    Missing { name: &'a str, rows: usize, columns: usize },
}

impl LinkData {
    /// Which of the data's forms this is; anything but exactly one is a damaged link.
    pub fn source(&self) -> Result<Source<'_>> {
        let inline = self.text.is_some() || self.base64.is_some();
        match (&self.builtin, inline, self.missing) {
            (Some(id), false, false) if self.name.is_none() => {
                if BUILT_IN.iter().any(|b| b.id == id) {
                    Ok(Source::Builtin(id))
                } else {
                    Err(Error::BadLink(LinkProblem::UnknownData { id: id.clone() }))
                }
            }
            (None, true, false) if self.name.is_some() && !(self.text.is_some() && self.base64.is_some()) => {
                if self.base64.as_deref().is_some_and(|b| !is_base64(b)) {
                    return Err(damaged());
                }
                Ok(Source::Inline)
            }
            (None, false, true) => match (&self.name, self.rows, self.columns) {
                (Some(name), Some(rows), Some(columns)) => Ok(Source::Missing { name, rows, columns }),
                _ => Err(damaged()),
            },
            _ => Err(damaged()),
        }
    }
}

fn is_base64(text: &str) -> bool {
    text.len().is_multiple_of(4) && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
}

fn damaged() -> Error {
    Error::BadLink(LinkProblem::Damaged)
}

impl Link {
    /// The note to show when the link's data did not travel with it: which file to load.
    pub fn pending(&self) -> Option<Error> {
        match self.data.source() {
            Ok(Source::Missing { name, rows, columns }) => {
                Some(Error::BadLink(LinkProblem::NeedsFile { name: name.into(), rows, columns }))
            }
            _ => None,
        }
    }
}

/// Reads a payload's JSON text: refuses what is not one (damaged), one from a newer version or
/// one too old to migrate, and an unknown built-in data set; migrates an older one.
pub fn read_link(text: &str) -> Result<Link> {
    let Ok(Value::Object(mut object)) = serde_json::from_str::<Value>(text) else { return Err(damaged()) };
    let version = object.get("v").and_then(Value::as_u64).ok_or_else(damaged)?;
    if version > LINK_VERSION {
        return Err(Error::BadLink(LinkProblem::Newer { found: version, current: LINK_VERSION }));
    }
    if version < OLDEST_LINK {
        return Err(Error::BadLink(LinkProblem::TooOld { found: version, oldest: OLDEST_LINK }));
    }
    for migrate in &MIGRATIONS[(version - OLDEST_LINK) as usize..] {
        object = migrate(object);
    }
    object.insert("v".into(), LINK_VERSION.into());
    let mut link: Link = serde_json::from_value(Value::Object(object)).map_err(|_| damaged())?;
    link.data.source()?;
    if !STEPS.contains(&link.step.as_str()) {
        link.step = STEPS[0].into();
    }
    Ok(link)
}

/// Writes a payload from the page's parts (`{ step, spec, recipe, data }`, the version added):
/// the JSON text `read_link` reads back to the same link.
pub fn write_link(parts: &str) -> Result<String> {
    let Ok(Value::Object(mut object)) = serde_json::from_str::<Value>(parts) else { return Err(damaged()) };
    object.insert("v".into(), LINK_VERSION.into());
    let text = Value::Object(object).to_string();
    read_link(&text)?;
    Ok(text)
}
