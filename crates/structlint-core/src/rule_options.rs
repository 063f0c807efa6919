//! A rule's options as `structlint.toml` gives them, deserialised by the rule that reads them.

use std::rc::Rc;

use serde::Deserialize;

type Section<'de> = (String, toml::Spanned<toml::de::DeValue<'de>>);

/// The options table of a rule from `structlint.toml` (without its `level`), and the
/// top-level sections rules declare (`[[layers]]`).
pub struct RuleOptions<'de> {
    value: Option<toml::Spanned<toml::de::DeValue<'de>>>,
    sections: Rc<Vec<Section<'de>>>,
}

impl<'de> RuleOptions<'de> {
    /// No options given: every option takes its default.
    pub fn none() -> RuleOptions<'static> {
        RuleOptions {
            value: None,
            sections: Rc::default(),
        }
    }

    pub(crate) fn new(
        value: Option<toml::Spanned<toml::de::DeValue<'de>>>,
        sections: Rc<Vec<Section<'de>>>,
    ) -> RuleOptions<'de> {
        RuleOptions { value, sections }
    }

    /// Deserialises the options. Use `#[serde(deny_unknown_fields, default)]` on `T` so a typo
    /// is an error that names the valid options.
    pub fn parse<T: Deserialize<'de> + Default>(&self) -> Result<T, toml::de::Error> {
        deserialize(self.value.as_ref())
    }

    /// Deserialises the top-level section `name` (one the rule's spec declares), or gives
    /// `T::default()` when the config does not have it.
    pub fn section<T: Deserialize<'de> + Default>(&self, name: &str) -> Result<T, toml::de::Error> {
        deserialize(
            self.sections
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v),
        )
    }
}

fn deserialize<'de, T: Deserialize<'de> + Default>(
    value: Option<&toml::Spanned<toml::de::DeValue<'de>>>,
) -> Result<T, toml::de::Error> {
    match value {
        Some(value) => T::deserialize(toml::de::ValueDeserializer::from(value.clone())),
        None => Ok(T::default()),
    }
}
