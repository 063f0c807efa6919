use structlint_core::{Language, SourceFile};

use super::*;

fn found(text: &str) -> Vec<String> {
    let list = |names: &[&str]| names.iter().map(|s| s.to_string()).collect();
    let wrappers = Wrappers {
        calls: list(&["fetch"]),
        retry: list(&["withRetry", "with_retry", "backoff::future::retry"]),
        timeout: list(&["tokio::time::timeout"]),
        retry_callers: Vec::new(),
        methods: list(&["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]),
    };
    let file = SourceFile::new("a.rs".into(), "a.rs".into(), Language::Rust, text.into());
    unwrapped(&FileContext::new(&file), &wrappers)
        .iter()
        .map(|u| {
            let Rewrite::Send { chain, add_timeout } = &u.rewrite else {
                unreachable!()
            };
            let retry = u.missing_retry.then_some("with_retry");
            let rewrite =
                crate::fetch_retry_timeout::rust_edit::send_rewrite(chain, *add_timeout, retry)
                    .unwrap();
            format!(
                "{}:{} retry={} timeout={} -> {rewrite}",
                u.call, u.span.start_pos.line, !u.missing_retry, !u.missing_timeout
            )
        })
        .collect()
}

#[test]
fn request_chains_need_a_timeout_and_a_retry() {
    let text = r#"use reqwest::Client;
async fn bare(client: &Client) -> reqwest::Result<String> {
    client.get("https://x").send().await?.text().await
}
async fn timed(client: &Client) {
    let r = client.get("https://x").timeout(Duration::from_secs(5)).send().await;
}
async fn built() {
    let client = Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
    let r = with_retry(|| async { client.get("https://x").send().await }).await;
}
async fn wrapped(client: &Client) {
    let r = backoff::future::retry(policy, || async { Ok(tokio::time::timeout(d, client.post("https://y").send()).await??) }).await;
}
fn channel(tx: Sender<u8>) { tx.send(1); }
"#;
    assert_eq!(
        found(text),
        [
            "client.get.send:3 retry=false timeout=false -> with_retry(|| async {\n    client.get(\"https://x\").timeout(Duration::from_secs(10)).send().await\n}).await",
            "client.get.send:6 retry=false timeout=true -> with_retry(|| async {\n    client.get(\"https://x\").timeout(Duration::from_secs(5)).send().await\n}).await",
        ]
    );
}

#[test]
fn files_without_reqwest_are_not_looked_at() {
    assert!(found("fn f(c: C) { c.get(u).send(); }").is_empty());
}
