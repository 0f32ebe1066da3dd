//! [`Mode`]: how the goods travel, which rules of every market turn on (the US Harbor
//! Maintenance Fee and postal regimes, the other markets' reliefs and handling fees).

use serde::{Deserialize, Serialize};

/// How the goods travel.
///
/// # Example
/// ```
/// use landed_cost::landed::Mode;
/// assert_eq!(serde_json::from_str::<Mode>("\"ocean\"")?, Mode::Ocean);
/// assert_eq!(Mode::Ocean.to_string(), "ocean"); // as the JSON writes it
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Mode {
    /// By sea (commercial vessel: the Harbor Maintenance Fee applies).
    Ocean,
    /// By air cargo.
    Air,
    /// By express courier.
    Express,
    /// By post.
    Postal,
    /// By road.
    Truck,
    /// By rail.
    Rail,
}

impl std::fmt::Display for Mode {
    /// As the quote JSON writes it (`ocean`, `postal`), so messages name what a user wrote.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(match self {
            Mode::Ocean => "ocean",
            Mode::Air => "air",
            Mode::Express => "express",
            Mode::Postal => "postal",
            Mode::Truck => "truck",
            Mode::Rail => "rail",
        })
    }
}
