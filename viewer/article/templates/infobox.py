"""The infobox family: ``{{Infobox ...}}``, ``{{Drugbox}}``, ``{{Chembox}}``, taxoboxes.

Every handler builds one :class:`~viewer.article.model.Infobox` and offers it with
``ctx.set_infobox`` (the first infobox of an article wins); the call itself renders as
nothing in the body.

How parameters become fields:

* source order, blank values skipped, a repeated parameter keeps its last value;
* bookkeeping parameters (``*_Ref``, ``verifiedrevid``, ``Watchedfields``, ``width``,
  styles, classes, image sizes...) are dropped; image parameters become the box's
  :class:`~viewer.article.model.Media` (the first one) and are recorded with
  ``ctx.add_media``;
* labels come from a table of well-known parameters, else from the name humanised
  (``birth_place`` -> ``Birth place``, ``MolarMass`` -> ``Molar mass``);
* ``{{Drugbox}}`` fields are grouped in Wikipedia's four sections (Clinical data,
  Pharmacokinetic data, Identifiers, Chemical and physical data) and ordered by group;
  ``{{Chembox}}`` takes its groups from the nested ``{{Chembox Identifiers}}``,
  ``{{Chembox Properties}}``... sub-templates; other infoboxes from ``header``/``headerN``
  parameters;
* computed fields stand where their inputs stood: the chemical formula and molar mass
  from element counts (``C=13 | H=13 ...``), the ATC code from ``ATC_prefix`` +
  ``ATC_suffix``; database identifiers link to the public databases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, replace
from urllib.parse import quote

from mwparserfromhell.nodes import Template, Wikilink
from mwparserfromhell.nodes import Text as WText
from mwparserfromhell.wikicode import Wikicode

from viewer.article import chem, units
from viewer.article.model import (
    Block,
    ExternalLink,
    Infobox,
    InfoboxField,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Math,
    Media,
    Paragraph,
    Span,
    Style,
    Text,
)
from viewer.article.templates.base import (
    Context,
    Handler,
    Nodes,
    TemplateCall,
    TemplateRegistry,
    normalise_name,
    source_text,
)

__all__ = ["IDENTIFIER_URLS", "humanise", "register"]

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_PLAIN_ID = re.compile(r"^[\w\-.:]+$")
_NUMBER = re.compile(r"^[+\-−]?\d+(?:\.\d+)?$")
_IMAGE_EXT = re.compile(r"\.(svg|png|jpe?g|gif|tiff?|webp|xcf|bmp|ogg|ogv|webm|pdf|djvu)$",
                        re.I)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

# --------------------------------------------------------------------------- tables

DRUGBOX_GROUPS = (
    "",
    "Clinical data",
    "Pharmacokinetic data",
    "Identifiers",
    "Chemical and physical data",
)
_CLIN, _PK, _IDS, _CHEM = DRUGBOX_GROUPS[1:]

# Drugbox parameter -> (label, group).
_DRUGBOX: dict[str, tuple[str, str]] = {
    "mab_type": ("Type", ""),
    "source": ("Source", ""),
    "target": ("Target", ""),
    "vaccine_type": ("Vaccine type", ""),
    "component1": ("Component", ""),
    "component2": ("Component", ""),
    "component3": ("Component", ""),
    "component4": ("Component", ""),
    "class1": ("Class", ""),
    "class2": ("Class", ""),
    "class3": ("Class", ""),
    "class4": ("Class", ""),
    "pronounce": ("Pronunciation", _CLIN),
    "tradename": ("Trade names", _CLIN),
    "synonyms": ("Other names", _IDS),
    "Drugs.com": ("AHFS/Drugs.com", _CLIN),
    "MedlinePlus": ("MedlinePlus", _CLIN),
    "DailyMedID": ("DailyMed", _CLIN),
    "licence_EU": ("License data", _CLIN),
    "licence_US": ("License data", _CLIN),
    "licence_CA": ("License data", _CLIN),
    "pregnancy_category": ("Pregnancy category", _CLIN),
    "dependency_liability": ("Dependence liability", _CLIN),
    "addiction_liability": ("Addiction liability", _CLIN),
    "routes_of_administration": ("Routes of administration", _CLIN),
    "class": ("Drug class", _CLIN),
    "ATC_code": ("ATC code", _CLIN),
    "ATC_prefix": ("ATC code", _CLIN),
    "legal_status": ("Legal status", _CLIN),
    "bioavailability": ("Bioavailability", _PK),
    "protein_bound": ("Protein binding", _PK),
    "metabolism": ("Metabolism", _PK),
    "metabolites": ("Metabolites", _PK),
    "onset": ("Onset of action", _PK),
    "elimination_half-life": ("Elimination half-life", _PK),
    "duration_of_action": ("Duration of action", _PK),
    "excretion": ("Excretion", _PK),
    "IUPAC_name": ("IUPAC name", _IDS),
    "CAS_number": ("CAS Number", _IDS),
    "CAS_supplemental": ("CAS Number", _IDS),
    "PubChem": ("PubChem CID", _IDS),
    "PubChemSubstance": ("PubChem SID", _IDS),
    "IUPHAR_ligand": ("IUPHAR/BPS", _IDS),
    "DrugBank": ("DrugBank", _IDS),
    "ChemSpiderID": ("ChemSpider", _IDS),
    "UNII": ("UNII", _IDS),
    "KEGG": ("KEGG", _IDS),
    "ChEBI": ("ChEBI", _IDS),
    "ChEMBL": ("ChEMBL", _IDS),
    "NIAID_ChemDB": ("NIAID ChemDB", _IDS),
    "PDB_ligand": ("PDB ligand", _IDS),
    "CompTox": ("CompTox Dashboard (EPA)", _IDS),
    "ECHA": ("ECHA InfoCard", _IDS),
    "chemical_formula": ("Formula", _CHEM),
    "formula": ("Formula", _CHEM),
    "molecular_weight": ("Molar mass", _CHEM),
    "molar_mass": ("Molar mass", _CHEM),
    "Jmol": ("3D model (JSmol)", _CHEM),
    "smiles": ("SMILES", _CHEM),
    "SMILES": ("SMILES", _CHEM),
    "StdInChI": ("InChI", _CHEM),
    "StdInChIKey": ("InChIKey", _CHEM),
    "InChI": ("InChI", _CHEM),
    "InChIKey": ("InChIKey", _CHEM),
    "density": ("Density", _CHEM),
    "melting_point": ("Melting point", _CHEM),
    "boiling_point": ("Boiling point", _CHEM),
    "solubility": ("Solubility in water", _CHEM),
    "specific_rotation": ("Specific rotation", _CHEM),
    "chirality": ("Chirality", _CHEM),
    "sec_combustion": ("Heat of combustion", _CHEM),
}

# Chembox (and shared chemistry) labels.
_CHEMBOX: dict[str, str] = {
    "IUPACName": "IUPAC name",
    "SystematicName": "Systematic IUPAC name",
    "PIN": "Preferred IUPAC name",
    "OtherNames": "Other names",
    "CASNo": "CAS Number",
    "CASNo1": "CAS Number",
    "CASNo2": "CAS Number",
    "PubChem": "PubChem CID",
    "ChemSpiderID": "ChemSpider",
    "EINECS": "EC Number",
    "ECNumber": "EC Number",
    "RTECS": "RTECS number",
    "UNNumber": "UN number",
    "Jmol": "3D model (JSmol)",
    "Beilstein": "Beilstein Reference",
    "Gmelin": "Gmelin Reference",
    "MeSHName": "MeSH",
    "StdInChI": "InChI",
    "StdInChIKey": "InChIKey",
    "SMILES": "SMILES",
    "CompTox": "CompTox Dashboard (EPA)",
    "ECHA": "ECHA InfoCard",
    "IUPHAR_ligand": "IUPHAR/BPS",
    "Formula": "Formula",
    "MolarMass": "Molar mass",
    "ExactMass": "Exact mass",
    "Solubility": "Solubility in water",
    "SolubleOther": "Solubility",
    "LogP": "log P",
    "pKa": "Acidity (pKa)",
    "pKb": "Basicity (pKb)",
    "RefractIndex": "Refractive index (nD)",
    "MagSus": "Magnetic susceptibility (χ)",
    "Dipole": "Dipole moment",
    "MeltingPt": "Melting point",
    "MeltingPtC": "Melting point",
    "MeltingPtF": "Melting point",
    "MeltingPtK": "Melting point",
    "BoilingPt": "Boiling point",
    "BoilingPtC": "Boiling point",
    "BoilingPtF": "Boiling point",
    "BoilingPtK": "Boiling point",
    "FlashPt": "Flash point",
    "FlashPtC": "Flash point",
    "AutoignitionPt": "Autoignition temperature",
    "AutoignitionPtC": "Autoignition temperature",
    "GHSPictograms": "Pictograms",
    "GHSSignalWord": "Signal word",
    "HPhrases": "Hazard statements",
    "PPhrases": "Precautionary statements",
    "MainHazards": "Main hazards",
    "NFPA-H": "NFPA 704 (health)",
    "NFPA-F": "NFPA 704 (fire)",
    "NFPA-R": "NFPA 704 (reactivity)",
    "NFPA-S": "NFPA 704 (special)",
    "ExploLimits": "Explosive limits",
    "OtherAnions": "Other anions",
    "OtherCations": "Other cations",
    "OtherFunction": "Other functional groups",
    "OtherFunction_label": "",
    "OtherCompounds": "Related compounds",
    "DeltaHf": "Std enthalpy of formation (ΔfH⦵298)",
    "DeltaHc": "Std enthalpy of combustion (ΔcH⦵298)",
    "Entropy": "Std molar entropy (S⦵298)",
    "HeatCapacity": "Heat capacity (C)",
    "CrystalStruct": "Crystal structure",
    "Coordination": "Coordination geometry",
    "MolShape": "Molecular shape",
    "VaporPressure": "Vapor pressure",
    "ATCCode_prefix": "ATC code",
    "AdminRoutes": "Routes of administration",
    "Bioavail": "Bioavailability",
    "Metabolism": "Metabolism",
    "HalfLife": "Biological half-life",
    "ProteinBound": "Protein binding",
    "Excretion": "Excretion",
    "Legal_status": "Legal status",
    "Pregnancy_category": "Pregnancy category",
}

# Taxobox ranks and friends.
_TAXO: dict[str, tuple[str, str]] = {
    "virus_group": ("Group", "Scientific classification"),
    "domain": ("Domain", "Scientific classification"),
    "superregnum": ("Superkingdom", "Scientific classification"),
    "regnum": ("Kingdom", "Scientific classification"),
    "subregnum": ("Subkingdom", "Scientific classification"),
    "superdivisio": ("Superdivision", "Scientific classification"),
    "superphylum": ("Superphylum", "Scientific classification"),
    "divisio": ("Division", "Scientific classification"),
    "phylum": ("Phylum", "Scientific classification"),
    "subdivisio": ("Subdivision", "Scientific classification"),
    "subphylum": ("Subphylum", "Scientific classification"),
    "infraphylum": ("Infraphylum", "Scientific classification"),
    "superclassis": ("Superclass", "Scientific classification"),
    "classis": ("Class", "Scientific classification"),
    "subclassis": ("Subclass", "Scientific classification"),
    "infraclassis": ("Infraclass", "Scientific classification"),
    "superordo": ("Superorder", "Scientific classification"),
    "ordo": ("Order", "Scientific classification"),
    "subordo": ("Suborder", "Scientific classification"),
    "infraordo": ("Infraorder", "Scientific classification"),
    "superfamilia": ("Superfamily", "Scientific classification"),
    "familia": ("Family", "Scientific classification"),
    "subfamilia": ("Subfamily", "Scientific classification"),
    "tribus": ("Tribe", "Scientific classification"),
    "subtribus": ("Subtribe", "Scientific classification"),
    "genus": ("Genus", "Scientific classification"),
    "subgenus": ("Subgenus", "Scientific classification"),
    "sectio": ("Section", "Scientific classification"),
    "species": ("Species", "Scientific classification"),
    "subspecies": ("Subspecies", "Scientific classification"),
    "taxon": ("Taxon", "Scientific classification"),
    "status": ("Conservation status", "Conservation status"),
    "binomial": ("Binomial name", "Binomial name"),
    "binomial_authority": ("Authority", "Binomial name"),
    "authority": ("Authority", "Binomial name"),
    "trinomial": ("Trinomial name", "Trinomial name"),
    "trinomial_authority": ("Authority", "Trinomial name"),
    "type_species": ("Type species", "Type species"),
    "type_species_authority": ("Authority", "Type species"),
    "synonyms": ("Synonyms", "Synonyms"),
    "subdivision": ("Subdivisions", "Subdivisions"),
    "subdivision_ranks": ("", "Subdivisions"),
    "fossil_range": ("Temporal range", ""),
}

# Labels shared by many ``Infobox ...`` templates.
_COMMON: dict[str, str] = {
    "birth_name": "Birth name",
    "birth_date": "Born",
    "birth_place": "Birth place",
    "death_date": "Died",
    "death_place": "Death place",
    "resting_place": "Resting place",
    "known_for": "Known for",
    "spouse": "Spouse",
    "website": "Website",
    "url": "Website",
    "native_name": "Native name",
    "other_names": "Other names",
    "coordinates": "Coordinates",
    "established_date": "Established",
    "founded": "Founded",
    "founder": "Founder",
    "key_people": "Key people",
    "num_employees": "Number of employees",
    "iso_code": "ISO code",
    "predecessor": "Preceded by",
    "successor": "Succeeded by",
    "party": "Political party",
    "otherparty": "Other political affiliations",
    "population_total": "Population",
    "area_total_km2": "Area",
    "area_total_sq_mi": "Area",
    "elevation_m": "Elevation",
    "elevation_ft": "Elevation",
    "population_density_km2": "Density",
    "population_density_sq_mi": "Density",
    "utc_offset": "UTC offset",
    "timezone": "Time zone",
    "years_active": "Years active",
    "label": "Labels",
    "associated_acts": "Associated acts",
    "alma_mater": "Alma mater",
    "genre": "Genres",
    "occupation": "Occupation",
    "nationality": "Nationality",
    "children": "Children",
    "parents": "Parents",
    "relatives": "Relatives",
    "awards": "Awards",
    "education": "Education",
    "residence": "Residence",
    "citizenship": "Citizenship",
    "religion": "Religion",
    "headquarters": "Headquarters",
    "industry": "Industry",
    "products": "Products",
    "revenue": "Revenue",
    "owner": "Owner",
    "directed_by": "Directed by",
    "director": "Directed by",
    "producer": "Produced by",
    "writer": "Written by",
    "screenplay": "Screenplay by",
    "starring": "Starring",
    "music": "Music by",
    "cinematography": "Cinematography",
    "editing": "Edited by",
    "studio": "Production company",
    "distributor": "Distributed by",
    "released": "Release date",
    "runtime": "Running time",
    "budget": "Budget",
    "gross": "Box office",
    "language": "Language",
    "country": "Country",
    "author": "Author",
    "publisher": "Publisher",
    "pub_date": "Publication date",
    "pages": "Pages",
    "isbn": "ISBN",
    "capital": "Capital",
    "largest_city": "Largest city",
    "official_languages": "Official languages",
    "demonym": "Demonym",
    "government_type": "Government",
    "currency": "Currency",
    "calling_code": "Calling code",
    "cctld": "Internet TLD",
    "field": "Specialty",
    "synonyms": "Other names",
    "risks": "Risk factors",
    "diagnosis": "Diagnostic method",
    "differential": "Differential diagnosis",
    "creator": "Created by",
    "num_seasons": "No. of seasons",
    "num_episodes": "No. of episodes",
    "first_aired": "First aired",
    "last_aired": "Last aired",
    "developer": "Developer(s)",
    "platforms": "Platform(s)",
    "modes": "Mode(s)",
    "traded_as": "Traded as",
    "hq_location": "Headquarters",
    "area_served": "Area served",
    "fields": "Fields",
    "doctoral_advisor": "Doctoral advisor",
    "doctoral_students": "Doctoral students",
    "notable_students": "Notable students",
    "influences": "Influences",
    "influenced": "Influenced",
    "combatant1": "Belligerents",
    "combatant2": "Belligerents",
    "commander1": "Commanders and leaders",
    "commander2": "Commanders and leaders",
    "strength1": "Strength",
    "strength2": "Strength",
    "casualties1": "Casualties and losses",
    "casualties2": "Casualties and losses",
    "GDP_PPP": "GDP (PPP)",
    "GDP_nominal": "GDP (nominal)",
    "HDI": "HDI",
    "Gini": "Gini",
    # People (person, officeholder, writer, philosopher, scientist, sportsperson).
    "birthname": "Birth name",
    "birth_date_and_age": "Born",
    "death_cause": "Cause of death",
    "body_discovered": "Body discovered",
    "burial_place": "Resting place",
    "monuments": "Monuments",
    "pseudonym": "Pen name",
    "pen_name": "Pen name",
    "height": "Height",
    "weight": "Weight",
    "title": "Title",
    "honorific_prefix": "Honorific prefix",
    "partner": "Partner",
    "partners": "Partners",
    "signature": "Signature",
    "notable_works": "Notable works",
    "notableworks": "Notable works",
    "notable_work": "Notable work",
    "period": "Period",
    "movement": "Literary movement",
    "subject": "Subject",
    "era": "Era",
    "region": "Region",
    "school_tradition": "School",
    "main_interests": "Main interests",
    "notable_ideas": "Notable ideas",
    "institutions": "Institutions",
    "thesis_title": "Thesis",
    "academic_advisors": "Academic advisors",
    "office": "Office",
    "president": "President",
    "primeminister": "Prime Minister",
    "prime_minister": "Prime Minister",
    "governor": "Governor",
    "monarch": "Monarch",
    "deputy": "Deputy",
    "vicepresident": "Vice President",
    "vice_president": "Vice President",
    "constituency": "Constituency",
    "majority": "Majority",
    "allegiance": "Allegiance",
    "branch": "Branch/service",
    "serviceyears": "Years of service",
    "service_years": "Years of service",
    "rank": "Rank",
    "unit": "Unit",
    "commands": "Commands held",
    "battles": "Battles/wars",
    "position": "Position",
    "bats": "Bats",
    "throws": "Throws",
    "highlights": "Career highlights and awards",
    "teams": "Teams",
    "sport": "Sport",
    "league": "League",
    "current_team": "Current team",
    "currentclub": "Current team",
    "club": "Club",
    "clubnumber": "Number",
    "number": "Number",
    "playing_position": "Position",
    "coach": "Coach",
    "coaching": "Coaching",
    "event": "Event",
    "medaltemplates": "Medal record",
    # Musical artists (the old capitalised parameters are folded to lower case).
    "origin": "Origin",
    "instrument": "Instruments",
    "instruments": "Instruments",
    "voice_type": "Voice type",
    "current_members": "Members",
    "past_members": "Past members",
    "members": "Members",
    "spinoffs": "Spinoffs",
    "spinoff_of": "Spinoff of",
    # Companies and organisations.
    "type": "Type",
    "fate": "Fate",
    "defunct": "Defunct",
    "location": "Location",
    "locations": "Locations",
    "num_locations": "Number of locations",
    "parent": "Parent",
    "divisions": "Divisions",
    "subsid": "Subsidiaries",
    "subsidiaries": "Subsidiaries",
    "brands": "Brands",
    "services": "Services",
    "operating_income": "Operating income",
    "net_income": "Net income",
    "assets": "Total assets",
    "equity": "Total equity",
    "aum": "AUM",
    "production": "Production output",
    "slogan": "Slogan",
    "formation": "Formation",
    "purpose": "Purpose",
    "focus": "Focus",
    "membership": "Membership",
    "staff": "Staff",
    "volunteers": "Volunteers",
    "endowment": "Endowment",
    "motto": "Motto",
    "mottoeng": "Motto in English",
    "former_name": "Formerly",
    "formerly": "Formerly",
    # Schools and universities.
    "established": "Established",
    "affiliation": "Affiliation",
    "affiliations": "Affiliations",
    "chancellor": "Chancellor",
    "provost": "Provost",
    "rector": "Rector",
    "principal": "Principal",
    "head": "Head",
    "headteacher": "Head teacher",
    "dean": "Dean",
    "faculty": "Academic staff",
    "administrative_staff": "Administrative staff",
    "students": "Students",
    "undergrad": "Undergraduates",
    "postgrad": "Postgraduates",
    "doctoral": "Doctoral students",
    "enrollment": "Enrollment",
    "enrolment": "Enrolment",
    "campus": "Campus",
    "colors": "Colors",
    "colours": "Colours",
    "nickname": "Nickname",
    "mascot": "Mascot",
    "athletics": "Athletics",
    "sports": "Sports",
    "grades": "Grades",
    "gender": "Gender",
    "city": "City",
    "state": "State",
    "province": "Province",
    "address": "Address",
    "district": "District",
    "oversight": "Oversight",
    # Newspapers, books, films, albums, software.
    "format": "Format",
    "foundation": "Founded",
    "ceased_publication": "Ceased publication",
    "price": "Price",
    "owners": "Owner(s)",
    "editor": "Editor",
    "managing_editor": "Managing editor",
    "political": "Political alignment",
    "circulation": "Circulation",
    "issn": "ISSN",
    "eissn": "eISSN",
    "oclc": "OCLC",
    "illustrator": "Illustrator",
    "cover_artist": "Cover artist",
    "series": "Series",
    "media_type": "Media type",
    "published": "Published",
    "release_date": "Release date",
    "english_pub_date": "Published in English",
    "preceded_by": "Preceded by",
    "followed_by": "Followed by",
    "based_on": "Based on",
    "narrator": "Narrated by",
    "story": "Story by",
    "production_companies": "Production companies",
    "recorded": "Recorded",
    "venue": "Venue",
    "length": "Length",
    "artist": "Artist",
    "prev_title": "Previous album",
    "misc": "More",
    "next_title": "Next album",
    "programming_language": "Written in",
    "operating_system": "Operating system",
    "platform": "Platform",
    "license": "License",
    "latest_release_version": "Stable release",
    "repo": "Repository",
    # Places (settlement, UK place, country).
    "settlement_type": "Type",
    "official_name": "Official name",
    "etymology": "Etymology",
    "governing_body": "Governing body",
    "area_land_km2": "Land area",
    "area_water_km2": "Water area",
    "area_land_sq_mi": "Land area",
    "area_water_sq_mi": "Water area",
    "area_urban_km2": "Urban area",
    "area_metro_km2": "Metro area",
    "elevation_max_m": "Highest elevation",
    "elevation_min_m": "Lowest elevation",
    "population_urban": "Urban population",
    "population_metro": "Metro population",
    "population_est": "Population estimate",
    "population_demonym": "Demonym",
    "postal_code": "Postal code",
    "area_code": "Area code",
    "area_codes": "Area codes",
    "geocode": "Geocode",
    "timezone1": "Time zone",
    "timezone_DST": "Summer (DST)",
    "cornish_name": "Cornish name",
    "welsh_name": "Welsh name",
    "scottish_gaelic_name": "Scottish Gaelic name",
    "irish_name": "Irish name",
    "civil_parish": "Civil parish",
    "community": "Community",
    "unitary_england": "Unitary authority",
    "unitary_wales": "Principal area",
    "unitary_scotland": "Council area",
    "unitary_northern_ireland": "District",
    "lieutenancy_england": "Ceremonial county",
    "lieutenancy_wales": "Preserved county",
    "lieutenancy_scotland": "Lieutenancy area",
    "lieutenancy_northern_ireland": "County",
    "shire_district": "District",
    "shire_county": "Shire county",
    "metropolitan_borough": "Metropolitan borough",
    "metropolitan_county": "Metropolitan county",
    "london_borough": "London borough",
    "constituency_westminster": "UK Parliament",
    "constituency_scottish_parliament": "Scottish Parliament",
    "constituency_welsh_assembly": "Senedd Cymru – Welsh Parliament",
    "constituency_ni_assembly": "NI Assembly",
    "os_grid_reference": "OS grid reference",
    "irish_grid_reference": "Irish grid reference",
    "post_town": "Post town",
    "postcode_district": "Postcode district",
    "postcode_area": "Postcode area",
    "dial_code": "Dialling code",
    "police": "Police",
    "fire": "Fire",
    "ambulance": "Ambulance",
    "anthem": "Anthem",
    "national_anthem": "Anthem",
    "national_motto": "Motto",
    "languages": "Languages",
    "ethnic_groups": "Ethnic groups",
    "sovereignty_type": "Formation",
    "legislature": "Legislature",
    "upper_house": "Upper house",
    "lower_house": "Lower house",
    "drives_on": "Driving side",
    "date_format": "Date format",
    "time_zone": "Time zone",
    "leader_name": "Leader",
    # Legislatures.
    "house_type": "Type",
    "body": "Body",
    "houses": "Houses",
    "term_limits": "Term limits",
    "new_session": "New session started",
    "seats": "Seats",
    "political_groups1": "Political groups",
    "political_groups2": "Political groups",
    "political_groups": "Political groups",
    "voting_system1": "Voting system",
    "voting_system": "Voting system",
    "last_election1": "Last election",
    "last_election": "Last election",
    "next_election1": "Next election",
    "next_election": "Next election",
    "meeting_place": "Meeting place",
    "committees1": "Committees",
    "committees": "Committees",
    "salary": "Salary",
    "constitution": "Constitution",
    # Korean, Chinese, Japanese names.
    "hangul": "Hangul",
    "hanja": "Hanja",
    "rr": "Revised Romanization",
    "mr": "McCune–Reischauer",
    "koreanipa": "IPA",
    "hanzi": "Chinese",
    "kanji": "Kanji",
    "kana": "Kana",
    "romaji": "Romanization",
    # Ships.
    "ship_name": "Name",
    "ship_namesake": "Namesake",
    "ship_owner": "Owner",
    "ship_operator": "Operator",
    "ship_registry": "Port of registry",
    "ship_route": "Route",
    "ship_ordered": "Ordered",
    "ship_builder": "Builder",
    "ship_yard_number": "Yard number",
    "ship_laid_down": "Laid down",
    "ship_launched": "Launched",
    "ship_sponsor": "Sponsored by",
    "ship_christened": "Christened",
    "ship_completed": "Completed",
    "ship_acquired": "Acquired",
    "ship_commissioned": "Commissioned",
    "ship_decommissioned": "Decommissioned",
    "ship_in_service": "In service",
    "ship_out_of_service": "Out of service",
    "ship_renamed": "Renamed",
    "ship_refit": "Refit",
    "ship_struck": "Stricken",
    "ship_reinstated": "Reinstated",
    "ship_homeport": "Homeport",
    "ship_identification": "Identification",
    "ship_motto": "Motto",
    "ship_nickname": "Nickname",
    "ship_honours": "Honours and awards",
    "ship_fate": "Fate",
    "ship_status": "Status",
    "ship_notes": "Notes",
    "ship_class": "Class and type",
    "ship_type": "Type",
    "ship_tonnage": "Tonnage",
    "ship_displacement": "Displacement",
    "ship_length": "Length",
    "ship_beam": "Beam",
    "ship_height": "Height",
    "ship_draught": "Draught",
    "ship_draft": "Draft",
    "ship_depth": "Depth",
    "ship_decks": "Decks",
    "ship_propulsion": "Propulsion",
    "ship_power": "Power",
    "ship_speed": "Speed",
    "ship_range": "Range",
    "ship_endurance": "Endurance",
    "ship_boats": "Boats and landing craft carried",
    "ship_capacity": "Capacity",
    "ship_complement": "Complement",
    "ship_crew": "Crew",
    "ship_sensors": "Sensors and processing systems",
    "ship_EW": "Electronic warfare and decoys",
    "ship_armament": "Armament",
    "ship_armour": "Armour",
    "ship_armor": "Armor",
    "ship_aircraft": "Aircraft carried",
    "ship_aircraft_facilities": "Aviation facilities",
    "ship_country": "Country",
    "body_style": "Body style",
    # Television, software, conflicts, clubs, rivers.
    "opentheme": "Opening theme",
    "endtheme": "Ending theme",
    "list_episodes": "List of episodes",
    "company": "Production company",
    "partof": "Part of",
    "fullname": "Full name",
    "ground": "Ground",
    "capacity": "Capacity",
    "chairman": "Chairman",
    "manager": "Manager",
    "latest_preview_version": "Preview release",
    "discharge1_avg": "Average discharge",
    "variants_with_their_own_articles": "Variants",
    "discharge_avg": "Average discharge",
    "basin_size": "Basin size",
    "source1": "Source",
    "source1_location": "Source location",
    "source1_elevation": "Source elevation",
    "mouth_location": "Mouth location",
    "mouth_elevation": "Mouth elevation",
    # NRHP, languages, stations, elections.
    "refnum": "NRHP reference No.",
    "added": "Added to NRHP",
    "designated_nhl": "Designated NHL",
    "architecture": "Architectural style",
    "nativename": "Native name",
    "states": "Native to",
    "speakers": "Native speakers",
    "script": "Writing system",
    "iso1": "ISO 639-1",
    "iso2": "ISO 639-2",
    "iso3": "ISO 639-3",
    "glotto": "Glottolog",
    "owned": "Owned by",
    "line": "Line(s)",
    "before_election": "Before election",
    "after_election": "Elected",
    "election_date": "Date",
    "previous_election": "Previous election",
    "popular_vote": "Popular vote",
    # Misc. frequent parameters.
    "coor": "Coordinates",
    "ceeb": "CEEB code",
    "nces_id": "NCES School ID",
    "num_staff": "Staff",
    "GDP_PPP_per_capita": "GDP (PPP) per capita",
    "GDP_nominal_per_capita": "GDP (nominal) per capita",
    "percent_water": "Water (%)",
    "club-update": "Club statistics correct as of",
    "nationalteam-update": "National team statistics correct as of",
    "population_estimate": "Population estimate",
    "population_census": "Population census",
    "area_rank": "Area rank",
}

IDENTIFIER_URLS: dict[str, Callable[[str], str]] = {
    "cas": lambda v: f"https://commonchemistry.cas.org/detail?cas_rn={quote(v)}",
    "pubchem": lambda v: f"https://pubchem.ncbi.nlm.nih.gov/compound/{quote(v)}",
    "drugbank": lambda v: f"https://go.drugbank.com/drugs/{quote(v)}",
    "chemspider": lambda v: f"https://www.chemspider.com/Chemical-Structure.{quote(v)}.html",
    "unii": lambda v: f"https://precision.fda.gov/uniisearch/srs/unii/{quote(v)}",
    "kegg": lambda v: f"https://www.kegg.jp/entry/{quote(v)}",
    "chebi": lambda v: f"https://www.ebi.ac.uk/chebi/searchId.do?chebiId=CHEBI:{quote(v)}",
    "chembl": lambda v: f"https://www.ebi.ac.uk/chembl/compound_report_card/CHEMBL{quote(v)}",
    "iuphar": lambda v: (
        f"https://www.guidetopharmacology.org/GRAC/LigandDisplayForward?ligandId={quote(v)}"
    ),
    "medlineplus": lambda v: f"https://medlineplus.gov/druginfo/meds/{quote(v)}.html",
    "atc": lambda v: f"https://www.whocc.no/atc_ddd_index/?code={quote(v)}",
    "dailymed": lambda v: (
        f"https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query={quote(v)}"
    ),
    "pubchemsubstance": lambda v: f"https://pubchem.ncbi.nlm.nih.gov/substance/{quote(v)}",
    "comptox": lambda v: f"https://comptox.epa.gov/dashboard/chemical/details/{quote(v)}",
    "echa": lambda v: f"https://echa.europa.eu/substance-information/-/substanceinfo/{quote(v)}",
}
"""Identifier kind -> URL builder (the id as written, prefixes such as ``CHEMBL`` off)."""

# Parameter name -> identifier kind.
_ID_PARAMS: dict[str, str] = {
    "CAS_number": "cas", "CASNo": "cas", "CASNo1": "cas", "CASNo2": "cas",
    "PubChem": "pubchem", "PubChem1": "pubchem", "PubChem2": "pubchem",
    "DrugBank": "drugbank", "DrugBank1": "drugbank", "DrugBank2": "drugbank",
    "ChemSpiderID": "chemspider", "ChemSpiderID1": "chemspider", "ChemSpiderID2": "chemspider",
    "UNII": "unii", "UNII1": "unii", "UNII2": "unii",
    "KEGG": "kegg", "KEGG1": "kegg", "KEGG2": "kegg",
    "ChEBI": "chebi", "ChEBI1": "chebi", "ChEBI2": "chebi",
    "ChEMBL": "chembl", "ChEMBL1": "chembl", "ChEMBL2": "chembl",
    "IUPHAR_ligand": "iuphar",
    "MedlinePlus": "medlineplus",
    "DailyMedID": "dailymed",
    "PubChemSubstance": "pubchemsubstance",
    "CompTox": "comptox",
    "ECHA": "echa",
}

_BOOKKEEPING = frozenset(
    {
        "verifiedrevid", "watchedfields", "verifiedfields", "width", "alt", "alt2", "alt3",
        "caption", "caption2", "caption3", "image_size", "imagesize", "image_size2",
        "upright", "upright2", "embedded", "embed", "child", "subbox", "onlysourced",
        "italic_title", "italic title", "noicon", "qid", "fetchwikidata", "suppressfields",
        "dateformat", "image_upright", "image_alt", "image_caption",
        "image_width", "image_class", "logo_size", "logo_alt", "logo_caption",
        "logo_upright", "image_map", "map_caption", "map_alt", "map_size", "range_map_caption",
        "range_map_alt", "range_map_upright", "range_map_width", "status_system",
        "status_ref", "color", "colour", "color_scheme", "above", "ImageCaption", "ImageName",
        "ImageAlt", "ImageSize", "Name", "drug_name", "header_color", "temple_name",
        "signature_alt", "signature_size", "name", "auto", "parent_authority",
        "image2_caption", "image2_alt", "image2_upright", "imageL", "imageR", "altL",
        "altR", "verifiedrevid2", "tab", "template_name", "nocat", "background",
        "landscape", "cover_size", "border", "totalcaps", "totalgoals", "common_name",
        "hide_header", "header_caption", "ship_flag", "symbol_type", "infobox_caption",
        "locmapin", "familycolor", "election_name",
    }
)
_BOOKKEEPING_RE = re.compile(
    r"(_ref$|_Ref$|^module|^Watchedfields|^Verifiedfields|style$|_style|"
    r"^(body|above|title|label|data|header|below|subheader|caption|image)class\d*$|"
    r"(?<![Ss]hip)_class$|^ImageFile|^Image(Size|Alt|Name|Caption)|^image\d*_?(size|width|alt|"
    r"caption|upright)$|^imagesize\d*$|_ref_?\d*$|^Section\d*_hidden|^pushpin_|"
    r"^mapsize|^map_?width|^coor_pinpoint|^coordinates_(type|display|region)|^dot_|"
    # Generic: sizes, widths, alt texts and captions of pictures (the caption travels
    # with its image, or is hidden with it), map and pushpin settings, unit choices.
    r"_(res|upright|alt|alt\d+|capt|caption\d*)$|(image|img|logo|map|coa|seal|flag|pic|"
    r"photo|cover|insignia|emblem|signature|structure|screenshot|crest|badge|symbol)\w*_"
    r"(size|width)$|"
    # Football kit colours.
    r"^(pattern_(la|b|ra|sh|so)\d+|leftarm\d+|body\d+|rightarm\d+|shorts\d+|socks\d+)$|"
    r"^(img|image|logo|map|coa|seal|flag|pic|photo|cover|insignia|emblem)\w*?"
    r"(size|width|upright|alt|caption|capt)\d*$|(^|_)captions?\d*$|"
    r"(^|_)(map|mapframe|pushpin|locator_map|relief)(_|\d|$)|^unit_pref$|^imperial_first$|"
    r"^(short_description|nrhp_type|footnotes_style)$)",
)
_MEDIA_PARAMS = re.compile(
    r"^(image\d*|image_?[lr]\d*|image_?name|image_file|logo|map|range_map|signature|seal|"
    r"coat_of_arms|flag|ImageFile\w*|Image\d*|insignia|image_\w+|[a-z]+_image\d*|cover|"
    r"logo\d*|emblem|photo\d*|img\d*|picture|static_image(_name)?|[a-z]+_pic\d*|screenshot|"
    r"[a-z]+_image_name)$", re.I
)
# Parameters that hold a picture only sometimes (``structure1`` of a legislature is the
# seat diagram): taken as media when the value is an image file, else a field.
# Emblems never take the box's plain ``caption`` (it belongs to the main picture).
_EMBLEM = re.compile(r"^(logo|seal|flag|signature|emblem|insignia|coat_of_arms|coa|map|"
                     r"range_map)", re.I)
_MAYBE_MEDIA = re.compile(r"^(structure\d*|diagram\d*)$")
_CAPTION_OF: dict[str, tuple[str, ...]] = {
    "image": ("caption", "image_caption", "imagecaption"),
    "image1": ("caption1", "caption", "image1_caption"),
    "image2": ("caption2", "image2_caption"),
    "ImageFile": ("ImageCaption",),
    "ImageFile1": ("ImageCaption1", "ImageCaption"),
    "ImageFile2": ("ImageCaption2",),
    "logo": ("logo_caption",),
    "range_map": ("range_map_caption",),
    "image_skyline": ("image_caption", "caption"),
    "cover": ("caption", "cover_caption"),
    "screenshot": ("caption",),
}
_ALT_OF: dict[str, tuple[str, ...]] = {
    "image": ("alt", "image_alt"),
    "image1": ("alt1", "alt"),
    "image2": ("alt2", "image2_alt"),
    "ImageFile": ("ImageAlt",),
    "ImageFile1": ("ImageAlt1", "ImageAlt"),
    "cover": ("alt", "cover_alt"),
    "image_skyline": ("image_alt", "alt"),
}
_COMMENT_SUFFIX = re.compile(r"^(.+?)_?(comment|notes?)$", re.I)
_MERGE_SUFFIX = re.compile(
    r"^(.+?)_(comment|notes?|footnotes?|ref|percent|as_of|year|rank)$|^(currency)_code$|"
    r"^(latest_release|latest_preview)_date$"
)
# Infobox officeholder: ``officeN`` heads a group when it has any of these.
_OFFICE = re.compile(r"^(office)(\d*)$")
_OFFICE_PARTS = ("term_start", "term_end", "predecessor", "successor", "term", "monarch",
                 "president", "primeminister", "governor", "deputy", "lieutenant")


def _heads_office(num: str, present: set[str]) -> bool:
    """Whether ``office{num}`` heads a group: it has a term, predecessor..."""
    return any(f"{part}{num}" in present for part in _OFFICE_PARTS)


# Rows that Infobox officeholder shows under "Personal details".
_PERSONAL = frozenset({
    "birth_name", "birth_date", "birth_place", "death_date", "death_place",
    "resting_place", "party", "otherparty", "spouse", "partner", "children", "parents",
    "relatives", "residence", "education", "alma_mater", "occupation", "profession",
    "signature", "awards", "nationality", "religion", "net_worth", "known_for", "height",
    "website", "citizenship", "mother", "father", "cabinet", "committees", "footnotes",
})
# Embedded boxes shown under a heading of their own.
_EMBEDDED_GROUPS: dict[str, str] = {
    "infobox military person": "Military service",
    "infobox military officer": "Military service",
    "infobox sportsperson": "Sports career",
    "infobox football biography": "Association football career",
    "infobox scientist": "Scientific career",
    "infobox medical person": "Medical career",
    "infobox musical artist": "Musical career",
    "infobox writer": "Writing career",
    "infobox youtube personality": "YouTube information",
}
# Places shown under their date, in the Born/Died rows.
_PLACE_OF: dict[str, str] = {"birth_place": "birth_date", "death_place": "death_date"}
# Parameters that complete another row when it is there: name -> (row, prefix, suffix).
_ATTACH: dict[str, tuple[str, str, str]] = {
    "date": ("speakers", "(", ")"),  # Infobox language: "1 million (2010)"
    "ref": ("speakers", "", ""),
    "before_party": ("before_election", "(", ")"),
    "after_party": ("after_election", "(", ")"),
    "pass_year": ("passengers", "", ""),  # into the label: "Passengers (2019)"
}
# ``partyN``/``electionN`` of a legislature's ``leaderN``.
_ATTACHED = re.compile(r"^(party|election)(\d+)$")
# Parameters that only label another row; shown through that row or not at all.
_LABEL_ONLY = re.compile(
    r"^(leader_title\d*|subdivision_type\d*|established_title\d*|extinct_title\d*|"
    r"blank\d*_name(_sec\d+)?|seat_type|parts_type|postal\d*_code_type|"
    r"leader\d+_type|area_blank\d+_title|population_blank\d+_title|statleague)$"
)

# Chembox sub-template name (after "chembox ") -> group label.
_CHEMBOX_SECTIONS: dict[str, str] = {
    "identifiers": "Identifiers",
    "properties": "Properties",
    "structure": "Structure",
    "thermochemistry": "Thermochemistry",
    "pharmacology": "Pharmacology",
    "explosive": "Explosive data",
    "hazards": "Hazards",
    "related": "Related compounds",
    "supplement": "Supplementary data",
}


# --------------------------------------------------------------------------- helpers


_UNIT_WORDS: dict[str, str] = {
    "km2": "km²", "sq mi": "sq mi", "m2": "m²", "km": "km", "mi": "mi", "m": "m",
    "ft": "ft", "ha": "ha", "acre": "acres", "kg": "kg", "lb": "lb", "cm": "cm", "in": "in",
}


# Words that a humanised label writes in capitals (``oclc`` -> ``OCLC``).
_ACRONYMS = frozenset({
    "oclc", "issn", "isbn", "isni", "url", "uk", "os", "fips", "gnis", "zip", "utc", "dst",
    "iata", "icao", "faa", "gdp", "hdi", "ceo", "mlb", "nba", "nfl", "nhl", "imo", "mmsi",
    "id", "tv", "cas", "iso", "lccn", "doi", "nrhp", "ppp", "eu", "un", "usa", "fifa",
})


def humanise(name: str) -> str:
    """A label from a parameter name: ``birth_place`` -> ``Birth place``,
    ``MolarMass`` -> ``Molar mass``, ``area_total_km2`` -> ``Area total (km²)``;
    upper-case words (``ISO``, ``UNII``) are kept."""
    spaced = _CAMEL.sub(" ", name.replace("_", " ").replace("-", " ")).strip()
    unit = ""
    for suffix, shown in _UNIT_WORDS.items():
        if spaced.lower().endswith(" " + suffix) and len(spaced) > len(suffix) + 1:
            spaced = spaced[: -len(suffix) - 1].rstrip()
            unit = f" ({shown})"
            break
    else:
        if re.search(r"[A-Za-z]\d+$", spaced):
            spaced = spaced.rstrip("0123456789")  # office2 -> Office
    words = [w.upper() if w.lower() in _ACRONYMS else
             w if (w.isupper() and len(w) > 1) else w.lower() for w in spaced.split()]
    if not words:
        return name
    first = words[0]
    words[0] = first[:1].upper() + first[1:]
    return " ".join(words) + unit


def _raw(value: Wikicode | str | None) -> str:
    """Source text without comments, stripped."""
    if value is None:
        return ""
    text = source_text(value)
    return (_COMMENT.sub("", text) if "<!--" in text else text).strip()


def _sole_template(value: Wikicode) -> Template | None:
    """The template a value consists of (whitespace and comments aside), if any."""
    found: Template | None = None
    for node in value.nodes:
        if isinstance(node, Template):
            if found is not None:
                return None
            found = node
        elif isinstance(node, WText):
            if node.value.strip():
                return None
        elif type(node).__name__ != "Comment":
            return None
    return found


def _embedded_boxes(value: Wikicode) -> list[Template]:
    """The boxes a value consists of (``module = {{Infobox X|embed=yes}}``, possibly
    several), or ``[]`` when it holds anything else."""
    if "{{" not in source_text(value):
        return []
    boxes: list[Template] = []
    for node in value.nodes:
        if isinstance(node, Template) and _is_infobox_name(normalise_name(str(node.name))):
            boxes.append(node)
        elif isinstance(node, WText):
            if node.value.strip():
                return []
        elif type(node).__name__ != "Comment":
            return []
    return boxes


def _params_of(call: TemplateCall) -> list[tuple[str, Wikicode]]:
    """Parameters in first-occurrence order with each name's last value (MediaWiki's
    rule for repeated parameters)."""
    last: dict[str, Wikicode] = {}
    for name, value in call.params:
        last[name] = value
    seen: dict[str, None] = {}
    for name, _ in call.params:
        seen.setdefault(name, None)
    return [(name, last[name]) for name in seen]


# Real rows whose names look like bookkeeping (Infobox automobile's body style).
_NOT_BOOKKEEPING = frozenset({"body_style", "ship_class"})


def _is_bookkeeping(name: str) -> bool:
    if name.lower() in _NOT_BOOKKEEPING:
        return False
    return name in _BOOKKEEPING or name.lower() in _BOOKKEEPING or bool(
        _BOOKKEEPING_RE.search(name)
    )


@dataclass(slots=True)
class _Builder:
    """Collects fields and media while one infobox is read."""

    ctx: Context
    fields: list[InfoboxField]
    images: list[Media]

    def add(self, name: str, label: str, value: tuple[Inline, ...], text: str,
            group: str) -> None:
        if not text and not value:
            return
        self.fields.append(InfoboxField(name, label, value, text, group))

    def add_value(self, name: str, label: str, value: Wikicode, group: str) -> None:
        """Add a field from a raw value; a value that is a bullet list (``* a`` lines)
        becomes its items on separate lines, as the infobox shows them."""
        if _raw(value).startswith(("*", "#")):
            # The value starts a line in the rendered box: make the parser see that.
            inlines = _list_lines(self.ctx.blocks("\n" + str(value).strip()))
        else:
            inlines = self.ctx.inlines(value)
        while inlines and isinstance(inlines[0], LineBreak):
            inlines = inlines[1:]  # a value made of lines (medal rows) starts with one
        while inlines and isinstance(inlines[-1], LineBreak):
            inlines = inlines[:-1]
        if any(isinstance(node, LineBreak) for node in inlines):
            text = _lines_text(inlines)
        else:
            text = self.ctx.text(value)
        if not inlines and not text:
            return
        self.add(name, label, inlines, text, group)

    def append_to(self, base: str, value: Wikicode, prefix: str = "",
                  suffix: str = "", *, new_line: bool = False) -> bool:
        """Append a ``*_comment`` value to the field ``base`` (with ``prefix`` and
        ``suffix`` words around it, on a line of its own with ``new_line``); False if
        there is none."""
        for i, f in enumerate(self.fields):
            if f.name == base:
                extra = self.ctx.inlines(value)
                text = self.ctx.text(value)
                if not extra:
                    return True
                if prefix or suffix:
                    extra = (Text(prefix), *extra, Text(suffix))
                    text = f"{prefix}{text}{suffix}"
                # A footnote (reference marker only) sticks to the value; words get a space.
                gap: tuple[Inline, ...] = (Text(" "),) if text else ()
                joined = f"{f.text} {text}".strip()
                if new_line and text:
                    gap, joined = (LineBreak(),), f"{f.text}, {text}" if f.text else text
                self.fields[i] = replace(f, value=(*f.value, *gap, *extra), text=joined)
                return True
        return False


def _list_lines(blocks: tuple[Block, ...]) -> tuple[Inline, ...]:
    """Blocks of an infobox value as inline lines: list items and paragraphs separated
    by line breaks (nested lists flattened in order)."""
    lines: list[tuple[Inline, ...]] = []

    def visit(items: tuple[Block, ...]) -> None:
        for block in items:
            if isinstance(block, ListBlock):
                for item in block.items:
                    if item.children:
                        lines.append(item.children)
                    visit(item.blocks)
            elif isinstance(block, Paragraph) and block.children:
                lines.append(block.children)

    visit(blocks)
    out: list[Inline] = []
    for line in lines:
        if out:
            out.append(LineBreak())
        out.extend(line)
    return tuple(out)


def _lines_text(nodes: tuple[Inline, ...]) -> str:
    """Plain text of a value with line breaks: its lines joined with commas (``Anna,
    Ben``), so that a list of names does not read as one name."""
    lines: list[str] = [""]

    def visit(items: tuple[Inline, ...]) -> None:
        for node in items:
            if isinstance(node, Text):
                lines[-1] += node.text
            elif isinstance(node, LineBreak):
                lines.append("")
            elif isinstance(node, Math):
                lines[-1] += node.tex
            elif isinstance(node, Style | Span | Link | ExternalLink):
                visit(node.children)

    visit(nodes)
    out = ""
    for line in (" ".join(line.split()) for line in lines):
        if not line:
            continue
        # ``Michael Cooper<br />(1994–2002)``: a parenthesis continues its line.
        out += (" " if line.startswith("(") else ", ") + line if out else line
    return out


def _media(ctx: Context, value: Wikicode, caption: Wikicode | None, alt: str) -> Media | None:
    """An image from an infobox image parameter: a bare file name, ``File:X``, or a
    ``[[File:X|...]]`` link."""
    for link in value.filter_wikilinks():
        assert isinstance(link, Wikilink)
        target = str(link.title).strip()
        ns, colon, rest = target.partition(":")
        if colon and ns.strip().lower() in ("file", "image"):
            if not alt and link.text is not None:
                # [[File:X.jpg|220px|alt=Portrait]]: the alt text is one of the options.
                for part in str(link.text).split("|"):
                    key, eq, rest_alt = part.partition("=")
                    if eq and key.strip().lower() == "alt":
                        alt = ctx.text(rest_alt)
            return Media(rest.strip().replace("_", " "), ctx.inlines(caption), alt, "frameless")
    raw = _raw(value)
    if "{{" in raw or "[[" in raw or "<" in raw:
        return None
    ns, colon, rest = raw.partition(":")
    if colon and ns.strip().lower() in ("file", "image"):
        raw = rest.strip()
    if not raw or not _IMAGE_EXT.search(raw):
        return None
    return Media(raw.replace("_", " "), ctx.inlines(caption), alt, "frameless")


def _take_media(b: _Builder, call_params: dict[str, Wikicode], name: str,
                value: Wikicode) -> bool:
    """If ``name``/``value`` is an image parameter, record it and return True."""
    maybe = bool(_MAYBE_MEDIA.match(name))
    if not maybe and not _MEDIA_PARAMS.match(name):
        return False
    base = re.sub(r"_?(name|pic|file)$", "", name, flags=re.I) or name
    stem = re.sub(r"_?image\d*$", "", name, flags=re.I)  # Ship_image -> Ship_caption
    captions = (*_CAPTION_OF.get(name, ()), f"{name}_caption", f"{name}caption",
                f"{name}_capt", f"{base}_caption", f"{base}_capt", f"{base}caption",
                *((f"{stem}_caption",) if stem and stem != name else ()))
    if not b.images and not _EMBLEM.match(name):
        captions += ("caption", "Caption")  # the box's main picture
    caption = next(
        (call_params[c] for c in captions if c in call_params and _raw(call_params[c])),
        None,
    )
    alts = (*_ALT_OF.get(name, ()), f"{name}_alt", f"{base}_alt")
    alt_value = next(
        (call_params[a] for a in alts if a in call_params and _raw(call_params[a])),
        None,
    )
    media = _media(b.ctx, value, caption, b.ctx.text(alt_value) if alt_value else "")
    if media is None and maybe:
        return False
    if media is None:
        # A map name, a gallery template...: not a field either.
        return True
    b.images.append(media)
    b.ctx.add_media(media)
    return True


def _external(ctx: Context, url: str, text: str) -> tuple[Inline, ...]:
    """An external link built through the parser, so that it is recorded in
    ``Article.external_links`` like any link in the page."""
    nodes = ctx.inlines(f"[{url} {text}]")
    if len(nodes) == 1 and isinstance(nodes[0], ExternalLink):
        return nodes
    return (ExternalLink(url, (Text(text),)),)


def _identifier_link(kind: str, raw: str) -> tuple[str, str] | None:
    """``(url, shown text)`` for an identifier value, when ``raw`` is a bare id."""
    if not raw or not _PLAIN_ID.match(raw):
        return None
    ident = raw
    shown = raw
    if kind == "chembl":
        ident = re.sub(r"(?i)^chembl", "", raw)
        shown = f"ChEMBL{ident}"
    elif kind == "chebi":
        ident = re.sub(r"(?i)^chebi:", "", raw)
        shown = f"CHEBI:{ident}"
    return IDENTIFIER_URLS[kind](ident), shown


def _batch_links(
    ctx: Context, wanted: list[tuple[str, str, str]]
) -> dict[str, tuple[Inline, ...]]:
    """``key -> link`` for ``(key, url, text)`` triples, built with one parser call (a
    drugbox has a dozen database links; one call each was a fifth of its cost)."""
    if not wanted:
        return {}
    nodes = [n for n in ctx.inlines(" ".join(f"[{url} {text}]" for _, url, text in wanted))
             if isinstance(n, ExternalLink)]
    if len(nodes) != len(wanted):
        return {key: (ExternalLink(url, (Text(text),)),) for key, url, text in wanted}
    return {key: (node,) for (key, _, _), node in zip(wanted, nodes, strict=True)}


def _formula_nodes(comp: chem.Composition) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for symbol, count in comp.counts:
        out.append(Text(symbol))
        if count != "1":
            out.append(Style("sub", (Text(count),)))
    charge = chem.charge_text(comp.charge)
    if charge:
        out.append(Style("sup", (Text(charge),)))
    return tuple(out)


def _molar_mass_nodes(comp: chem.Composition) -> tuple[Inline, ...]:
    return (Text(f"{chem.molar_mass(comp):.3f} g·mol"), Style("sup", (Text("−1"),)))


def _temperature(raw: str, unit: str, high: str = "") -> tuple[str, tuple[Inline, ...]] | None:
    """``269`` °C -> ``269 °C (516 °F; 542 K)`` (ranges with ``high``)."""
    value = units.parse_number(raw)
    if value is None:
        return None
    high_value = units.parse_number(high) if high else None
    targets = [t for t in ("C", "F", "K") if t != unit]
    found = units.lookup(unit)
    assert found is not None
    symbol = found[1].symbol
    first = units.format_input(raw)
    if high_value is not None:
        first += "–" + units.format_input(high)
    parts: list[str] = []
    for t in targets:
        tsym = units.UNITS[t].symbol
        lo = units.format_number(units.convert(value, unit, t),
                                 units.default_precision(raw, value, unit, t))
        if high_value is not None:
            hi = units.format_number(units.convert(high_value, unit, t),
                                     units.default_precision(high, high_value, unit, t))
            lo = f"{lo}–{hi}"
        parts.append(f"{lo} {tsym}")
    text = f"{first} {symbol} ({'; '.join(parts)})"
    return text, (Text(text),)


# --------------------------------------------------------------------------- chemistry


def _chemistry_fields(
    b: _Builder,
    params: list[tuple[str, Wikicode]],
    label_of: Callable[[str], tuple[str, str]],
    *,
    group_rank: tuple[str, ...] | None = None,
) -> None:
    """Fields of a Drugbox or of a Chembox section: element counts become a formula and
    a molar mass, ``ATC_prefix``/``ATC_suffix`` an ATC code, identifiers links."""
    by_name = dict(params)
    raws = {name: _raw(value) for name, value in params}  # str(Wikicode) is not cheap
    comp = chem.parse_counts(raws.items())
    given_mass = next(
        (n for n in ("molecular_weight", "molar_mass", "MolarMass") if raws.get(n)), None
    )
    # Database links first, in one go: identifier -> (url, text).
    wanted: list[tuple[str, str, str]] = []
    for name, _ in params:
        kind = _ID_PARAMS.get(name)
        target = _identifier_link(kind, raws[name]) if kind is not None else None
        if target is not None:
            wanted.append((name, *target))
    atc = _atc_code(by_name)
    if atc and atc.lower() != "none":
        wanted.append(("ATC_code", IDENTIFIER_URLS["atc"](atc), atc))
    links = _batch_links(b.ctx, wanted)
    shown = {key: text for key, _, text in wanted}
    formula_done = False
    group = ""
    for name, value in params:
        raw = raws[name]
        if not raw or _take_media(b, by_name, name, value) or _is_bookkeeping(name):
            continue
        label, known_group = label_of(name)
        if known_group or name in _DRUGBOX:
            group = known_group
        if comp and ((chem.is_element(name) and _NUMBER.match(raw)) or name == "charge"):
            if not formula_done:
                formula_done = True
                _, g = label_of("chemical_formula")
                g = g or group
                b.add("formula", "Formula", _formula_nodes(comp), chem.formula_text(comp), g)
                if given_mass is None:
                    b.add("molar_mass", "Molar mass", _molar_mass_nodes(comp),
                          chem.molar_mass_text(comp), g)
            continue
        if name in ("chemical_formula", "formula", "Formula") and comp:
            continue
        if name in ("molecular_weight", "molar_mass", "MolarMass"):
            b.add_value("molar_mass", "Molar mass", value, group)
            continue
        if name in ("ATC_prefix", "ATCCode_prefix"):
            b.fields.extend(_atc_fields(b.ctx, by_name, group, links.get("ATC_code")))
            continue
        if name in ("ATC_suffix", "ATC_supplemental", "ATCCode_suffix", "ATC_Supplemental"):
            continue
        if name in links:
            b.add(name, label, links[name], shown[name], group)
            continue
        temp = _temperature_field(name, raw, by_name)
        if temp is not None:
            if temp:
                b.add(name, label, temp[1], temp[0], group)
            continue
        merged = _COMMENT_SUFFIX.match(name)
        if merged and b.append_to(merged.group(1), value):
            continue
        region = _REGIONAL.match(name)
        if region is not None:
            # Wikipedia's rows read "Legal status: US: ℞-only".
            code = region.group(2)
            legal = _legal_value(name, raw) if name.startswith("legal_") else ""
            nodes = (Text(legal),) if legal else b.ctx.inlines(value)
            text = legal or b.ctx.text(value)
            b.add(name, label, (Text(f"{code}: "), *nodes), f"{code}: {text}", group)
            continue
        b.add_value(name, label, value, group)
    if group_rank is not None:
        rank = {g: i for i, g in enumerate(group_rank)}
        b.fields.sort(key=lambda f: rank.get(f.group, len(rank)))


def _temperature_field(
    name: str, raw: str, by_name: dict[str, Wikicode]
) -> tuple[str, tuple[Inline, ...]] | tuple[()] | None:
    """Melting/boiling points given as bare numbers: converted to the other scales.
    Returns ``()`` for a companion parameter already shown (``melting_high``)."""
    if name in ("melting_high", "boiling_high"):
        return ()
    if name in ("melting_point", "boiling_point"):
        high = _raw(by_name.get(name.split("_")[0] + "_high"))
        if _NUMBER.match(raw):
            return _temperature(raw, "C", high if _NUMBER.match(high) else "")
        return None
    m = re.match(r"^(MeltingPt|BoilingPt|FlashPt|AutoignitionPt)([CFK])$", name)
    if m and _NUMBER.match(raw):
        return _temperature(raw, m.group(2))
    return None


_LEGAL: dict[str, dict[str, str]] = {
    "US": {"Rx-only": "℞-only", "OTC": "OTC"},
    "UK": {"POM": "POM (Prescription only)", "P": "P (Pharmacy medicines)",
           "GSL": "GSL (General sales list)"},
}


def _legal_value(name: str, raw: str) -> str:
    country = name.split("_", 1)[1] if "_" in name else ""
    return _LEGAL.get(country, {}).get(raw, "")


def _atc_code(by_name: dict[str, Wikicode]) -> str:
    """``ATC_prefix`` + ``ATC_suffix`` (``L04`` + ``AX04``), or ``none``/``""``."""
    prefix = _raw(by_name.get("ATC_prefix") or by_name.get("ATCCode_prefix"))
    if prefix.lower() == "none":
        return prefix
    return prefix + _raw(by_name.get("ATC_suffix") or by_name.get("ATCCode_suffix"))


def _atc_fields(ctx: Context, by_name: dict[str, Wikicode], group: str,
                link: tuple[Inline, ...] | None) -> list[InfoboxField]:
    code = _atc_code(by_name)
    if not code:
        return []
    if code.lower() == "none":
        return [InfoboxField("ATC_code", "ATC code", (Text("None"),), "None", group)]
    value: list[Inline] = list(link or (Text(code),))
    text = code
    supplemental = by_name.get("ATC_supplemental") or by_name.get("ATC_Supplemental")
    if _raw(supplemental):
        extra = ctx.text(supplemental)
        value += [Text(" "), *ctx.inlines(supplemental)]
        text = f"{code} {extra}".strip()
    return [InfoboxField("ATC_code", "ATC code", tuple(value), text, group)]


def _drugbox_label(name: str) -> tuple[str, str]:
    if name in _DRUGBOX:
        return _DRUGBOX[name]
    if chem.is_element(name) or name == "charge":
        return name, _CHEM
    if name.startswith("legal_"):
        return "Legal status", _CLIN
    if name.startswith("pregnancy_"):
        return "Pregnancy category", _CLIN
    if re.match(r"^licen[cs]e_", name):
        return "License data", _CLIN
    return humanise(name), ""


# ``legal_US``, ``pregnancy_AU``, ``licence_EU``: one row per region, prefixed "US: ".
_REGIONAL = re.compile(r"^(legal|pregnancy|licen[cs]e)_([A-Z]{2,3})$")


# --------------------------------------------------------------------------- handlers


_DRUG_TYPES: dict[str, str] = {
    "mab": "Monoclonal antibody",
    "vaccine": "Vaccine description",
    "combo": "Combination of",
}
_MAB_TYPES: dict[str, str] = {
    "mab": "Whole antibody", "fab": "Fab fragment", "f(ab')2": "F(ab')2 fragment",
    "fab'": "Fab' fragment", "scfv": "Single-chain variable fragment",
    "di-scfv": "Di-single-chain variable fragment", "sdab": "Single domain antibody",
    "3funct": "Trifunctional antibody", "bite": "Bi-specific T-cell engager",
}
_MAB_SOURCES: dict[str, str] = {
    "a": "Rat", "e": "Hamster", "i": "Primate", "o": "Mouse", "u": "Human",
    "xi": "Chimeric", "zu": "Humanized", "axo": "Rat/mouse hybrid",
    "xizu": "Chimeric/humanized", "xi/zu": "Chimeric/humanized",
}


def _mab_text(name: str, text: str) -> str:
    """Antibody codes spelled out: ``mab_type = mab`` -> ``Whole antibody``,
    ``source = zu`` -> ``Humanized``."""
    if name == "mab_type":
        return _MAB_TYPES.get(text.lower(), text)
    if name == "source":
        return _MAB_SOURCES.get(text.lower(), text)
    return text


def _in_display_order(params: list[tuple[str, Wikicode]]) -> list[tuple[str, Wikicode]]:
    """Drugbox parameters sorted (stably) into the box's group order, so that values are
    read, and their references numbered, in the order a reader sees them.  A parameter
    the tables do not know stays with the group of the one before it."""
    rank = {g: i for i, g in enumerate(DRUGBOX_GROUPS)}
    ranked: list[tuple[int, str, Wikicode]] = []
    last = ""
    for name, value in params:
        group = _drugbox_label(name)[1]
        if group or name in _DRUGBOX:
            last = group
        ranked.append((rank.get(last, len(rank)), name, value))
    ranked.sort(key=lambda item: item[0])
    return [(name, value) for _, name, value in ranked]


def _kind_field(f: InfoboxField, group: str) -> InfoboxField:
    spelled = _mab_text(f.name, f.text)
    if spelled != f.text:
        return replace(f, group=group, text=spelled, value=(Text(spelled),))
    return replace(f, group=group)


def drugbox(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{Drugbox}}``: four fixed groups, computed formula, molar mass and ATC code."""
    b = _Builder(ctx, [], [])
    params = _in_display_order([(n, v) for n, v in _params_of(call) if n != "type"])
    _chemistry_fields(b, params, _drugbox_label, group_rank=DRUGBOX_GROUPS)
    # Monoclonal antibodies, vaccines and combinations get a first group of their own.
    kind_group = _DRUG_TYPES.get(call.raw("type").lower(), "")
    if kind_group:
        b.fields[:] = [_kind_field(f, kind_group) if f.group == "" else f for f in b.fields]
    title_value = call.get("drug_name", "INN")
    title = ctx.text(title_value) if title_value is not None else ctx.title
    _offer(ctx, call.name, title or ctx.title, b)
    return ()


