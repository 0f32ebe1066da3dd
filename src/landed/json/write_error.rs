//! Why a value could not be written as JSON by the crate's writer.

use std::fmt;

use serde::ser;

/// Why a value could not be written.
#[derive(Debug)]
pub(crate) struct WriteError(pub(super) String);

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

impl ser::Error for WriteError {
    fn custom<T: fmt::Display>(msg: T) -> WriteError {
        WriteError(msg.to_string())
    }
}
