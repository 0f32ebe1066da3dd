//! User input as error messages show it: at most 200 characters, so a message stays readable
//! whatever was passed in. Below every module that reports bad input, [`crate::error`] among
//! them.

/// Keeps at most 200 characters of user input in an error message.
pub(crate) fn truncate(input: &str) -> String {
    const MAX: usize = 200;
    match input.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", input.get(..cut).unwrap_or(input)),
        None => input.to_owned(),
    }
}
