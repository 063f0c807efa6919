//! A deterministic generator of a synthetic monorepo: `packages/pkgNNN` with TypeScript and
//! TSX (imports, zod schemas, interfaces, classes with async methods, fetch calls, React
//! components) and `crates/crateNNN` with Rust (serde structs, impl blocks, tests).
//! Same seed and sizes, same bytes: benchmark runs compare like with like.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// Bumped whenever the generated text changes, so cached workspaces are regenerated.
pub const VERSION: u32 = 1;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub packages: usize,
    pub files_per_package: usize,
    pub seed: u64,
}

impl Shape {
    /// About `lines` lines of code (files average ~190 lines).
    pub fn for_lines(lines: usize) -> Shape {
        let files = (lines / 190).max(8);
        let packages = (files / 25).max(2);
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
}

/// splitmix64: tiny, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const NOUNS: [&str; 12] = [
    "order", "invoice", "customer", "payment", "shipment", "refund", "ledger", "account", "coupon",
    "report", "session", "webhook",
];
const FIELDS: [(&str, &str, &str); 8] = [
    ("id", "z.string()", "String"),
    ("amountCents", "z.number().int()", "i64"),
    ("currency", "z.string().length(3)", "String"),
    ("createdAt", "z.string().datetime()", "String"),
    ("note", "z.string().optional()", "Option<String>"),
    ("tags", "z.array(z.string())", "Vec<String>"),
    ("active", "z.boolean()", "bool"),
    ("status", "z.enum([\"open\", \"closed\"])", "String"),
];