def _chembox_label(name: str) -> tuple[str, str]:
    if name in _CHEMBOX:
        return _CHEMBOX[name], ""
    if name in _DRUGBOX:
        return _DRUGBOX[name][0], ""
    return humanise(name), ""


def chembox(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{Chembox}}``: top-level names, then each nested ``{{Chembox Xxx}}`` section's
    fields under its group (Identifiers, Properties, Hazards...)."""
    b = _Builder(ctx, [], [])
    params = _params_of(call)
    by_name = dict(params)
    top: list[tuple[str, Wikicode]] = []
    for name, value in params:
        section = _sole_template(value)
        sub = normalise_name(str(section.name)) if section is not None else ""
        if section is not None and sub.startswith("chembox "):
            if top:
                _chemistry_fields(b, top, _chembox_label)
                top = []
            key = sub[len("chembox "):]
            group = _CHEMBOX_SECTIONS.get(key, key.capitalize())
            start = len(b.fields)
            _chemistry_fields(b, _params_of(TemplateCall.from_template(section)),
                              _chembox_label)
            b.fields[start:] = [replace(f, group=group) for f in b.fields[start:]]
            continue
        if name.lower().startswith("section") and not _raw(value):
            continue
        top.append((name, value))
    if top:
        _chemistry_fields(b, top, _chembox_label)
    title_value = by_name.get("Name")
    title = ctx.text(title_value) if title_value is not None and _raw(title_value) else ""
    _offer(ctx, call.name, title or ctx.title, b)
    return ()


def _taxo_label(name: str) -> tuple[str, str]:
    if name in _TAXO:
        return _TAXO[name]
    m = re.match(r"^unranked_(\w+?)\d*$", name)
    if m:
        return "(unranked)", "Scientific classification"
    return _COMMON.get(name) or humanise(name), ""


_IUCN: dict[str, str] = {
    "LC": "Least Concern", "NT": "Near Threatened", "VU": "Vulnerable",
    "EN": "Endangered", "CR": "Critically Endangered", "EW": "Extinct in the Wild",
    "EX": "Extinct", "DD": "Data Deficient", "NE": "Not Evaluated", "LR/LC": "Least Concern",
    "LR/NT": "Near Threatened", "LR/CD": "Conservation Dependent", "CD": "Conservation Dependent",
    "PE": "Possibly extinct", "DOM": "Domesticated", "FOSSIL": "Fossil",
}
_STATUS_SYSTEMS: dict[str, str] = {
    "iucn3.1": "IUCN 3.1", "iucn2.3": "IUCN 2.3", "esa": "ESA", "cites": "CITES",
    "tnc": "NatureServe", "natureserve": "NatureServe", "epbc": "EPBC Act",
}


def taxobox(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{Taxobox}}``, ``{{Speciesbox}}``, ``{{Automatic taxobox}}``: ranks grouped under
    "Scientific classification"; the IUCN ``status`` code spelled out with its system
    (``LC`` -> ``Least Concern (IUCN 3.1)``) under "Conservation status"."""
    return _generic(call, ctx, _taxo_label, status_text=_status_text(call))


