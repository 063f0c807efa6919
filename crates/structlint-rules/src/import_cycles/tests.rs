use super::*;
use crate::shared::testing::check;

#[test]
fn tarjan_finds_components_and_bfs_the_shortest_cycle() {
    // 0 → 1 → 2 → 0, 2 → 3 → 2, 4 alone, 5 → 4.
    let next = vec![vec![1], vec![2], vec![0, 3], vec![2], vec![], vec![4]];
    assert_eq!(
        strongly_connected(&next),
        [vec![0, 1, 2, 3], vec![4], vec![5]]
    );
    assert_eq!(shortest_cycle(&next, &[0, 1, 2, 3]), [0, 1, 2]);
}

fn workspace(net_imports_schemas: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("pnpm-workspace.yaml", "packages: [\"packages/*\"]\n"),
        (
            "packages/net/package.json",
            r#"{ "name": "@acme/net", "dependencies": { "@acme/schemas": "workspace:*" } }"#,
        ),
        ("packages/net/src/index.ts", net_imports_schemas),
        (
            "packages/net/src/http.ts",
            "import { InvoiceSchema } from '@acme/schemas';\nexport const get = 1;\n",
        ),
        (
            "packages/schemas/package.json",
            r#"{ "name": "@acme/schemas", "dependencies": { "@acme/net": "workspace:*" } }"#,
        ),
        (
            "packages/schemas/src/index.ts",
            "export const InvoiceSchema = 1;\nexport * from './errors';\n",
        ),
        (
            "packages/schemas/src/errors.ts",
            "import type { HttpError } from '@acme/net';\nexport type E = HttpError;\n",
        ),
        (
            "packages/app/package.json",
            r#"{ "name": "@acme/app", "dependencies": { "@acme/net": "workspace:*" } }"#,
        ),
        (
            "packages/app/src/index.ts",
            "import { get } from '@acme/net';\n",
        ),
    ]
}

#[test]
fn a_cycle_is_reported_once_on_its_weakest_edge() {
    let checked = check(
        &workspace("export { get } from './http';\nexport class HttpError {}\n"),
        "[rules]\nmax-file-lines = \"off\"\n",
    );
    assert_eq!(
        checked.of("import-cycles"),
        [
            "packages/schemas/src/errors.ts:1 workspace packages import each other in a cycle: @acme/net → @acme/schemas → @acme/net"
        ]
    );
    let d = checked.first("import-cycles");
    assert_eq!(
        d.label.as_deref(),
        Some("weakest edge of the cycle: @acme/schemas → @acme/net")
    );
    assert!(d.fix[0].starts_with("Cut the weakest edge, @acme/schemas → @acme/net: it rests on 1 import (packages/schemas/src/errors.ts:1)."), "{:#?}", d.fix);
    assert_eq!(
        d.fix[2],
        "The cycle, edge by edge: @acme/net → @acme/schemas at packages/net/src/http.ts:1; @acme/schemas → @acme/net at packages/schemas/src/errors.ts:1."
    );
    assert_eq!(d.related.len(), 2);
    let runtime_only = check(
        &workspace("export { get } from './http';\nexport class HttpError {}\n"),
        "[rules]\nmax-file-lines = \"off\"\nimport-cycles = { include-type-only = false }\n",
    );
    assert!(
        runtime_only.of("import-cycles").is_empty(),
        "the back edge is type-only"
    );
}

/// The only edge back is a test's import of a test helper: tests are built apart from the
/// package, so there is no cycle.
#[test]
fn edges_from_tests_make_no_cycle() {
    let mut files = workspace("export { get } from './http';\nexport class HttpError {}\n");
    files.retain(|(path, _)| *path != "packages/schemas/src/errors.ts");
    files.push((
        "packages/schemas/src/errors.test.ts",
        "import { get } from '@acme/net';\n",
    ));
    let checked = check(&files, "[rules]\nmax-file-lines = \"off\"\n");
    assert!(
        checked.of("import-cycles").is_empty(),
        "{:?}",
        checked.of("import-cycles")
    );
}
