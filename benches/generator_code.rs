//! The text of generated modules: TypeScript services, TSX panels, Rust structs.

use std::fmt::Write as _;

use super::Rng;

/// What a generated TypeScript module imports.
pub struct Imports {
    /// Where `withRetry` comes from: a dependency's package name, or `./retry`.
    pub retry: String,
    /// An earlier module of the same package.
    pub sibling: Option<String>,
    /// A deep import into a dependency's internals, as `package-privacy` reports.
    pub deep: Option<String>,
}

pub const RETRY: &str = "export async function withRetry<T>(operation: () => Promise<T>, attempts = 3): Promise<T> {\n  let last: unknown;\n  for (let i = 0; i < attempts; i++) {\n    try {\n      return await operation();\n    } catch (error) {\n      last = error;\n    }\n  }\n  throw last;\n}\n";

/// Schema fields: name, zod type, Rust type, TypeScript type.
const FIELDS: [(&str, &str, &str, &str); 8] = [
    ("id", "z.string()", "String", "string"),
    ("amountCents", "z.number().int()", "i64", "number"),
    ("currency", "z.string().length(3)", "String", "string"),
    ("createdAt", "z.string().datetime()", "String", "string"),
    (
        "note",
        "z.string().optional()",
        "Option<String>",
        "string | undefined",
    ),
    ("tags", "z.array(z.string())", "Vec<String>", "string[]"),
    ("active", "z.boolean()", "bool", "boolean"),
    (
        "status",
        "z.enum([\"open\", \"closed\"])",
        "String",
        "\"open\" | \"closed\"",
    ),
];

/// Planted in about one TypeScript file in 40: an interface restating the file's schema,
/// which `duplicate-schemas` reports.
pub const RESTATED: &str = "Row {";

pub fn pascal(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

pub fn ts_file(rng: &mut Rng, name: &str, key: &str, target: usize, imports: &Imports) -> String {
    let ty = pascal(name);
    let mut s = format!(
        "import {{ z }} from \"zod\";\nimport {{ withRetry }} from \"{}\";\n",
        imports.retry
    );
    if let Some(sibling) = &imports.sibling {
        writeln!(
            s,
            "import {{ count{} }} from \"./{sibling}\";",
            pascal(sibling)
        )
        .unwrap();
    }
    if let Some(deep) = &imports.deep {
        let module = deep.rsplit('/').next().unwrap_or(deep);
        writeln!(s, "import {{ count{} }} from \"{deep}\";", pascal(module)).unwrap();
    }
    s.push('\n');
    // The key field keeps each file's shape its own, so that only planted copies are found.
    writeln!(
        s,
        "export const {ty}Schema = z.object({{\n  {key}Id: z.string(),"
    )
    .unwrap();
    let fields = &FIELDS[..3 + rng.below(5)];
    for (field, zod, _, _) in fields {
        writeln!(s, "  {field}: {zod},").unwrap();
    }
    writeln!(
        s,
        "}});\n\nexport type {ty} = z.infer<typeof {ty}Schema>;\n"
    )
    .unwrap();
    if rng.below(40) == 0 {
        writeln!(s, "export interface {ty}{RESTATED}\n  {key}Id: string;").unwrap();
        for (field, _, _, ts) in fields {
            writeln!(s, "  {field}: {ts};").unwrap();
        }
        s.push_str("}\n\n");
    }
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

pub fn tsx_file(rng: &mut Rng, name: &str, target: usize) -> String {
    let ty = pascal(name);
    let mut s = format!(
        "import {{ useMemo, useState }} from \"react\";\n\ntype {ty} = {{ id: string }};\n\n"
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

pub fn rust_file(rng: &mut Rng, name: &str, key: &str, target: usize) -> String {
    let ty = pascal(name);
    let mut s = String::from(
        "use serde::{Deserialize, Serialize};\n\n#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]\n",
    );
    writeln!(s, "pub struct {ty} {{").unwrap();
    writeln!(s, "    pub {key}_id: String,").unwrap();
    for (field, _, rust, _) in FIELDS.iter().take(3 + rng.below(5)) {
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
