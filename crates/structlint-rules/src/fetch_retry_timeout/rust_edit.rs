//! The Rust code of suggested edits, built as syntax with quote and formatted the way rustfmt
//! would (prettyplease), so that an agent can paste it as is: it parses, and it reads like
//! the code around it.

use proc_macro2::TokenStream;
use quote::quote;
use structlint_lang::syn;

/// `chain.timeout(Duration::from_secs(10)).send().await`, wrapped in `retry(|| async { … })`
/// when a retry is missing. `None` when the chain is not an expression syn can read.
pub(crate) fn send_rewrite(chain: &str, add_timeout: bool, retry: Option<&str>) -> Option<String> {
    let chain: syn::Expr = syn::parse_str(chain).ok()?;
    let timed = if add_timeout {
        quote!(#chain.timeout(Duration::from_secs(10)))
    } else {
        quote!(#chain)
    };
    let call = quote!(#timed.send().await);
    match retry {
        Some(path) => {
            let path: syn::Path = syn::parse_str(path).ok()?;
            // Formatted without the final `.await`, which would put the closure one level
            // deeper as a chain continuation.
            format_expr(quote!(#path(|| async { #call }))).map(|call| format!("{call}.await"))
        }
        None => format_expr(call),
    }
}

/// An expression formatted on its own, at no indentation.
fn format_expr(tokens: TokenStream) -> Option<String> {
    let expr: syn::Expr = syn::parse2(tokens).ok()?;
    let file: syn::File = syn::parse_quote!(fn structlint_edit() { #expr });
    let text = prettyplease::unparse(&file);
    let body = text.split_once("{\n")?.1.rsplit_once("\n}")?.0;
    Some(
        body.lines()
            .map(|l| l.strip_prefix("    ").unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_parse_and_read_like_rustfmt() {
        assert_eq!(
            send_rewrite("client.get(url)", true, None).unwrap(),
            "client.get(url).timeout(Duration::from_secs(10)).send().await"
        );
        let wrapped = send_rewrite(
            "client.get(format!(\"{base}/x\"))",
            true,
            Some("with_retry"),
        )
        .unwrap();
        assert!(wrapped.starts_with("with_retry(|| async {"), "{wrapped}");
        assert!(
            wrapped.contains(".timeout(Duration::from_secs(10))"),
            "{wrapped}"
        );
        assert!(syn::parse_str::<syn::Expr>(&wrapped).is_ok(), "{wrapped}");
        assert_eq!(send_rewrite("not an ( expression", true, None), None);
    }
}
