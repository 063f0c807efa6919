//! The prompt for a call of a function that takes the request's signal from its caller and
//! gets none: the call rewritten to pass a deadline, and the way to the network call.

use structlint_core::{Applicability, Diagnostic, Edit, Replacement};

use crate::fetch_retry_timeout::advice::{Advisor, WHY, chain_text, deadline_for, one_line};
use crate::fetch_retry_timeout::callers::Found;
use crate::fetch_retry_timeout::model::Via;
use crate::fetch_retry_timeout::typescript::{TIMEOUT, with_property};

pub(crate) fn at_caller(advisor: &Advisor<'_>, found: &Found<'_>) -> Diagnostic {
    let Found::AtCaller {
        caller,
        chain,
        via,
        missing_retry,
        missing_timeout,
    } = found
    else {
        unreachable!("only called for findings at a caller")
    };
    let path = &caller.span.path;
    let network = chain.last().expect("a chain ends at the network call");
    let what = match (missing_retry, missing_timeout) {
        (true, true) => "no retry and no timeout",
        (true, false) => "no retry",
        _ => "no timeout",
    };
    let callee = &caller.callee;
    let mut d = Diagnostic::new(
        caller.span.clone(),
        format!(
            "`{callee}` is called in {path} with {what} for its `{}` ({}:{})",
            network.callee, network.span.path, network.span.start_pos.line
        ),
    )
    .label(format!("{what} for `{}`", network.callee))
    .why(format!(
        "`{callee}` takes the request's signal from its caller, so the deadline, and whether to repeat the request, are the caller's to give. {WHY}"
    ));
    let arguments: Option<Vec<String>> = caller.call.as_ref().map(|call| {
        caller
            .arguments
            .iter()
            .flatten()
            .map(|a| call[a.range.0..a.range.1].to_string())
            .collect()
    });
    let with_deadline = match arguments {
        Some(args) if *missing_timeout => arguments_with_deadline(args, *via),
        args => args,
    };
    let retry = missing_retry.then(|| advisor.retry_name(false));
    if let Some(args) = &with_deadline {
        let call = format!("{callee}({})", args.join(", "));
        let wrapped = match &retry {
            Some(r) => format!("{r}(() => {call})"),
            None => call.clone(),
        };
        let awaited = if caller.awaited {
            format!("await {wrapped}")
        } else {
            wrapped
        };
        d = d.step(format!("Rewrite the call as `{}`.", one_line(&awaited)));
        if retry.is_none() && *missing_timeout {
            d = d.edit(Edit {
                description: "Pass a 10-second timeout signal".into(),
                replacements: vec![Replacement {
                    span: caller.span.clone(),
                    text: call,
                }],
                // Unsafe: it changes behaviour, aborting requests that take longer than 10 s,
                // and the right deadline is the endpoint's, not ours.
                applicability: Applicability::Unsafe,
            });
        }
    } else {
        d = d.step(format!(
            "Give the signal `{callee}` takes (argument {}) a deadline: `{}`.",
            via.index() + 1,
            deadline_for(Some("signal"))
        ));
    }
    if let Some(retry) = &retry {
        d = advisor.import_steps(d, path, retry, false);
    }
    if *missing_timeout {
        d = advisor.timeout_step(d, false);
    }
    d.step(format!(
        "The request goes {}; if every caller should get the same deadline, set it once in `{callee}` instead.",
        chain_text(chain)
    ))
    .related(
        network.span.clone(),
        format!("the `{}` this call reaches", network.callee),
    )
}

/// The call's arguments with the deadline where the function takes its signal; `None` when
/// the options object already names a signal in a way text cannot safely rewrite.
fn arguments_with_deadline(mut out: Vec<String>, via: Via) -> Option<Vec<String>> {
    let k = via.index();
    while out.len() < k {
        out.push("undefined".into());
    }
    let current = out.get(k).map(|s| s.trim().to_string());
    let new = match (via, current.as_deref()) {
        (Via::Signal(_), None | Some("undefined")) => TIMEOUT.to_string(),
        (Via::Signal(_), Some(s)) => deadline_for(Some(s)),
        (Via::Options(_), None | Some("undefined")) => format!("{{ signal: {TIMEOUT} }}"),
        (Via::Options(_), Some(o)) if o.starts_with('{') => {
            if o.contains("signal") {
                return None;
            }
            with_property(o, &format!("signal: {TIMEOUT}"))
        }
        (Via::Options(_), Some(o)) => format!("{{ ...{o}, signal: {TIMEOUT} }}"),
    };
    if out.len() == k {
        out.push(new);
    } else {
        out[k] = new;
    }
    Some(out)
}