def _status_text(call: TemplateCall) -> str:
    code = call.raw("status").upper()
    name = _IUCN.get(code, "")
    if not name:
        return ""
    system = call.raw("status_system")
    shown = _STATUS_SYSTEMS.get(system.lower().replace(" ", ""), system)
    return f"{name} ({shown})" if shown else name


def _generic_label(name: str) -> tuple[str, str]:
    """Label from the common table (the old capitalised parameters of some boxes,
    ``Years_active``, ``Current_members``, folded to lower case), else humanised."""
    return _COMMON.get(name) or _COMMON.get(name.lower()) or humanise(name), ""


def infobox(call: TemplateCall, ctx: Context) -> Nodes:
    """Any ``{{Infobox ...}}`` (and ``... infobox``, ``{{Geobox}}``): fields in source
    order, grouped by ``header``/``headerN`` parameters; the bare ``{{Infobox}}``
    meta-template reads its ``labelN``/``dataN``/``headerN`` rows."""
    if call.name == "infobox" or any(re.match(r"^data\d+$", n) for n in call.names()):
        return _meta_infobox(call, ctx)
    return _generic(call, ctx, _generic_label)


def _generic(call: TemplateCall, ctx: Context,
             label_of: Callable[[str], tuple[str, str]], *, status_text: str = "") -> Nodes:
    b = _Builder(ctx, [], [])
    # ``image size`` and ``image_size`` are aliases in most infoboxes.
    params = [(name.replace(" ", "_"), value) for name, value in _params_of(call)]
    title_name = next(
        (n for n in ("election_name", "name", "title", "official_name",
                     "conventional_long_name", "conflict",
                     "clubname", "Name")
         if _raw(call.get(n))),
        None,
    )
    _fields_into(b, params, label_of, skip=title_name)
    if status_text:
        b.fields[:] = [
            replace(f, value=(Text(status_text), *f.value[1:]), text=status_text)
            if f.name == "status" and f.value and isinstance(f.value[0], Text) else f
            for f in b.fields
        ]
    title = ctx.text(call.get(title_name)) if title_name else ""
    _offer(ctx, call.name, title or ctx.title, b)
    return ()


