//! An example's standard output. A reader that stops early (`| head`) closes the pipe: that
//! ends the output quietly instead of failing the example, and any other write error is kept
//! and returned by [`Out::finish`].

use std::fmt;
use std::io::{self, Write as _};

/// Standard output, locked for the example's run.
pub struct Out {
    stdout: io::StdoutLock<'static>,
    /// The reader closed the pipe: nothing more is written.
    closed: bool,
    /// The first write error that was not a closed pipe.
    error: Option<io::Error>,
}

/// Standard output for the example's run.
pub fn stdout() -> Out {
    Out {
        stdout: io::stdout().lock(),
        closed: false,
        error: None,
    }
}

impl Out {
    /// Writes the text and a newline.
    pub fn line(&mut self, text: fmt::Arguments<'_>) {
        self.text(format_args!("{text}\n"));
    }

    /// Writes the text.
    pub fn text(&mut self, text: fmt::Arguments<'_>) {
        if self.closed || self.error.is_some() {
            return;
        }
        if let Err(e) = self.stdout.write_fmt(text) {
            self.failed(e);
        }
    }

    /// Flushes the output: the first write error other than a closed pipe, if any.
    pub fn finish(mut self) -> Result<(), String> {
        if !self.closed && self.error.is_none() {
            if let Err(e) = self.stdout.flush() {
                self.failed(e);
            }
        }
        match self.error {
            Some(e) => Err(format!("cannot write the output: {e}")),
            None => Ok(()),
        }
    }

    fn failed(&mut self, e: io::Error) {
        if e.kind() == io::ErrorKind::BrokenPipe {
            self.closed = true;
        } else {
            self.error = Some(e);
        }
    }
}
