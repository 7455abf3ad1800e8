"""Country names for the flag templates: ISO 3166-1 codes and the sports (IOC/FIFA) codes.

Wikipedia's ``{{flag|FRA}}``, ``{{flagcountry|USA}}`` and the hundreds of shortcut
templates such as ``{{USA}}``, ``{{GBR}}`` or ``{{UK}}`` show a small flag (an image we do
not have offline) followed by the country's name, linked to its article.  This table gives
that displayed name, the one Wikipedia's ``Country data ...`` templates use (``United
States``, ``South Korea``, ``Czech Republic``...).  Pure data, no imports.
"""

from __future__ import annotations

__all__ = ["COUNTRY_NAMES", "SHORTCUT_NAMES", "country_name"]

# alpha-3, alpha-2, displayed name (ISO 3166-1, plus a few codes still used on Wikipedia).
_ISO: tuple[tuple[str, str, str], ...] = (
    ("AFG", "AF", "Afghanistan"), ("ALA", "AX", "Åland Islands"), ("ALB", "AL", "Albania"),
    ("DZA", "DZ", "Algeria"), ("ASM", "AS", "American Samoa"), ("AND", "AD", "Andorra"),
    ("AGO", "AO", "Angola"), ("AIA", "AI", "Anguilla"), ("ATA", "AQ", "Antarctica"),
    ("ATG", "AG", "Antigua and Barbuda"), ("ARG", "AR", "Argentina"),
    ("ARM", "AM", "Armenia"), ("ABW", "AW", "Aruba"), ("AUS", "AU", "Australia"),
    ("AUT", "AT", "Austria"), ("AZE", "AZ", "Azerbaijan"), ("BHS", "BS", "Bahamas"),
    ("BHR", "BH", "Bahrain"), ("BGD", "BD", "Bangladesh"), ("BRB", "BB", "Barbados"),
    ("BLR", "BY", "Belarus"), ("BEL", "BE", "Belgium"), ("BLZ", "BZ", "Belize"),
    ("BEN", "BJ", "Benin"), ("BMU", "BM", "Bermuda"), ("BTN", "BT", "Bhutan"),
    ("BOL", "BO", "Bolivia"), ("BES", "BQ", "Caribbean Netherlands"),
    ("BIH", "BA", "Bosnia and Herzegovina"), ("BWA", "BW", "Botswana"),
    ("BVT", "BV", "Bouvet Island"), ("BRA", "BR", "Brazil"),
    ("IOT", "IO", "British Indian Ocean Territory"), ("BRN", "BN", "Brunei"),
    ("BGR", "BG", "Bulgaria"), ("BFA", "BF", "Burkina Faso"), ("BDI", "BI", "Burundi"),
    ("CPV", "CV", "Cape Verde"), ("KHM", "KH", "Cambodia"), ("CMR", "CM", "Cameroon"),
    ("CAN", "CA", "Canada"), ("CYM", "KY", "Cayman Islands"),
    ("CAF", "CF", "Central African Republic"), ("TCD", "TD", "Chad"),
    ("CHL", "CL", "Chile"), ("CHN", "CN", "China"), ("CXR", "CX", "Christmas Island"),
    ("CCK", "CC", "Cocos (Keeling) Islands"), ("COL", "CO", "Colombia"),
    ("COM", "KM", "Comoros"), ("COG", "CG", "Republic of the Congo"),
    ("COD", "CD", "Democratic Republic of the Congo"), ("COK", "CK", "Cook Islands"),
    ("CRI", "CR", "Costa Rica"), ("CIV", "CI", "Ivory Coast"), ("HRV", "HR", "Croatia"),
    ("CUB", "CU", "Cuba"), ("CUW", "CW", "Curaçao"), ("CYP", "CY", "Cyprus"),
    ("CZE", "CZ", "Czech Republic"), ("DNK", "DK", "Denmark"), ("DJI", "DJ", "Djibouti"),
    ("DMA", "DM", "Dominica"), ("DOM", "DO", "Dominican Republic"),
    ("ECU", "EC", "Ecuador"), ("EGY", "EG", "Egypt"), ("SLV", "SV", "El Salvador"),
    ("GNQ", "GQ", "Equatorial Guinea"), ("ERI", "ER", "Eritrea"),
    ("EST", "EE", "Estonia"), ("SWZ", "SZ", "Eswatini"), ("ETH", "ET", "Ethiopia"),
    ("FLK", "FK", "Falkland Islands"), ("FRO", "FO", "Faroe Islands"),
    ("FJI", "FJ", "Fiji"), ("FIN", "FI", "Finland"), ("FRA", "FR", "France"),
    ("GUF", "GF", "French Guiana"), ("PYF", "PF", "French Polynesia"),
    ("ATF", "TF", "French Southern and Antarctic Lands"), ("GAB", "GA", "Gabon"),
    ("GMB", "GM", "The Gambia"), ("GEO", "GE", "Georgia"), ("DEU", "DE", "Germany"),
    ("GHA", "GH", "Ghana"), ("GIB", "GI", "Gibraltar"), ("GRC", "GR", "Greece"),
    ("GRL", "GL", "Greenland"), ("GRD", "GD", "Grenada"), ("GLP", "GP", "Guadeloupe"),
    ("GUM", "GU", "Guam"), ("GTM", "GT", "Guatemala"), ("GGY", "GG", "Guernsey"),
    ("GIN", "GN", "Guinea"), ("GNB", "GW", "Guinea-Bissau"), ("GUY", "GY", "Guyana"),
    ("HTI", "HT", "Haiti"), ("HMD", "HM", "Heard Island and McDonald Islands"),
    ("VAT", "VA", "Vatican City"), ("HND", "HN", "Honduras"), ("HKG", "HK", "Hong Kong"),
    ("HUN", "HU", "Hungary"), ("ISL", "IS", "Iceland"), ("IND", "IN", "India"),
    ("IDN", "ID", "Indonesia"), ("IRN", "IR", "Iran"), ("IRQ", "IQ", "Iraq"),
    ("IRL", "IE", "Ireland"), ("IMN", "IM", "Isle of Man"), ("ISR", "IL", "Israel"),
    ("ITA", "IT", "Italy"), ("JAM", "JM", "Jamaica"), ("JPN", "JP", "Japan"),
    ("JEY", "JE", "Jersey"), ("JOR", "JO", "Jordan"), ("KAZ", "KZ", "Kazakhstan"),
    ("KEN", "KE", "Kenya"), ("KIR", "KI", "Kiribati"), ("PRK", "KP", "North Korea"),
    ("KOR", "KR", "South Korea"), ("KWT", "KW", "Kuwait"), ("KGZ", "KG", "Kyrgyzstan"),
    ("LAO", "LA", "Laos"), ("LVA", "LV", "Latvia"), ("LBN", "LB", "Lebanon"),
    ("LSO", "LS", "Lesotho"), ("LBR", "LR", "Liberia"), ("LBY", "LY", "Libya"),
    ("LIE", "LI", "Liechtenstein"), ("LTU", "LT", "Lithuania"),
    ("LUX", "LU", "Luxembourg"), ("MAC", "MO", "Macau"), ("MDG", "MG", "Madagascar"),
    ("MWI", "MW", "Malawi"), ("MYS", "MY", "Malaysia"), ("MDV", "MV", "Maldives"),
    ("MLI", "ML", "Mali"), ("MLT", "MT", "Malta"), ("MHL", "MH", "Marshall Islands"),
    ("MTQ", "MQ", "Martinique"), ("MRT", "MR", "Mauritania"), ("MUS", "MU", "Mauritius"),
    ("MYT", "YT", "Mayotte"), ("MEX", "MX", "Mexico"),
    ("FSM", "FM", "Federated States of Micronesia"), ("MDA", "MD", "Moldova"),
    ("MCO", "MC", "Monaco"), ("MNG", "MN", "Mongolia"), ("MNE", "ME", "Montenegro"),
    ("MSR", "MS", "Montserrat"), ("MAR", "MA", "Morocco"), ("MOZ", "MZ", "Mozambique"),
    ("MMR", "MM", "Myanmar"), ("NAM", "NA", "Namibia"), ("NRU", "NR", "Nauru"),
    ("NPL", "NP", "Nepal"), ("NLD", "NL", "Netherlands"), ("NCL", "NC", "New Caledonia"),
    ("NZL", "NZ", "New Zealand"), ("NIC", "NI", "Nicaragua"), ("NER", "NE", "Niger"),
    ("NGA", "NG", "Nigeria"), ("NIU", "NU", "Niue"), ("NFK", "NF", "Norfolk Island"),
    ("MKD", "MK", "North Macedonia"), ("MNP", "MP", "Northern Mariana Islands"),
    ("NOR", "NO", "Norway"), ("OMN", "OM", "Oman"), ("PAK", "PK", "Pakistan"),
    ("PLW", "PW", "Palau"), ("PSE", "PS", "Palestine"), ("PAN", "PA", "Panama"),
    ("PNG", "PG", "Papua New Guinea"), ("PRY", "PY", "Paraguay"), ("PER", "PE", "Peru"),
    ("PHL", "PH", "Philippines"), ("PCN", "PN", "Pitcairn Islands"),
    ("POL", "PL", "Poland"), ("PRT", "PT", "Portugal"), ("PRI", "PR", "Puerto Rico"),
    ("QAT", "QA", "Qatar"), ("REU", "RE", "Réunion"), ("ROU", "RO", "Romania"),
    ("RUS", "RU", "Russia"), ("RWA", "RW", "Rwanda"), ("BLM", "BL", "Saint Barthélemy"),
    ("SHN", "SH", "Saint Helena, Ascension and Tristan da Cunha"),
    ("KNA", "KN", "Saint Kitts and Nevis"), ("LCA", "LC", "Saint Lucia"),
    ("MAF", "MF", "Saint Martin"), ("SPM", "PM", "Saint Pierre and Miquelon"),
    ("VCT", "VC", "Saint Vincent and the Grenadines"), ("WSM", "WS", "Samoa"),
    ("SMR", "SM", "San Marino"), ("STP", "ST", "São Tomé and Príncipe"),
    ("SAU", "SA", "Saudi Arabia"), ("SEN", "SN", "Senegal"), ("SRB", "RS", "Serbia"),
    ("SYC", "SC", "Seychelles"), ("SLE", "SL", "Sierra Leone"),
    ("SGP", "SG", "Singapore"), ("SXM", "SX", "Sint Maarten"), ("SVK", "SK", "Slovakia"),
    ("SVN", "SI", "Slovenia"), ("SLB", "SB", "Solomon Islands"), ("SOM", "SO", "Somalia"),
    ("ZAF", "ZA", "South Africa"),
    ("SGS", "GS", "South Georgia and the South Sandwich Islands"),
    ("SSD", "SS", "South Sudan"), ("ESP", "ES", "Spain"), ("LKA", "LK", "Sri Lanka"),
    ("SDN", "SD", "Sudan"), ("SUR", "SR", "Suriname"),
    ("SJM", "SJ", "Svalbard and Jan Mayen"), ("SWE", "SE", "Sweden"),
    ("CHE", "CH", "Switzerland"), ("SYR", "SY", "Syria"), ("TWN", "TW", "Taiwan"),
    ("TJK", "TJ", "Tajikistan"), ("TZA", "TZ", "Tanzania"), ("THA", "TH", "Thailand"),
    ("TLS", "TL", "East Timor"), ("TGO", "TG", "Togo"), ("TKL", "TK", "Tokelau"),
    ("TON", "TO", "Tonga"), ("TTO", "TT", "Trinidad and Tobago"),
    ("TUN", "TN", "Tunisia"), ("TUR", "TR", "Turkey"), ("TKM", "TM", "Turkmenistan"),
    ("TCA", "TC", "Turks and Caicos Islands"), ("TUV", "TV", "Tuvalu"),
    ("UGA", "UG", "Uganda"), ("UKR", "UA", "Ukraine"),
    ("ARE", "AE", "United Arab Emirates"), ("GBR", "GB", "United Kingdom"),
    ("USA", "US", "United States"), ("UMI", "UM", "United States Minor Outlying Islands"),
    ("URY", "UY", "Uruguay"), ("UZB", "UZ", "Uzbekistan"), ("VUT", "VU", "Vanuatu"),
    ("VEN", "VE", "Venezuela"), ("VNM", "VN", "Vietnam"),
    ("VGB", "VG", "British Virgin Islands"), ("VIR", "VI", "United States Virgin Islands"),
    ("WLF", "WF", "Wallis and Futuna"), ("ESH", "EH", "Western Sahara"),
    ("YEM", "YE", "Yemen"), ("ZMB", "ZM", "Zambia"), ("ZWE", "ZW", "Zimbabwe"),
    ("XKX", "XK", "Kosovo"),
)

