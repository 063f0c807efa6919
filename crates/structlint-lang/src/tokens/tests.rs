//! The lexer on text that is not valid code: it gives up (`None`) or reads on, and never
//! panics or runs away, whatever it is given.

use super::{TopNode, top_level};

const SAMPLE: &str = "#!/usr/bin/env node\nimport x, { type A, b as c } from './m' // note\nexport const f = <T,>(a: T) => a / 2 / 1;\nconst re = /[/]{2}\\/x/g\nexport default function App() {\n  return <div a=\"b\" {...p}>it's {`t ${c + `n`}`}<B<C> /></div>;\n}\nrequire(`x`); import('./y')\n/* end */\n";

#[test]
fn every_prefix_of_a_file_is_read_or_refused() {
    for end in (0..=SAMPLE.len()).filter(|&i| SAMPLE.is_char_boundary(i)) {
        for jsx in [false, true] {
            let _ = top_level(&SAMPLE[..end], jsx);
        }
    }
    let whole = top_level(SAMPLE, true).expect("the sample is valid TSX");
    let statements = whole
        .nodes
        .iter()
        .filter(|n| matches!(n, TopNode::Statement(_)))
        .count();
    assert_eq!(statements, 6);
    assert_eq!(whole.calls.len(), 2);
}

#[test]
fn arbitrary_text_never_panics() {
    let alphabet: Vec<char> = "{}[]()<>/\\*`'\"$#!=;:,.\n ab1<>é".chars().collect();
    let mut seed: u64 = 0x5eed;
    for _ in 0..2_000 {
        let text: String = (0..64)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                alphabet[(seed >> 33) as usize % alphabet.len()]
            })
            .collect();
        let _ = top_level(&text, true);
        let _ = top_level(&text, false);
    }
}

#[test]
fn nesting_past_the_limit_is_refused_not_recursed() {
    for open in ["(", "[", "{", "${`", "<a>{"] {
        let text = format!("x = `{}", open.repeat(100_000));
        assert!(top_level(&text, true).is_none(), "{open}");
    }
}