_PAIR_LABEL = re.compile(r"^(.+?)_(type|title|name|event)(\d*|_sec\d+)$")
_MEASURE = re.compile(r"^(.+?)_(km2|sq_mi|m|ft|km|mi|ha|acre)$")
_MEASURE_TWIN: dict[str, tuple[str, str]] = {
    "km2": ("sq_mi", "sqmi"), "sq_mi": ("km2", "km2"), "m": ("ft", "ft"),
    "ft": ("m", "m"), "km": ("mi", "mi"), "mi": ("km", "km"), "ha": ("acre", "acre"),
    "acre": ("ha", "ha"),
}
_TERM = re.compile(r"^term_start(\d*)$")
_COUNT = re.compile(r"^(population(_total|_urban|_metro|_rural|_est|_blank\d)?|num_employees)$")


def _pairs(present: set[str]) -> dict[str, str]:
    """Value parameter -> the parameter holding its label: ``leader_title1`` labels
    ``leader_name1``, ``subdivision_type`` labels ``subdivision_name``,
    ``postal_code_type`` labels ``postal_code``, ``established_title`` labels
    ``established_date``, ``blank_name_sec1`` labels ``blank_info_sec1``.  ``present``
    holds the parameters with a value."""
    out: dict[str, str] = {}
    for name in present:
        m = _PAIR_LABEL.match(name)
        if m is None:
            continue
        base, kind, num = m.groups()
        partners = {
            "type": (f"{base}_name{num}", f"{base}{num}"),
            "title": (f"{base}_name{num}", f"{base}_date{num}"),
            "name": (f"{base}_info{num}",),
            "event": (f"{base}_date{num}",),
        }[kind]
        for partner in partners:
            if partner in present and partner != name:
                out[partner] = name
                break
    return out