# Sports (IOC / FIFA) codes and historical codes that differ from ISO alpha-3.
_SPORTS: dict[str, str] = {
    "ALG": "Algeria", "ANG": "Angola", "ANT": "Antigua and Barbuda", "ARU": "Aruba",
    "ASA": "American Samoa", "BAH": "Bahamas", "BAN": "Bangladesh", "BAR": "Barbados",
    "BER": "Bermuda", "BHU": "Bhutan", "BIZ": "Belize", "BOT": "Botswana",
    "BRU": "Brunei", "BUL": "Bulgaria", "BUR": "Burkina Faso", "CAM": "Cambodia",
    "CAY": "Cayman Islands", "CGO": "Republic of the Congo", "CHA": "Chad",
    "CHI": "Chile", "CRC": "Costa Rica", "CRO": "Croatia", "DEN": "Denmark",
    "ESA": "El Salvador", "FIJ": "Fiji", "GAM": "The Gambia", "GBS": "Guinea-Bissau",
    "GEQ": "Equatorial Guinea", "GER": "Germany", "GRE": "Greece", "GRN": "Grenada",
    "GUA": "Guatemala", "GUI": "Guinea", "HAI": "Haiti", "HON": "Honduras",
    "INA": "Indonesia", "IRI": "Iran", "ISV": "United States Virgin Islands",
    "IVB": "British Virgin Islands", "KOS": "Kosovo", "KSA": "Saudi Arabia",
    "KUW": "Kuwait", "LAT": "Latvia", "LBA": "Libya", "LES": "Lesotho",
    "LIB": "Lebanon", "MAD": "Madagascar", "MAS": "Malaysia", "MAW": "Malawi",
    "MGL": "Mongolia", "MON": "Monaco", "MRI": "Mauritius", "MTN": "Mauritania",
    "MYA": "Myanmar", "NCA": "Nicaragua", "NED": "Netherlands", "NEP": "Nepal",
    "NGR": "Nigeria", "NIG": "Niger", "OMA": "Oman", "PAR": "Paraguay",
    "PHI": "Philippines", "PLE": "Palestine", "POR": "Portugal", "PUR": "Puerto Rico",
    "RSA": "South Africa", "SAM": "Samoa", "SEY": "Seychelles", "SIN": "Singapore",
    "SKN": "Saint Kitts and Nevis", "SLO": "Slovenia", "SOL": "Solomon Islands",
    "SRI": "Sri Lanka", "SUD": "Sudan", "SUI": "Switzerland", "TAN": "Tanzania",
    "TGA": "Tonga", "TOG": "Togo", "TPE": "Chinese Taipei", "TRI": "Trinidad and Tobago",
    "UAE": "United Arab Emirates", "URU": "Uruguay", "VAN": "Vanuatu",
    "VIE": "Vietnam", "VIN": "Saint Vincent and the Grenadines", "ZAM": "Zambia",
    "ZIM": "Zimbabwe", "LCA": "Saint Lucia", "GUM": "Guam", "COK": "Cook Islands",
    "ENG": "England", "SCO": "Scotland", "WAL": "Wales", "NIR": "Northern Ireland",
    "URS": "Soviet Union", "USSR": "Soviet Union", "TCH": "Czechoslovakia",
    "YUG": "Yugoslavia", "GDR": "East Germany", "FRG": "West Germany",
    "EUN": "Unified Team", "SCG": "Serbia and Montenegro", "ROC": "Republic of China",
    "EU": "European Union", "UK": "United Kingdom", "UN": "United Nations",
}