fn pascal(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Writes the workspace under `root` (which must be empty or absent).
pub fn generate(root: &Path, shape: Shape) -> io::Result<Generated> {
    let mut rng = Rng(shape.seed);
    let mut out = Generated::default();
    for p in 0..shape.packages {
        let rust = p % 5 == 1;
        let dir = if rust {
            root.join(format!("crates/crate{p:03}/src"))
        } else {
            root.join(format!("packages/pkg{p:03}/src"))
        };
        std::fs::create_dir_all(&dir)?;
        for f in 0..shape.files_per_package {
            // Most files are 40–320 lines; about one in 25 is over the 350-line limit.
            let target = if rng.below(25) == 0 {
                360 + rng.below(240)
            } else {
                40 + rng.below(280)
            };
            let noun = rng.pick(&NOUNS);
            let name = format!("{noun}{f}");
            let (file, text) = if rust {
                (format!("{name}.rs"), rust_file(&mut rng, &name, target))
            } else if f % 4 == 3 {
                (
                    format!("{}.tsx", pascal(&name)),
                    tsx_file(&mut rng, &name, target, p),
                )
            } else {
                (format!("{name}.ts"), ts_file(&mut rng, &name, target, p))
            };
            let lines = text.lines().count();
            out.files += 1;
            out.lines += lines;
            out.bytes += text.len();
            out.over_limit += usize::from(lines > 350);
            std::fs::write(dir.join(file), text)?;
        }
    }
    Ok(out)
}

fn ts_file(rng: &mut Rng, name: &str, target: usize, package: usize) -> String {
    let ty = pascal(name);
    let mut s = String::new();
    let dep = (package + 1 + rng.below(7)) % 997;
    writeln!(
        s,
        "import {{ z }} from \"zod\";\nimport {{ withRetry }} from \"@bench/pkg{dep:03}\";\n"
    )
    .unwrap();
    writeln!(s, "export const {ty}Schema = z.object({{").unwrap();
    for (field, zod, _) in FIELDS.iter().take(3 + rng.below(5)) {
        writeln!(s, "  {field}: {zod},").unwrap();
    }
    writeln!(
        s,
        "}});\n\nexport type {ty} = z.infer<typeof {ty}Schema>;\n"
    )
    .unwrap();
    writeln!(s, "export interface {ty}Store {{\n  find(id: string): Promise<{ty} | undefined>;\n  save(value: {ty}): Promise<void>;\n}}\n").unwrap();
    writeln!(s, "export class {ty}Service {{\n  private readonly cache = new Map<string, {ty}>();\n\n  constructor(private readonly baseUrl: string) {{}}\n").unwrap();
    let mut method = 0;
    while s.lines().count() + 12 < target {
        ts_method(rng, &mut s, &ty, name, method);
        method += 1;
    }
    writeln!(
        s,
        "}}\n\nexport function count{ty}(items: {ty}[]): number {{\n  return items.length;\n}}"
    )
    .unwrap();
    s
}

fn ts_method(rng: &mut Rng, s: &mut String, ty: &str, name: &str, i: usize) {
    match rng.below(4) {
        0 => writeln!(
            s,
            "  async load{i}(id: string): Promise<{ty}> {{\n    const cached = this.cache.get(id);\n    if (cached) {{\n      return cached;\n    }}\n    const response = await withRetry(() =>\n      fetch(`${{this.baseUrl}}/{name}/${{id}}`, {{ signal: AbortSignal.timeout(5_000) }}),\n    );\n    const value = {ty}Schema.parse(await response.json());\n    this.cache.set(id, value);\n    return value;\n  }}\n"
        ),
        1 => writeln!(
            s,
            "  async refresh{i}(ids: string[]): Promise<number> {{\n    let loaded = 0;\n    for (const id of ids) {{\n      const response = await fetch(`${{this.baseUrl}}/{name}/${{id}}?fresh=1`);\n      if (response.ok) {{\n        this.cache.set(id, {ty}Schema.parse(await response.json()));\n        loaded += 1;\n      }}\n    }}\n    return loaded;\n  }}\n"
        ),
        2 => writeln!(
            s,
            "  total{i}(values: {ty}[]): number {{\n    return values\n      .filter((value) => value.id.length > {})\n      .reduce((sum, value) => sum + value.id.length * {}, 0);\n  }}\n",
            rng.below(9),
            rng.below(100)
        ),
        _ => writeln!(
            s,
            "  describe{i}(value: {ty}): string {{\n    const parts: string[] = [];\n    parts.push(`{name} ${{value.id}}`);\n    if (this.cache.has(value.id)) {{\n      parts.push(\"cached\");\n    }} else {{\n      parts.push(\"fresh\");\n    }}\n    return parts.join(\" \");\n  }}\n"
        ),
    }
    .unwrap();
}

fn tsx_file(rng: &mut Rng, name: &str, target: usize, package: usize) -> String {
    let ty = pascal(name);
    let mut s = format!(
        "import {{ useMemo, useState }} from \"react\";\nimport type {{ {ty} }} from \"@bench/pkg{package:03}\";\n\n"
    );
    let mut part = 0;
    while s.lines().count() + 20 < target {
        writeln!(
            s,
            "export function {ty}Panel{part}({{ items, title }}: {{ items: {ty}[]; title: string }}) {{\n  const [open, setOpen] = useState({});\n  const visible = useMemo(() => items.filter((item) => item.id !== \"\"), [items]);\n  return (\n    <section className=\"panel\">\n      <header>\n        <h2>{{title}}</h2>\n        <button type=\"button\" onClick={{() => setOpen(!open)}}>\n          {{open ? \"Hide\" : \"Show\"}}\n        </button>\n      </header>\n      {{open && (\n        <ul>\n          {{visible.map((item) => (\n            <li key={{item.id}}>{{item.id}}</li>\n          ))}}\n        </ul>\n      )}}\n    </section>\n  );\n}}\n",
            rng.below(2) == 0
        )
        .unwrap();
        part += 1;
    }
    s
}

fn rust_file(rng: &mut Rng, name: &str, target: usize) -> String {
    let ty = pascal(name);
    let mut s = String::from(
        "use serde::{Deserialize, Serialize};\n\n#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]\n",
    );
    writeln!(s, "pub struct {ty} {{").unwrap();
    for (field, _, rust) in FIELDS.iter().take(3 + rng.below(5)) {
        let snake: String = field
            .chars()
            .flat_map(|c| {
                if c.is_uppercase() {
                    vec!['_', c.to_ascii_lowercase()]
                } else {
                    vec![c]
                }
            })
            .collect();
        writeln!(s, "    pub {snake}: {rust},").unwrap();
    }
    writeln!(s, "}}\n\nimpl {ty} {{").unwrap();
    let mut i = 0;
    while s.lines().count() + 25 < target {
        writeln!(
            s,
            "    pub fn score{i}(&self, weights: &[i64]) -> i64 {{\n        let mut total = 0;\n        for (index, weight) in weights.iter().enumerate() {{\n            if index % {} == 0 {{\n                total += weight * {};\n            }} else {{\n                total -= weight;\n            }}\n        }}\n        total\n    }}\n",
            2 + rng.below(5),
            rng.below(50)
        )
        .unwrap();
        i += 1;
    }
    writeln!(
        s,
        "}}\n\npub fn parse_{name}(input: &str) -> Result<{ty}, String> {{\n    serde_json::from_str(input).map_err(|e| e.to_string())\n}}\n\n#[cfg(test)]\nmod tests {{\n    use super::*;\n\n    #[test]\n    fn rejects_garbage() {{\n        assert!(parse_{name}(\"not json\").is_err());\n    }}\n}}"
    )
    .unwrap();
    s
}
