//! The pipeline's rules for the markets other than the US (the 27 EU member states, GB, CA, AU,
//! JP, CN): the stages of [`pipeline`](crate::landed::pipeline) read the
//! [`Market`](crate::market::Market) data of [`crate::market`]: reliefs, cross-border retail,
//! flat duties, handling fees and import taxes. The US rules are in `src/landed/us/`.

mod charges;
pub(crate) mod quote;