def _measure(name: str, raw: str, present: set[str]) -> tuple[str, tuple[Inline, ...]] | None:
    """``area_total_km2 = 47.87`` -> ``47.87 km² (18.48 sq mi)``; None when the name
    has no unit suffix or the value is not a bare number."""
    m = _MEASURE.match(name)
    if m is None or not _NUMBER.match(raw.replace(",", "")):
        return None
    unit = m.group(2)
    if "density" in m.group(1) and unit in ("km2", "sq_mi"):
        return _density(raw, unit)
    code = {"sq_mi": "sqmi"}.get(unit, unit)
    target = _MEASURE_TWIN[unit][1]
    from viewer.article.templates.inline import convert_text

    text = convert_text([raw, code, target], {"abbr": "on"})
    return text, (Text(text),)


def _fields_into(
    b: _Builder,
    params: Iterable[tuple[str, Wikicode]],
    label_of: Callable[[str], tuple[str, str]],
    *,
    skip: str | None = None,
    group: str = "",
) -> None:
    params = list(params)
    by_name = dict(params)
    raws = {name: _raw(value) for name, value in params}  # str(Wikicode) is not cheap
    present = {name for name, raw in raws.items() if raw}
    labelled_by = _pairs(present)
    label_params = set(labelled_by.values())
    pending: list[tuple[str, str, Wikicode]] = []
    careers_done: set[tuple[str, str]] = set()
    composites_done: set[str] = set()
    in_office = False
    for name, value in params:
        raw = raws[name]
        if not raw or name == skip:
            continue
        if re.match(r"^header\d*$", name):
            group = b.ctx.text(value)
            continue
        office = _OFFICE.match(name)
        if office is not None and _heads_office(office.group(2), present):
            # Infobox officeholder: "45th Governor of X" heads its term, predecessor...
            order = by_name.get(f"order{office.group(2)}")
            group = " ".join(t for t in (b.ctx.text(order) if order is not None else "",
                                         b.ctx.text(value)) if t)
            in_office = True
            continue
        if re.match(r"^order\d*$", name) and f"office{name[5:]}" in present and \
                _heads_office(name[5:], present):
            continue  # shown in the office's heading
        if in_office and name in _PERSONAL:
            group = "Personal details"
        embedded = _embedded_boxes(value)
        if embedded:
            # ``module = {{Infobox officeholder|embed=yes|...}}``: its rows join ours.
            for sub_box in embedded:
                sub = TemplateCall.from_template(sub_box)
                kind = normalise_name(str(sub_box.name))
                _fields_into(b, _params_of(sub), label_of, skip="name",
                             group=_EMBEDDED_GROUPS.get(kind, group))
            continue
        if _take_media(b, by_name, name, value):
            continue
        if _composite(b, by_name, present, name, group, composites_done):
            continue
        if name in _ATTACH and _ATTACH[name][0] in present:
            pending.append((_ATTACH[name][0], name, value))
            continue
        if name in _PLACE_OF and _PLACE_OF[name] in present:
            # Infobox person: "Born: July 18, 1969 (age 57)" and the place on a new line.
            pending.append((_PLACE_OF[name], name, value))
            continue
        attached = _ATTACHED.match(name)
        if attached is not None and f"leader{attached.group(2)}" in present:
            # Legislature: ``party1``/``election1`` belong to ``leader1``'s row.
            pending.append((f"leader{attached.group(2)}", name, value))
            continue
        if _LABEL_ONLY.match(name):
            continue  # a row label whose row has no value (``leader_title = N/A``)
        merged = _MERGE_SUFFIX.match(name)
        base = _merge_base(merged.group(1) or merged.group(3) or merged.group(4), present) \
            if merged else None
        if base is not None:
            pending.append((base, name, value))
            continue
        if re.match(r"^(label|data)\d+$", name) or _is_bookkeeping(name):
            continue
        if name in label_params:
            continue
        if name in labelled_by:
            label = b.ctx.text(by_name[labelled_by[name]])
            b.add_value(name, label, value, group)
            continue
        career = _CAREER.match(name)
        if career is not None:
            key = (career.group(1) or "", career.group(3))
            if key not in careers_done:
                careers_done.add(key)
                _career_field(b, by_name, *key)
            continue
        term = _TERM.match(name)
        if term is not None:
            _term_field(b, by_name, term.group(1), group)
            continue
        if re.match(r"^term_end\d*$", name) and f"term_start{name[8:]}" in present:
            continue
        label, known_group = label_of(name)
        if name == "misc":
            label = _misc_label(b.ctx, value) or label
        if _COUNT.match(name) and raw.isdigit() and len(raw) > 3:
            # ``population_total = 1215``: Infobox settlement formats the number.
            grouped = f"{int(raw):,}"
            b.add(name, label, (Text(grouped),), grouped, known_group or group)
            continue
        m = _MEASURE.match(name)
        if m is not None:
            twin = f"{m.group(1)}_{_MEASURE_TWIN[m.group(2)][0]}"
            if m.group(2) in ("sq_mi", "ft", "mi", "acre") and twin in present:
                continue  # the metric twin is shown, with this converted
            measured = _measure(name, raw, present)
            if measured is not None:
                if name not in _COMMON:
                    label = humanise(m.group(1))
                b.add(name, label, measured[1], measured[0], known_group or group)
                continue
        b.add_value(name, label, value, known_group or group)
    for base, name, value in pending:
        prefix, suffix = ("since ", "") if name.startswith("election") else ("", "")
        if name.endswith("_percent"):
            suffix = "%"
        elif name.endswith(("_release_date", "_preview_date")):
            prefix = "/ "  # "Stable release: 1.2 / January 1, 2020"
        elif name.endswith(("_rank", "_code")) or (name.endswith("_year")
                                                   and base.endswith("_title")):
            prefix, suffix = "(", ")"  # "1,000 km² (150th)", "Dollar (EXD)", "Old (1997)"
        elif name.endswith(("_as_of", "_year")):
            _label_as_of(b, base, value)
            continue
        new_line = name in _PLACE_OF
        if name in _ATTACH:
            prefix, suffix = _ATTACH[name][1:]
        if not b.append_to(base, value, prefix, suffix, new_line=new_line) and \
                not _is_bookkeeping(name):
            label, known_group = label_of(name)
            b.add_value(name, label, value, known_group or group)


