//! What the rule does not look at: documentation sites and scripts.

use crate::shared::testing::check;

const CONFIG: &str = "[rules]\nmax-file-lines = \"off\"\n";
const BARE: &str = "export async function stars() {\n  return (await fetch(\"https://api.github.com/repos/a/b\")).json();\n}\n";

#[test]
fn documentation_sites_and_their_subpackages_are_not_checked() {
    let files = [
        (
            "www/package.json",
            "{\"name\": \"www\", \"private\": true, \"dependencies\": {\"@docusaurus/core\": \"^3\"}}",
        ),
        ("www/src/components/Stars.tsx", BARE),
        (
            "www/og-image/package.json",
            "{\"name\": \"og\", \"private\": true}",
        ),
        ("www/og-image/api/font.ts", BARE),
        (
            "apps/web/package.json",
            "{\"name\": \"web\", \"private\": true}",
        ),
        ("apps/web/src/stars.ts", BARE),
    ];
    assert_eq!(
        check(&files, CONFIG).of("fetch-retry-timeout"),
        ["apps/web/src/stars.ts:2 `fetch` in apps/web/src/stars.ts has no retry and no timeout"]
    );
}

#[test]
fn scripts_are_exempt_unless_allow_in_is_set_without_them() {
    let files = [("scripts/release.mjs", BARE), ("src/stars.ts", BARE)];
    assert_eq!(
        check(&files, CONFIG).of("fetch-retry-timeout"),
        ["src/stars.ts:2 `fetch` in src/stars.ts has no retry and no timeout"]
    );
    let own = "[rules]\nmax-file-lines = \"off\"\nfetch-retry-timeout = { allow-in = [\"src/net/**\"] }\n";
    assert_eq!(check(&files, own).of("fetch-retry-timeout").len(), 2);
}
