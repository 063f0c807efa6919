//! The progress bar of `check` on a terminal: it appears once a run has taken a second, so
//! quick runs print nothing extra, and never in CI or when stderr is piped, where its
//! redraws would be noise in a log.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before its bar appears.
const QUIET_FOR: Duration = Duration::from_secs(1);

pub struct Bar {
    bar: ProgressBar,
    started: Instant,
    quiet_for: Duration,
    /// Where the bar draws once it shows.
    target: fn() -> ProgressDrawTarget,
    shown: AtomicBool,
}

/// A bar for this run, when stderr is a terminal a person watches.
pub fn for_terminal() -> Option<Arc<Bar>> {
    let ci = std::env::var_os("CI");
    wanted(std::io::stderr().is_terminal(), ci.as_deref())
        .then(|| Arc::new(Bar::new(ProgressDrawTarget::stderr, QUIET_FOR)))
}

/// A terminal, and not a CI runner (which sets `CI`, to anything but `false` or `0`).
fn wanted(stderr_is_terminal: bool, ci: Option<&std::ffi::OsStr>) -> bool {
    let in_ci = ci.is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
    stderr_is_terminal && !in_ci
}

impl Bar {
    fn new(target: fn() -> ProgressDrawTarget, quiet_for: Duration) -> Bar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} files  {elapsed}") {
            bar.set_style(style);
        }
        Bar {
            bar,
            started: Instant::now(),
            quiet_for,
            target,
            shown: AtomicBool::new(false),
        }
    }

    /// Clears the bar before the report is printed.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl structlint_core::Progress for Bar {
    fn files_found(&self, files: usize) {
        self.bar.set_length(files as u64);
    }

    fn file_done(&self) {
        if self.started.elapsed() >= self.quiet_for && !self.shown.swap(true, Ordering::Relaxed) {
            self.bar.set_draw_target((self.target)());
        }
        self.bar.inc(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::sync::Mutex;

    use indicatif::TermLike;
    use structlint_core::Progress;

    /// A terminal that keeps what is written to it.
    #[derive(Debug, Default)]
    struct Screen;

    static SHOWN: Mutex<String> = Mutex::new(String::new());

    impl TermLike for Screen {
        fn width(&self) -> u16 {
            80
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> std::io::Result<()> {
            self.write_str(&format!("{s}\n"))
        }
        fn write_str(&self, s: &str) -> std::io::Result<()> {
            SHOWN.lock().unwrap().push_str(s);
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn screen() -> ProgressDrawTarget {
        ProgressDrawTarget::term_like(Box::new(Screen))
    }

    /// Both cases in one test: they share the screen.
    #[test]
    fn the_bar_shows_the_files_once_the_run_is_slow_enough() {
        let quick = Bar::new(screen, Duration::from_secs(3600));
        quick.files_found(3);
        quick.file_done();
        quick.finish();
        assert_eq!(*SHOWN.lock().unwrap(), "", "a quick run draws nothing");

        let slow = Bar::new(screen, Duration::ZERO);
        slow.files_found(3);
        slow.file_done();
        let shown = SHOWN.lock().unwrap().clone();
        assert!(shown.contains("1/3 files"), "{shown:?}");
    }

    #[test]
    fn only_on_a_terminal_outside_ci() {
        assert!(wanted(true, None));
        assert!(wanted(true, Some(OsStr::new(""))));
        assert!(wanted(true, Some(OsStr::new("false"))));
        assert!(!wanted(true, Some(OsStr::new("true"))));
        assert!(!wanted(true, Some(OsStr::new("1"))));
        assert!(!wanted(false, None));
    }
}