_ALPHA2: dict[str, str] = {alpha2: name for _, alpha2, name in _ISO}

COUNTRY_NAMES: dict[str, str] = {
    **{alpha3: name for alpha3, _, name in _ISO},
    **_SPORTS,
}
"""Upper-case three-letter (ISO alpha-3, IOC, FIFA) and special codes -> display name."""

SHORTCUT_NAMES: frozenset[str] = frozenset(code.lower() for code in COUNTRY_NAMES)
"""Lower-case template names that are ``{{flagcountry}}`` shortcuts (``{{USA}}``)."""

_ALIASES: dict[str, str] = {
    "us": "United States", "u.s.": "United States", "united states of america":
    "United States", "america": "United States", "great britain": "United Kingdom",
    "britain": "United Kingdom", "russian federation": "Russia", "korea": "South Korea",
    "republic of korea": "South Korea", "czechia": "Czech Republic",
    "holland": "Netherlands", "the netherlands": "Netherlands", "macedonia":
    "North Macedonia", "swaziland": "Eswatini", "burma": "Myanmar",
    "côte d'ivoire": "Ivory Coast", "cote d'ivoire": "Ivory Coast", "timor-leste":
    "East Timor", "viet nam": "Vietnam", "dr congo": "Democratic Republic of the Congo",
    "prc": "China", "people's republic of china": "China",
}


def country_name(code: str) -> str:
    """The displayed name for a flag template argument: a code (``USA``, ``GER``,
    ``FR``) or a name (``France``, ``United States of America``); an unknown value is
    returned as written, since the flag templates accept any country article title."""
    raw = code.strip()
    upper = raw.upper()
    if upper in COUNTRY_NAMES:
        return COUNTRY_NAMES[upper]
    if len(upper) == 2 and upper in _ALPHA2:
        return _ALPHA2[upper]
    return _ALIASES.get(raw.lower(), raw)
