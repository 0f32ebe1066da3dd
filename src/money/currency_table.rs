// TEMPORARY: replaced by the generator.
define_currencies! {
    BHD = "BHD", 48, 3, "Bahraini Dinar";
    CLF = "CLF", 990, 4, "Unidad de Fomento";
    CLP = "CLP", 152, 0, "Chilean Peso";
    CNY = "CNY", 156, 2, "Yuan Renminbi";
    EUR = "EUR", 978, 2, "Euro";
    HKD = "HKD", 344, 2, "Hong Kong Dollar";
    IQD = "IQD", 368, 3, "Iraqi Dinar";
    JOD = "JOD", 400, 3, "Jordanian Dinar";
    JPY = "JPY", 392, 0, "Yen";
    KRW = "KRW", 410, 0, "Won";
    KWD = "KWD", 414, 3, "Kuwaiti Dinar";
    LYD = "LYD", 434, 3, "Libyan Dinar";
    MOP = "MOP", 446, 2, "Pataca";
    OMR = "OMR", 512, 3, "Rial Omani";
    TND = "TND", 788, 3, "Tunisian Dinar";
    USD = "USD", 840, 2, "US Dollar";
    UYW = "UYW", 927, 4, "Unidad Previsional";
    VND = "VND", 704, 0, "Dong";
}
pub(crate) const CODES_WITHOUT_MINOR_UNIT: &[(&str, &str)] = &[("XAU", "Gold")];
