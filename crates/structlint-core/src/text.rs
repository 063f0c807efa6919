//! Prompt text that many findings carry alike: a rule's id and docs link, why the rule
//! exists, a fix step that does not depend on the code. Thirteen thousand findings of one
//! rule used to hold thirteen thousand copies of each; a `Text` is a literal of the binary or
//! one shared allocation, so a copy costs a pointer.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// A string that findings share instead of copying. Compares, hashes, orders and serializes
/// as the `str` it holds.
#[derive(Clone)]
pub enum Text {
    /// A literal of the binary: free to make and to copy.
    Static(&'static str),
    /// Made at run time (a formatted step, a team rule's id): copied by reference count.
    Shared(Arc<str>),
}

impl Text {
    pub fn as_str(&self) -> &str {
        match self {
            Text::Static(s) => s,
            Text::Shared(s) => s,
        }
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::Static("")
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<std::path::Path> for Text {
    fn as_ref(&self) -> &std::path::Path {
        self.as_str().as_ref()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&'static str> for Text {
    fn from(s: &'static str) -> Self {
        Text::Static(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::Shared(s.into())
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Text::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_shares_the_text_instead_of_copying_it() {
        let shared = Text::from(format!("rule-{}", 7));
        let copy = shared.clone();
        let (Text::Shared(a), Text::Shared(b)) = (&shared, &copy) else {
            panic!("a formatted text is shared");
        };
        assert!(Arc::ptr_eq(a, b));
        assert!(matches!(Text::from("literal"), Text::Static(_)));
    }

    #[test]
    fn compares_and_serializes_as_its_string() {
        let static_text = Text::from("max-file-lines");
        let shared = Text::from("max-file-lines".to_string());
        assert_eq!(static_text, shared);
        assert_eq!(static_text, "max-file-lines");
        let (a, b) = (Text::from("a"), Text::from("b".to_string()));
        assert_eq!(a.cmp(&b), Ordering::Less);
        let json = serde_json::to_string(&shared).unwrap();
        assert_eq!(json, "\"max-file-lines\"");
        let back: Text = serde_json::from_str(&json).unwrap();
        assert_eq!(back, static_text);
    }
}
