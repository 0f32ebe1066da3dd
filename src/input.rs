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

/// Reads a string that parses as `T` (the serde side of a type written as text), from the
/// input itself where the format lends it, so that reading a code or a currency allocates
/// nothing.
pub(crate) struct FromText<T>(std::marker::PhantomData<T>);

impl<T> FromText<T> {
    /// The visitor.
    pub(crate) const fn new() -> FromText<T> {
        FromText(std::marker::PhantomData)
    }
}

impl<T> serde::de::Visitor<'_> for FromText<T>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
        text.parse().map_err(E::custom)
    }
}
