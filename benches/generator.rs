//! A deterministic generator of a synthetic pnpm monorepo: `packages/pkgNNN` with a
//! `package.json` (an `exports` map, declared workspace dependencies), an index barrel, and
//! TypeScript and TSX modules (zod schemas, interfaces, classes with async methods, `fetch`
//! calls, relative and cross-package imports, a few deep imports into another package), and
//! every fifth package a `crates/crateNNN/src` of Rust. Same seed and sizes, same bytes.

#[path = "generator_code.rs"]
mod code;

use std::io;
use std::path::Path;

/// Bumped whenever the generated text changes, so cached workspaces are regenerated.
pub const VERSION: u32 = 4;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub packages: usize,
    pub files_per_package: usize,
    pub seed: u64,
}

impl Shape {
    /// About `lines` lines of code: files average ~190 lines, packages ~17 files.
    pub fn for_lines(lines: usize) -> Shape {
        let files = (lines / 190).max(8);
        let packages = (files / 17).max(2);
        Shape {
            packages,
            files_per_package: files.div_ceil(packages),
            seed: 0x5eed,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Generated {
    pub files: usize,
    pub lines: usize,
    pub bytes: usize,
    /// Files longer than 350 lines, which `max-file-lines` reports.
    pub over_limit: usize,
    /// Imports into another package's internals, which `package-privacy` reports.
    pub deep_imports: usize,
    /// `fetch` calls without a retry and a timeout, which `fetch-retry-timeout` reports.
    pub bare_fetches: usize,
    /// Interfaces restating a zod schema, which `duplicate-schemas` reports.
    pub restated_schemas: usize,
}

impl Generated {
    /// The counts in one line, for the bench's cache of generated workspaces.
    pub fn marker(&self) -> String {
        self.counts().map(|n| n.to_string()).join(" ")
    }

    /// The counts of a [`Generated::marker`] line; `None` for an older or broken one.
    pub fn from_marker(text: &str) -> Option<Generated> {
        let n: Vec<usize> = text
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
        let [
            files,
            lines,
            bytes,
            over_limit,
            deep_imports,
            bare_fetches,
            restated_schemas,
        ] = n[..]
        else {
            return None;
        };
        Some(Generated {
            files,
            lines,
            bytes,
            over_limit,
            deep_imports,
            bare_fetches,
            restated_schemas,
        })
    }

    fn counts(&self) -> [usize; 7] {
        [
            self.files,
            self.lines,
            self.bytes,
            self.over_limit,
            self.deep_imports,
            self.bare_fetches,
            self.restated_schemas,
        ]
    }
}

/// splitmix64: tiny, fast, and the same on every platform.
pub(crate) struct Rng(u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const NOUNS: [&str; 12] = [
    "order", "invoice", "customer", "payment", "shipment", "refund", "ledger", "account", "coupon",
    "report", "session", "webhook",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ts,
    Tsx,
    Rust,
}

struct FilePlan {
    name: String,
    kind: Kind,
    lines: usize,
}

struct PackagePlan {
    rust: bool,
    deps: Vec<usize>,
    files: Vec<FilePlan>,
}

fn plan(shape: Shape, rng: &mut Rng) -> Vec<PackagePlan> {
    let rust = |p: usize| p % 5 == 1;
    (0..shape.packages)
        .map(|p| {
            // Dependencies go to later TypeScript packages only: the package graph is a DAG.
            let mut deps: Vec<usize> = (0..1 + rng.below(3))
                .map(|_| p + 1 + rng.below(8))
                .filter(|&d| d < shape.packages && !rust(d))
                .collect();
            deps.sort_unstable();
            deps.dedup();
            let files = (0..shape.files_per_package)
                .map(|f| {
                    // Most files are 40–320 lines; about one in 25 is over the 350-line limit.
                    let lines = if rng.below(25) == 0 {
                        360 + rng.below(240)
                    } else {
                        40 + rng.below(280)
                    };
                    let name = format!("{}{f}", NOUNS[rng.below(NOUNS.len())]);
                    let kind = if rust(p) {
                        Kind::Rust
                    } else if f % 4 == 3 {
                        Kind::Tsx
                    } else {
                        Kind::Ts
                    };
                    FilePlan { name, kind, lines }
                })
                .collect();
            PackagePlan {
                rust: rust(p),
                deps,
                files,
            }
        })
        .collect()
}

/// Writes the workspace under `root` (which must be empty or absent).
pub fn generate(root: &Path, shape: Shape) -> io::Result<Generated> {
    let mut rng = Rng(shape.seed);
    let plans = plan(shape, &mut rng);
    let mut out = Generated::default();
    std::fs::create_dir_all(root)?;
    std::fs::write(
        root.join("pnpm-workspace.yaml"),
        "packages:\n  - \"packages/*\"\n",
    )?;
    // The Rust packages are a Cargo workspace of their own crates.
    std::fs::write(
        root.join("Cargo.toml"),
        "[workspace]\nmembers = [\"crates/*\"]\nresolver = \"2\"\n",
    )?;
    let mut write = |path: &Path, text: String, counted: bool| -> io::Result<()> {
        std::fs::create_dir_all(path.parent().expect("files have a directory"))?;
        if counted {
            let lines = text.lines().count();
            out.files += 1;
            out.lines += lines;
            out.bytes += text.len();
            out.over_limit += usize::from(lines > 350);
        }
        std::fs::write(path, text)
    };
    for (p, package) in plans.iter().enumerate() {
        if package.rust {
            let dir = root.join(format!("crates/crate{p:03}"));
            write(
                &dir.join("Cargo.toml"),
                format!(
                    "[package]\nname = \"crate{p:03}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n"
                ),
                false,
            )?;
            let modules: String = package
                .files
                .iter()
                .map(|f| format!("pub mod {};\n", f.name))
                .collect();
            write(
                &dir.join("src/lib.rs"),
                format!("//! Generated crate {p}.\n\n{modules}"),
                true,
            )?;
            for file in &package.files {
                write(
                    &root.join(format!("crates/crate{p:03}/src/{}.rs", file.name)),
                    code::rust_file(
                        &mut rng,
                        &file.name,
                        &format!("{}_p{p}", file.name),
                        file.lines,
                    ),
                    true,
                )?;
            }
            continue;
        }
        let dir = root.join(format!("packages/pkg{p:03}"));
        let deps: Vec<String> = package
            .deps
            .iter()
            .map(|d| format!("\"@bench/pkg{d:03}\": \"workspace:*\""))
            .collect();
        let manifest = format!(
            "{{\n  \"name\": \"@bench/pkg{p:03}\",\n  \"exports\": {{ \".\": \"./src/index.ts\" }},\n  \"dependencies\": {{ {} }}\n}}\n",
            deps.join(", ")
        );
        write(&dir.join("package.json"), manifest, false)?;
        write(&dir.join("src/retry.ts"), code::RETRY.to_string(), true)?;
        let ts: Vec<&FilePlan> = package
            .files
            .iter()
            .filter(|f| f.kind == Kind::Ts)
            .collect();
        let mut index = String::from("export { withRetry } from \"./retry\";\n");
        for file in &ts {
            let ty = code::pascal(&file.name);
            index.push_str(&format!(
                "export {{ {ty}Service, {ty}Schema, count{ty} }} from \"./{}\";\n",
                file.name
            ));
        }
        write(&dir.join("src/index.ts"), index, true)?;
        for (f, file) in package.files.iter().enumerate() {
            let retry = package
                .deps
                .first()
                .map_or_else(|| "./retry".to_string(), |d| format!("@bench/pkg{d:03}"));
            let sibling = ts
                .iter()
                .map(|t| t.name.as_str())
                .rev()
                .find(|n| package.files[..f].iter().any(|x| x.name == *n));
            // One file in 40 reaches into a dependency's internals, as agents do.
            let deep = package
                .deps
                .first()
                .filter(|_| rng.below(40) == 0)
                .and_then(|&d| {
                    let target = plans[d].files.iter().find(|x| x.kind == Kind::Ts)?;
                    Some(format!("@bench/pkg{d:03}/src/{}", target.name))
                });
            let imports = code::Imports {
                retry,
                sibling: sibling.map(str::to_string),
                deep: deep.clone(),
            };
            out.deep_imports += usize::from(deep.is_some() && file.kind == Kind::Ts);
            let (path, text) = match file.kind {
                Kind::Tsx => (
                    format!("src/{}.tsx", code::pascal(&file.name)),
                    code::tsx_file(&mut rng, &file.name, file.lines),
                ),
                _ => (
                    format!("src/{}.ts", file.name),
                    code::ts_file(
                        &mut rng,
                        &file.name,
                        &format!("{}P{p}", file.name),
                        file.lines,
                        &imports,
                    ),
                ),
            };
            out.bare_fetches += text.matches("await fetch(").count();
            out.restated_schemas += text.matches(code::RESTATED).count();
            write(&dir.join(path), text, true)?;
        }
    }
    Ok(out)
}
