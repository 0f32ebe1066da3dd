//! The checks a shipment passes before it is quoted. Each field that contradicts another, or
//! holds a value no quote can use, is an error naming the field as the quote JSON writes it
//! (`entry_date`, `lines[1].metal_content`, `lines[0].rates.duty`).

use rust_decimal::Decimal;

use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::landed::shipment::{Line, Shipment};
use crate::tariff::Metal;

/// The keys a line's `rates` may hold: the MFN duty and the taxes of the markets' rules.
pub(crate) const RATE_KEYS: [&str; 4] = ["mfn", "vat", "gst", "consumption_tax"];

/// Checks the dates, origins and lines of a shipment.
pub(crate) fn check(shipment: &Shipment) -> Result<()> {
    if shipment.entry_date < shipment.export_date {
        return Err(Error::shipment(
            "entry_date",
            format!(
                "{} is before the export_date {}: goods are entered after they are exported; \
                 check the two dates",
                shipment.entry_date, shipment.export_date
            ),
        ));
    }
    if let Some(loaded) = shipment.loaded_date {
        if loaded > shipment.entry_date {
            return Err(Error::shipment(
                "loaded_date",
                format!(
                    "{loaded} is after the entry_date {}: goods are loaded on their final \
                     conveyance before they are entered; check the two dates",
                    shipment.entry_date
                ),
            ));
        }
    }
    origin("origin", shipment.origin, shipment.importer)?;
    if let Some(from) = shipment.shipped_from {
        assigned("shipped_from", from)?;
    }
    for (index, line) in shipment.lines.iter().enumerate() {
        self::line(index, line, shipment.importer)?;
    }
    Ok(())
}

/// An origin must be an assigned ISO 3166-1 code, and not the importer's own for US imports.
fn origin(field: &str, origin: CountryCode, importer: CountryCode) -> Result<()> {
    assigned(field, origin)?;
    if origin == CountryCode::US && importer == CountryCode::US {
        return Err(Error::shipment(
            field,
            "goods of US origin returned to the US are entered as American goods returned (HTS \
             chapter 98, heading 9801) and pay none of the duties this quote computes; quote only \
             foreign goods",
        ));
    }
    Ok(())
}

fn assigned(field: &str, code: CountryCode) -> Result<()> {
    if code.is_assigned() {
        return Ok(());
    }
    let hint = match code.as_str() {
        "UK" => "the United Kingdom's ISO code is GB",
        "EU" => "name the member state the goods come from (DE, FR, ...)",
        "EL" => "Greece's ISO code is GR",
        _ => "use an ISO 3166-1 alpha-2 country code such as CN, VN or DE",
    };
    Err(Error::shipment(
        field,
        format!("{code} is not an assigned ISO 3166-1 country code; {hint}"),
    ))
}

