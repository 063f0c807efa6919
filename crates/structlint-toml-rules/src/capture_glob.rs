//! Path globs with named captures, for source tests: `packages/{pkg}/src/**` captures the
//! package directory as `pkg`; in a second glob, `{pkg}` must be the same directory and
//! `!{pkg}` any other one (`packages/!{pkg}/src/internal/**`).

use regex::Regex;

pub struct CaptureGlob {
    pub source: String,
    regex: Regex,
    /// Per capture group: the name it binds and whether it is negated (`!{name}`).
    groups: Vec<(String, bool)>,
}

/// Named values a glob captured.
pub type Captures = Vec<(String, String)>;

impl CaptureGlob {
    pub fn new(pattern: &str) -> Result<CaptureGlob, String> {
        let mut re = String::from("^");
        let mut groups: Vec<(String, bool)> = Vec::new();
        let chars: Vec<char> = pattern.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let rest = &chars[i..];
            if rest.starts_with(&['*', '*', '/']) {
                re.push_str("(?:.*/)?");
                i += 3;
            } else if rest.starts_with(&['*', '*']) {
                re.push_str(".*");
                i += 2;
            } else if chars[i] == '*' {
                re.push_str("[^/]*");
                i += 1;
            } else if chars[i] == '?' {
                re.push_str("[^/]");
                i += 1;
            } else if rest.starts_with(&['!', '{']) || chars[i] == '{' {
                let negated = chars[i] == '!';
                let open = i + usize::from(negated);
                let close = chars[open..]
                    .iter()
                    .position(|&c| c == '}')
                    .map(|p| open + p)
                    .ok_or_else(|| format!("unclosed `{{` in `{pattern}`"))?;
                let inner: String = chars[open + 1..close].iter().collect();
                if inner.contains(',') {
                    if negated {
                        return Err(format!(
                            "`!{{…}}` takes a capture name, not a list, in `{pattern}`"
                        ));
                    }
                    let options: Vec<String> = inner.split(',').map(regex::escape).collect();
                    re.push_str(&format!("(?:{})", options.join("|")));
                } else if !inner.is_empty()
                    && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                {
                    re.push_str(&format!("(?P<g{}>[^/]+)", groups.len()));
                    groups.push((inner, negated));
                } else {
                    return Err(format!(
                        "`{{{inner}}}` in `{pattern}` is neither a capture name nor a list of alternatives"
                    ));
                }
                i = close + 1;
            } else {
                re.push_str(&regex::escape(&chars[i].to_string()));
                i += 1;
            }
        }
        re.push('$');
        let regex = Regex::new(&re).map_err(|e| e.to_string())?;
        Ok(CaptureGlob {
            source: pattern.to_string(),
            regex,
            groups,
        })
    }

    /// The capture names, for validating `{{name}}` in messages.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.groups.iter().map(|(n, _)| n.as_str())
    }

    /// Matches `path` given what another glob captured: a name bound there must be equal
    /// here, or different for `!{name}`. Returns this glob's own captures.
    pub fn matches(&self, path: &str, bound: &[(String, String)]) -> Option<Captures> {
        let caps = self.regex.captures(path)?;
        let mut own = Vec::new();
        for (i, (name, negated)) in self.groups.iter().enumerate() {
            let value = caps.name(&format!("g{i}"))?.as_str();
            let earlier = bound
                .iter()
                .chain(own.iter())
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str());
            match (earlier, negated) {
                (Some(v), false) if v != value => return None,
                (Some(v), true) if v == value => return None,
                (None, true) => {}
                _ => own.push((name.clone(), value.to_string())),
            }
        }
        Some(own)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_bind_and_negations_differ() {
        let from = CaptureGlob::new("packages/{pkg}/src/**").unwrap();
        let to = CaptureGlob::new("packages/!{pkg}/src/internal/**").unwrap();
        let bound = from.matches("packages/billing/src/ui/a.ts", &[]).unwrap();
        assert_eq!(bound, [("pkg".to_string(), "billing".to_string())]);
        assert!(
            to.matches("packages/reports/src/internal/db.ts", &bound)
                .is_some()
        );
        assert!(
            to.matches("packages/billing/src/internal/db.ts", &bound)
                .is_none()
        );
        assert!(
            to.matches("packages/reports/src/public.ts", &bound)
                .is_none()
        );
        let same = CaptureGlob::new("packages/{pkg}/src/*.{ts,tsx}").unwrap();
        assert!(same.matches("packages/billing/src/a.tsx", &bound).is_some());
        assert!(same.matches("packages/reports/src/a.tsx", &bound).is_none());
        assert!(
            CaptureGlob::new("**/x.ts")
                .unwrap()
                .matches("x.ts", &[])
                .is_some()
        );
        assert!(CaptureGlob::new("a/{b").is_err());
    }
}