def _merge_base(base: str, present: set[str]) -> str | None:
    """The field a ``*_footnotes``/``*_comment`` parameter belongs to: ``population``
    -> ``population_total`` when there is no ``population``, ``area`` ->
    ``area_total_km2``."""
    if base in present:
        return base
    for candidate in (f"{base}_total", f"{base}_km2", f"{base}_m", f"{base}_name",
                      f"{base}_title", f"{base}_version",
                      f"{base}_total_km2", f"{base}_total_sq_mi", f"{base}_total_m",
                      f"{base}_total_ft", f"{base}_sq_mi", f"{base}_ft"):
        if candidate in present:
            return candidate
    return None


def _misc_label(ctx: Context, value: Wikicode) -> str:
    """The heading Wikipedia gives an album's ``misc`` box: "Singles from Album" for a
    ``{{Singles}}``, "Artist chronology" for an ``{{Extra chronology}}``."""
    sole = _sole_template(value)
    if sole is None:
        return ""
    call = TemplateCall.from_template(sole)
    if call.name == "singles":
        album = ctx.text(call.get("name"))
        return f"Singles from {album}" if album else "Singles"
    if call.name.startswith("extra chronology"):
        artist = ctx.text(call.get("artist"))
        return f"{artist} chronology" if artist else "Chronology"
    return ""