fn line(index: usize, line: &Line, importer: CountryCode) -> Result<()> {
    let digits = line.hts.len();
    if !matches!(digits, 6 | 8 | 10) {
        return Err(Error::shipment(
            format!("lines[{index}].hts"),
            format!(
                "{} has {digits} digits; tariffs classify goods by 6 (HS subheading), 8 or 10 \
                 digits: write the code in full, as in 6402.99.90",
                line.hts
            ),
        ));
    }
    if let Some(o) = line.origin {
        origin(&format!("lines[{index}].origin"), o, importer)?;
    }
    if let Some(key) = line.rates.keys().find(|k| !RATE_KEYS.contains(&k.as_str())) {
        return Err(Error::shipment(
            format!("lines[{index}].rates.{key}"),
            format!(
                "unknown rate {key:?}; a line's rates are {}",
                RATE_KEYS.join(", ")
            ),
        ));
    }
    let content_error = |field, reason: String| Error::InvalidMetalContent {
        index,
        hts: line.hts,
        field,
        reason,
    };
    let within_value = |what: &str, value: Decimal| -> std::result::Result<(), String> {
        if value.is_sign_negative() && !value.is_zero() {
            Err(format!(
                "the {what} value {value} is negative; write 0 or more"
            ))
        } else if value > line.value {
            Err(format!(
                "the {what} value {value} exceeds the line's value {}; it is part of the goods' \
                 value, so at most that",
                line.value
            ))
        } else {
            Ok(())
        }
    };
    // Each metal once: the list of metals seen never holds more than the metals there are.
    let mut seen: Vec<Metal> = Vec::new();
    for m in &line.metal_content {
        if seen.contains(&m.metal) {
            return Err(content_error(
                "metal_content",
                format!(
                    "{} is listed twice; give one entry per metal with its whole value",
                    m.metal
                ),
            ));
        }
        seen.push(m.metal);
        within_value(&m.metal.to_string(), m.value)
            .map_err(|reason| content_error("metal_content", reason))?;
    }
    if let Some(us) = line.us_content {
        within_value("US content", us).map_err(|reason| content_error("us_content", reason))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipment(edit: impl FnOnce(&mut serde_json::Value)) -> Shipment {
        let mut json = serde_json::json!({
            "importer": "US", "origin": "CN", "mode": "ocean",
            "export_date": "2025-06-01", "entry_date": "2025-06-20", "currency": "USD",
            "lines": [{"hts": "7326.90.86", "value": "1000.00"}]
        });
        edit(&mut json);
        serde_json::from_value(json).unwrap()
    }

    fn field_of(e: Error) -> String {
        match e {
            Error::InvalidShipment { field, .. } => field,
            Error::InvalidMetalContent { index, field, .. } => format!("lines[{index}].{field}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_plain_shipment_passes() {
        assert!(check(&shipment(|_| {})).is_ok());
    }

    #[test]
    fn each_inconsistency_names_its_field() {
        type Edit = fn(&mut serde_json::Value);
        let cases: [(Edit, &str); 12] = [
            (|j| j["entry_date"] = "2025-05-01".into(), "entry_date"),
            (|j| j["loaded_date"] = "2025-06-21".into(), "loaded_date"),
            (|j| j["origin"] = "ZZ".into(), "origin"),
            (|j| j["origin"] = "UK".into(), "origin"),
            (|j| j["origin"] = "US".into(), "origin"),
            (|j| j["lines"][0]["origin"] = "EU".into(), "lines[0].origin"),
            (|j| j["lines"][0]["hts"] = "1234567".into(), "lines[0].hts"),
            (
                |j| j["lines"][0]["rates"] = serde_json::json!({"mfn": "5%", "duty": "5%"}),
                "lines[0].rates.duty",
            ),
            (
                |j| {
                    j["lines"][0]["metal_content"] =
                        serde_json::json!([{"metal": "steel", "value": "-500"}])
                },
                "lines[0].metal_content",
            ),
            (
                |j| {
                    j["lines"][0]["metal_content"] =
                        serde_json::json!([{"metal": "steel", "value": "5000"}])
                },
                "lines[0].metal_content",
            ),
            (
                |j| {
                    j["lines"][0]["metal_content"] = serde_json::json!([
                    {"metal": "steel", "value": "100"}, {"metal": "steel", "value": "100"}])
                },
                "lines[0].metal_content",
            ),
            (
                |j| j["lines"][0]["us_content"] = "1000.01".into(),
                "lines[0].us_content",
            ),
        ];
        for (edit, field) in cases {
            let e = check(&shipment(edit)).unwrap_err();
            assert!(!e.to_string().is_empty());
            assert_eq!(field_of(e), field);
        }
        let negative_us = shipment(|j| j["lines"][0]["us_content"] = "-1".into());
        assert_eq!(
            field_of(check(&negative_us).unwrap_err()),
            "lines[0].us_content"
        );
    }

    #[test]
    fn content_at_the_bounds_passes() {
        let s = shipment(|j| {
            j["lines"][0]["metal_content"] = serde_json::json!([
                {"metal": "steel", "value": "1000.00"}, {"metal": "aluminum", "value": "0"}]);
            j["lines"][0]["us_content"] = "1000".into();
        });
        assert!(check(&s).is_ok());
    }
}