def _label_as_of(b: _Builder, base: str, value: Wikicode) -> None:
    """``population_as_of = 2010``: the population row reads "Population (2010)"."""
    when = b.ctx.text(value)
    for i, f in enumerate(b.fields):
        if f.name == base and when:
            b.fields[i] = replace(f, label=f"{f.label} ({when})")
            return


# Rows built from several parameters: name pattern -> kind.
_HQ_PARTS = ("hq_location", "hq_location_city", "hq_location_country")
_OLD_HQ_PARTS = ("location", "location_city", "location_country")
_TZ = re.compile(r"^(timezone|utc_offset)(\d*)(_DST)?$")
_BASEBALL = re.compile(r"^(debut|final)(league|date|year|team)$")
_STAT = re.compile(r"^stat(\d+)(label|value)$")


def _composite(b: _Builder, by_name: dict[str, Wikicode], present: set[str], name: str,
               group: str, done: set[str]) -> bool:
    """Rows Wikipedia builds from several parameters; True when ``name`` is one of
    their parts (the row is added once, where its first part stands):

    * ``hq_location`` + ``hq_location_city`` + ``hq_location_country`` -> Headquarters;
    * ``timezone`` + ``utc_offset`` -> "Time zone: UTC−8 (PST)", ``_DST`` -> Summer (DST);
    * baseball ``debutdate``/``debutyear``/``debutteam`` -> "MLB debut: September 10,
      1974, for the St. Louis Cardinals" (``final...`` -> Last MLB appearance);
    * ``statNlabel``/``statNvalue`` -> a "MLB statistics" row labelled by the label;
    * ``population_density_km2 = auto`` -> computed from population and area.
    """
    def get(key: str) -> Wikicode | None:
        return by_name[key] if key in present else None

    ctx = b.ctx
    if name in _HQ_PARTS or (name in _OLD_HQ_PARTS[1:] and "hq_location" not in present):
        parts_of = _HQ_PARTS if name in _HQ_PARTS else _OLD_HQ_PARTS
        if "hq" not in done:
            done.add("hq")
            parts = [get(p) for p in parts_of]
            _add_joined(b, "hq_location", "Headquarters",
                        [p for p in parts if p is not None], ", ", group)
        return True
    tz = _TZ.match(name)
    if tz is not None:
        num, dst = tz.group(2), tz.group(3) or ""
        key = f"tz{num}{dst}"
        if key not in done:
            done.add(key)
            zone, offset = get(f"timezone{num}{dst}"), get(f"utc_offset{num}{dst}")
            shown = _utc(_raw(offset)) if offset is not None else ""
            nodes: tuple[Inline, ...] = (Text(shown),) if shown else ()
            text = shown
            if zone is not None:
                zone_nodes, zone_text = ctx.inlines(zone), ctx.text(zone)
                if shown:
                    nodes = (*nodes, Text(" ("), *zone_nodes, Text(")"))
                    text = f"{shown} ({zone_text})"
                else:
                    nodes, text = zone_nodes, zone_text
            label = "Summer (DST)" if dst else "Time zone"
            b.add(f"timezone{num}{dst}", label, nodes, text, group)
        return True
    ball = _BASEBALL.match(name)
    if ball is not None:
        kind = ball.group(1)
        if kind not in done:
            done.add(kind)
            league = ctx.text(get(f"{kind}league")) or "MLB"
            label = f"{league} debut" if kind == "debut" else f"Last {league} appearance"
            date, year, team = (get(f"{kind}{p}") for p in ("date", "year", "team"))
            when = ", ".join(ctx.text(v) for v in (date, year) if v is not None)
            out: list[Inline] = [Text(when)] if when else []
            text = when
            if team is not None:
                out += [Text(", for the " if when else "For the "), *ctx.inlines(team)]
                text += (", for the " if when else "For the ") + ctx.text(team)
            b.add(f"{kind}date", label, tuple(out), text, group)
        return True
    if re.match(r"^fam\d+$", name):
        if "family" not in done:
            done.add("family")
            members = [by_name[f"fam{i}"] for i in range(1, 16) if f"fam{i}" in present]
            _add_joined(b, "fam1", "Language family", members, " > ", group)
        return True
    stat = _STAT.match(name)
    if stat is not None:
        num = stat.group(1)
        if f"stat{num}" not in done:
            done.add(f"stat{num}")
            label_value, value = get(f"stat{num}label"), get(f"stat{num}value")
            if value is not None:
                league = ctx.text(get("statleague")) or "MLB"
                label = ctx.text(label_value) if label_value is not None else ""
                b.add_value(f"stat{num}", label, value, f"{league} statistics")
        return True
    if name in ("population_density_km2", "population_density_sq_mi") and \
            _raw(by_name[name]).lower() == "auto":
        if "density" not in done:
            done.add("density")
            density = _auto_density(by_name, present)
            if density:
                b.add("population_density_km2", "Density", (Text(density),), density, group)
        return True
    return False


def _add_joined(b: _Builder, name: str, label: str, values: list[Wikicode], sep: str,
                group: str) -> None:
    """One row from several values joined with ``sep``."""
    nodes: list[Inline] = []
    texts: list[str] = []
    for value in values:
        inner = b.ctx.inlines(value)
        if not inner:
            continue
        if nodes:
            nodes.append(Text(sep))
        nodes.extend(inner)
        texts.append(b.ctx.text(value))
    b.add(name, label, tuple(nodes), sep.join(texts), group)


def _utc(raw: str) -> str:
    """``-8`` -> ``UTC−8``, ``+5:30`` -> ``UTC+5:30``, ``0`` -> ``UTC±0``."""
    if not raw or raw.upper().startswith(("UTC", "GMT")) or "{{" in raw or "[[" in raw:
        return raw
    value = raw.replace("−", "-").replace("–", "-").strip()
    if value.lstrip("+-") in ("0", "00", "0:00", "00:00"):
        return "UTC±0"
    if value.startswith("-"):
        return "UTC−" + value[1:]
    return "UTC+" + value.lstrip("+")


def _auto_density(by_name: dict[str, Wikicode], present: set[str]) -> str:
    """``population_density_km2 = auto``: population over land (else total) area,
    ``287.1/km² (743.6/sq mi)`` as Infobox settlement computes it."""
    population = _number(_raw(by_name.get("population_total")))
    area_km2: float | None = None
    for key, factor in (("area_land_km2", 1.0), ("area_total_km2", 1.0),
                        ("area_land_sq_mi", 2.589988110336),
                        ("area_total_sq_mi", 2.589988110336)):
        found = _number(_raw(by_name.get(key))) if key in present else None
        if found:
            area_km2 = found * factor
            break
    if population is None or not area_km2:
        return ""
    per_km2 = population / area_km2
    per_sq_mi = per_km2 * 2.589988110336
    return f"{per_km2:,.1f}/km² ({per_sq_mi:,.1f}/sq mi)"


def _density(raw: str, unit: str) -> tuple[str, tuple[Inline, ...]]:
    """``population_density_km2 = 1000`` -> ``1,000/km² (2,600/sq mi)``: a density is
    per unit of area, so it converts the other way round from an area."""
    value = float(raw.replace(",", ""))
    factor = 2.589988110336 if unit == "km2" else 1 / 2.589988110336
    other = value * factor
    decimals = len(raw.partition(".")[2])
    if decimals:
        shown_other = f"{other:,.{decimals}f}"
    else:
        digits = len(raw.replace(",", "").lstrip("+-").rstrip("0")) or 1
        sig = max(2, digits)
        rounded = round(other, sig - len(str(int(abs(other)))) if other >= 1 else 1)
        shown_other = f"{rounded:,.0f}" if rounded >= 10 else f"{rounded:,.1f}"
    first = f"{value:,.{decimals}f}"
    here, there = ("km²", "sq mi") if unit == "km2" else ("sq mi", "km²")
    text = f"{first}/{here} ({shown_other}/{there})"
    return text, (Text(text),)


def _number(raw: str) -> float | None:
    cleaned = raw.replace(",", "")
    return float(cleaned) if _NUMBER.match(cleaned) else None


_CAREER = re.compile(r"^(youth|national|manager)?(years|clubs|caps|goals|team)(\d+)$")
_CAREER_GROUPS = {
    "youth": "Youth career", "": "Senior career", "national": "International career",
    "manager": "Teams managed",
}


def _career_field(b: _Builder, by_name: dict[str, Wikicode], kind: str, num: str) -> None:
    """One row of a sports career table (``years1``/``clubs1``/``caps1``/``goals1``,
    ``youth...``, ``national...``, ``manager...``): label the years, value the team
    with appearances and goals, ``Team 120 (15)``."""
    def get(column: str) -> Wikicode | None:
        value = by_name.get(f"{kind}{column}{num}")
        return value if value is not None and _raw(value) else None

    years = get("years")
    team = get("team") if kind == "national" else get("clubs")
    if team is None:
        team = get("clubs") or get("team")
    if team is None and years is None:
        return
    nodes: list[Inline] = list(b.ctx.inlines(team)) if team is not None else []
    text = b.ctx.text(team) if team is not None else ""
    caps, goals = get("caps"), get("goals")
    if caps is not None:
        stats = b.ctx.text(caps) + (f" ({b.ctx.text(goals)})" if goals is not None else "")
        nodes.append(Text(f" {stats}"))
        text = f"{text} {stats}".strip()
    label = b.ctx.text(years) if years is not None else ""
    b.add(f"{kind}clubs{num}" if kind != "national" else f"nationalteam{num}", label,
          tuple(nodes), text, _CAREER_GROUPS[kind])


def _term_field(b: _Builder, by_name: dict[str, Wikicode], num: str, group: str) -> None:
    """``term_start``/``term_end`` -> "In office: start – end" ("Assumed office" while
    there is no end)."""
    start = by_name[f"term_start{num}"]
    end = by_name.get(f"term_end{num}")
    start_nodes = b.ctx.inlines(start)
    start_text = b.ctx.text(start)
    if end is not None and _raw(end):
        value = (*start_nodes, Text(" – "), *b.ctx.inlines(end))
        b.add(f"term_start{num}", "In office", value,
              f"{start_text} – {b.ctx.text(end)}", group)
    else:
        b.add(f"term_start{num}", "Assumed office", start_nodes, start_text, group)


def _meta_infobox(call: TemplateCall, ctx: Context) -> Nodes:
    b = _Builder(ctx, [], [])
    params = _params_of(call)
    by_name = dict(params)
    rows: dict[int, dict[str, Wikicode]] = {}
    for name, value in params:
        m = re.match(r"^(header|label|data)(\d+)$", name)
        if m:
            rows.setdefault(int(m.group(2)), {})[m.group(1)] = value
        elif _MEDIA_PARAMS.match(name):
            _take_media(b, by_name, name, value)
    group = ""
    for number in sorted(rows):
        row = rows[number]
        if "header" in row and _raw(row["header"]):
            group = ctx.text(row["header"])
            continue
        data = row.get("data")
        if data is None or not _raw(data):
            continue
        label = ctx.text(row["label"]) if "label" in row else ""
        b.add_value(f"data{number}", label, data, group)
    title_value = call.get("above", "title", "name")
    title = ctx.text(title_value) if title_value is not None else ""
    _offer(ctx, call.name, title or ctx.title, b)
    return ()


def _offer(ctx: Context, kind: str, title: str, b: _Builder) -> None:
    ctx.set_infobox(
        Infobox(
            kind=kind,
            title=title,
            fields=tuple(b.fields),
            image=b.images[0] if b.images else None,
        )
    )


_NOT_BOXES = frozenset({"infobox mapframe", "infobox map", "infobox medal templates"})


def _is_infobox_name(name: str) -> bool:
    if name in _NOT_BOXES:
        return False
    return name == "infobox" or name.startswith("infobox ") or name.endswith(" infobox")


_BUILDING: ContextVar[int] = ContextVar("refview_infobox_depth", default=0)


def _outermost(fn: Handler) -> Handler:
    """Run a box handler only for a box that is not inside another box's value: a box
    nested in a value (not an ``embed``/``module`` one, whose rows are merged) renders as
    nothing instead of replacing the box being built."""
    def handler(call: TemplateCall, ctx: Context) -> Nodes:
        if _BUILDING.get():
            return ()
        token = _BUILDING.set(1)
        try:
            return fn(call, ctx)
        finally:
            _BUILDING.reset(token)

    handler.__name__ = fn.__name__
    handler.__doc__ = fn.__doc__
    return handler


def _nothing(call: TemplateCall, ctx: Context) -> Nodes:
    """Helpers used inside boxes that show nothing offline (location maps)."""
    return ()


@dataclass(slots=True)
class _ShipBox:
    """The ship infobox being assembled from its parts, for one parse (``ctx``)."""

    ctx: Context
    fields: list[InfoboxField]
    images: list[Media]
    title: str = ""


_SHIP: ContextVar[_ShipBox | None] = ContextVar("refview_ship_box", default=None)
# Boxes written as a row of part templates: part -> (group, is the conventional last).
_PART_GROUPS: dict[str, tuple[str, bool]] = {
    "infobox ship begin": ("", False),
    "infobox ship image": ("", False),
    "infobox ship career": ("History", False),
    "infobox ship characteristics": ("General characteristics", True),
    "infobox ship class overview": ("Class overview", False),
    "infobox aircraft begin": ("", False),
    "infobox aircraft type": ("", True),
    "infobox aircraft career": ("", True),
    "infobox aircraft program": ("", True),
    "infobox aircraft engine": ("", True),
}
_PART_TITLES = ("Ship_name", "name")


def box_part(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{Infobox ship begin}}`` + ``{{Infobox ship image}}`` + ``{{Infobox ship
    career}}``... + ``{{Infobox ship characteristics}}`` (``{{Infobox aircraft begin}}`` +
    ``{{Infobox aircraft type}}``): one box written as a row of templates.  The parts add
    their rows (History, General characteristics, Class overview groups) to one box,
    offered when the conventional last part (characteristics; the aircraft type) is
    read."""
    family = call.name.split(" ")[1]
    state = _SHIP.get()
    if state is None or state.ctx is not ctx or call.name.endswith(" begin"):
        state = _ShipBox(ctx, [], [])
        _SHIP.set(state)
    group, last = _PART_GROUPS[call.name]
    b = _Builder(ctx, state.fields, state.images)
    params = [(name.replace(" ", "_"), value) for name, value in _params_of(call)]
    by_name = dict(params)
    title_name = next((n for n in _PART_TITLES if _raw(by_name.get(n))), None)
    if not state.title and title_name is not None:
        state.title = ctx.text(by_name[title_name])
    _fields_into(b, params, _generic_label, group=group,
                 skip=title_name if family == "aircraft" else None)
    if last:
        _offer(ctx, f"infobox {family}", state.title or ctx.title, b)
        _SHIP.set(None)  # done: do not keep the parser alive
    return ()


_DRUGS_COM: dict[str, tuple[str, str]] = {
    "monograph": ("monograph", "Monograph"),
    "cons": ("cons", "Consumer Drug Information"),
    "pro": ("pro", "Professional Drug Facts"),
    "ppa": ("ppa", "Patient Counseling Information"),
    "mtm": ("mtm", "Multum Consumer Information"),
    "cdi": ("cdi", "Consumer Drug Information"),
    "npp": ("npp", "Patient Counseling Information"),
    "international": ("international", "International Drug Names"),
    "parent": ("", "Drugs.com"),
}


def drugs_com(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{Drugs.com|monograph|lenalidomide}}``: a link to the Drugs.com page."""
    kind = call.raw("1").lower()
    page = call.raw("2")
    if not page or not re.match(r"^[\w\-.]+$", page):
        return ctx.unknown(call)
    folder, label = _DRUGS_COM.get(kind, (kind, "Drugs.com"))
    path = f"{folder}/{page}.html" if folder else f"{page}.html"
    return _external(ctx, f"https://www.drugs.com/{quote(path)}", label)


_GHS: dict[str, str] = {
    "01": "Explosive", "02": "Flammable", "03": "Oxidizing", "04": "Compressed gas",
    "05": "Corrosive", "06": "Toxic", "07": "Harmful/Irritant", "08": "Health hazard",
    "09": "Environmental hazard",
}
_GHS_NAMES: dict[str, str] = {
    "ghs exploding bomb": "01", "ghs flame": "02", "ghs flame over circle": "03",
    "ghs gas cylinder": "04", "ghs corrosion": "05", "ghs skull and crossbones": "06",
    "ghs exclamation mark": "07", "ghs health hazard": "08", "ghs environment": "09",
}


def ghs_pictogram(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{GHS07}}`` / ``{{GHS exclamation mark}}``: the pictogram's code and meaning
    (the image itself is not available offline)."""
    number = _GHS_NAMES.get(call.name) or call.name[len("ghs"):]
    meaning = _GHS.get(number)
    if meaning is None:
        return ctx.unknown(call)
    # Pictograms stand side by side in the source: keep them apart in text.
    return (Span("ghs-pictogram", (Text(f"GHS{number}"),), title=meaning), Text(" "))


def hazard_phrases(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{H-phrases|302|312}}`` -> ``H302, H312`` (``P-phrases``, ``EUH-phrases``)."""
    prefix = call.name.split("-")[0].upper()
    codes = [_raw(v) for v in call.positional() if _raw(v)]
    text = ", ".join(c if c.upper().startswith(prefix) else f"{prefix}{c}" for c in codes)
    return (Text(text),) if text else ()


def atc_template(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{ATC|A01|AD05}}`` -> ``A01AD05`` linked to the WHO index (``ATCvet``: ``QA01...``)."""
    code = call.raw("1") + call.raw("2")
    if not code or not _PLAIN_ID.match(code):
        return ctx.unknown(call)
    if call.name == "atcvet":
        code = "Q" + code
    return _external(ctx, IDENTIFIER_URLS["atc"](code), code)


def register(registry: TemplateRegistry) -> None:
    """Register the infobox family."""
    box = _outermost(infobox)
    registry.add(("infobox", "geobox", "infobox3cols"), box)
    registry.register_prefix("infobox ")(box)
    registry.register_suffix(" infobox")(box)
    registry.add(("drugbox", "infobox drug"), _outermost(drugbox))
    registry.add(("chembox", "chembox new", "infobox chemical"), _outermost(chembox))
    registry.add(("taxobox", "speciesbox", "automatic taxobox", "subspeciesbox",
                  "infraspeciesbox", "virusbox", "hybridbox", "ichnobox", "oobox"),
                 _outermost(taxobox))
    registry.add(tuple(_NOT_BOXES), _nothing)
    registry.add(tuple(_PART_GROUPS), box_part)
    registry.add(("drugs.com",), drugs_com)
    registry.add(tuple(f"ghs{n}" for n in _GHS) + tuple(_GHS_NAMES), ghs_pictogram)
    registry.add(("h-phrases", "p-phrases", "euh-phrases"), hazard_phrases)
    registry.add(("atc", "atcvet"), atc_template)
