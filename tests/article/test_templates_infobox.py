"""Infobox family: Drugbox, Chembox, taxoboxes and generic ``Infobox ...`` templates."""

from __future__ import annotations

import pytest

from viewer.article import parse_article, to_text
from viewer.article.model import Article, ExternalLink, Infobox, LineBreak, RefMarker, Style, Text
from viewer.article.templates import default_registry
from viewer.article.templates.infobox import humanise
from viewer.resources import read_text

DRUG = """{{Drugbox
| Watchedfields = changed
| verifiedrevid = 123456
| IUPAC_name = 2-(acetyloxy)benzoic acid
| image = Aspirin-skeletal.svg
| width = 180
| alt = Skeletal formula
| caption = Skeletal formula of ''aspirin''
<!--Clinical data-->
| pronounce = {{IPAc-en|ˈ|æ|s|p|r|ɪ|n}}
| tradename = Bayer, many others
| routes_of_administration = [[Oral administration|By mouth]], [[rectal]]
| legal_US = OTC
<!--Pharmacokinetic data-->
| protein_bound = 80–90%
| elimination_half-life = 2–3 hours
| excretion = [[Urine]] (80–100%)
<!--Identifiers-->
| CAS_number_Ref = {{cascite|correct|CAS}}
| CAS_number = 50-78-2
| ATC_prefix = B01
| ATC_suffix = AC06
| ATC_supplemental = {{ATC|A01|AD05}}
| PubChem = 2244
| DrugBank = DB00945
| ChemSpiderID = 2157
| UNII = R16CO5Y76E
| KEGG = D00109
| ChEBI = 15365
| ChEMBL = 25
<!--Chemical data-->
| C=9 | H=8 | O=4
| smiles = CC(=O)Oc1ccccc1C(=O)O
| melting_point = 136
| StdInChIKey = BSYNRYMUTXBXSQ-UHFFFAOYSA-N
}}
'''Aspirin''' is a medication.
"""


def parse(wikitext: str, title: str = "Aspirin") -> Article:
    return parse_article(wikitext, title)


def infobox(wikitext: str, title: str = "Aspirin") -> Infobox:
    box = parse(wikitext, title).infobox
    assert box is not None
    return box


def test_drugbox_groups_in_wikipedia_order_and_kind() -> None:
    box = infobox(DRUG)
    assert box.kind == "drugbox"
    assert box.title == "Aspirin"
    assert box.groups() == (
        "Clinical data", "Pharmacokinetic data", "Identifiers", "Chemical and physical data"
    )
    # Within a group the source order is kept.
    clinical = [f.name for f in box.fields if f.group == "Clinical data"]
    assert clinical == ["pronounce", "tradename", "routes_of_administration", "legal_US",
                        "ATC_code"]


def test_drugbox_bookkeeping_and_image_fields_are_not_shown() -> None:
    box = infobox(DRUG)
    names = {f.name for f in box.fields}
    for hidden in ("Watchedfields", "verifiedrevid", "width", "CAS_number_Ref", "image",
                   "alt", "caption", "ATC_prefix", "ATC_suffix", "ATC_supplemental", "C",
                   "H", "O"):
        assert hidden not in names
    assert box.image is not None
    assert box.image.filename == "Aspirin-skeletal.svg"
    assert box.image.alt == "Skeletal formula"
    assert box.image.caption == (Text("Skeletal formula of "), Style("i", (Text("aspirin"),)))
    assert box.image in parse(DRUG).media


def test_drugbox_formula_and_computed_molar_mass() -> None:
    box = infobox(DRUG)
    formula = box.field("formula")
    assert formula is not None
    assert (formula.label, formula.text, formula.group) == (
        "Formula", "C9H8O4", "Chemical and physical data")
    assert formula.value == (
        Text("C"), Style("sub", (Text("9"),)), Text("H"), Style("sub", (Text("8"),)),
        Text("O"), Style("sub", (Text("4"),)),
    )
    mass = box.field("molar_mass")
    assert mass is not None
    assert mass.label == "Molar mass"
    assert mass.text == "180.159 g·mol−1"
    # Computed fields stand where the element counts stood: after the identifiers,
    # before the SMILES that followed them in the source.
    chem_names = [f.name for f in box.fields if f.group == "Chemical and physical data"]
    assert chem_names[:3] == ["formula", "molar_mass", "smiles"]


def test_given_molar_mass_is_kept() -> None:
    box = infobox("{{Drugbox|C=2|H=6|O=1|molecular_weight=46.07 g/mol}}", "Ethanol")
    mass = box.field("molar_mass")
    assert mass is not None and mass.text == "46.07 g/mol"
    assert [f.name for f in box.fields].count("molar_mass") == 1


def test_drugbox_atc_code_and_supplemental() -> None:
    atc = infobox(DRUG).field("ATC_code")
    assert atc is not None
    assert atc.label == "ATC code"
    assert atc.text.startswith("B01AC06")
    first = atc.value[0]
    assert isinstance(first, ExternalLink)
    assert first.url == "https://www.whocc.no/atc_ddd_index/?code=B01AC06"


@pytest.mark.parametrize(
    ("name", "label", "text", "url"),
    [
        ("CAS_number", "CAS Number", "50-78-2",
         "https://commonchemistry.cas.org/detail?cas_rn=50-78-2"),
        ("PubChem", "PubChem CID", "2244", "https://pubchem.ncbi.nlm.nih.gov/compound/2244"),
        ("DrugBank", "DrugBank", "DB00945", "https://go.drugbank.com/drugs/DB00945"),
        ("ChemSpiderID", "ChemSpider", "2157",
         "https://www.chemspider.com/Chemical-Structure.2157.html"),
        ("UNII", "UNII", "R16CO5Y76E",
         "https://precision.fda.gov/uniisearch/srs/unii/R16CO5Y76E"),
        ("KEGG", "KEGG", "D00109", "https://www.kegg.jp/entry/D00109"),
        ("ChEBI", "ChEBI", "CHEBI:15365",
         "https://www.ebi.ac.uk/chebi/searchId.do?chebiId=CHEBI:15365"),
        ("ChEMBL", "ChEMBL", "ChEMBL25",
         "https://www.ebi.ac.uk/chembl/compound_report_card/CHEMBL25"),
    ],
)
def test_drugbox_identifiers_link_to_databases(name: str, label: str, text: str,
                                               url: str) -> None:
    f = infobox(DRUG).field(name)
    assert f is not None
    assert (f.label, f.text, f.group) == (label, text, "Identifiers")
    assert f.value == (ExternalLink(url, (Text(text),)),)


def test_drugbox_values_are_rendered_wikitext() -> None:
    box = infobox(DRUG)
    routes = box.field("routes_of_administration")
    assert routes is not None and routes.text == "By mouth, rectal"
    assert routes.label == "Routes of administration"
    pron = box.field("pronounce")
    assert pron is not None and pron.text == "/ˈæsprɪn/"
    assert pron.label == "Pronunciation"
    assert box.field("excretion") is not None
    assert box.field("excretion").text == "Urine (80–100%)"  # type: ignore[union-attr]
    assert box.field("protein_bound").label == "Protein binding"  # type: ignore[union-attr]
    melting = box.field("melting_point")
    assert melting is not None and melting.text == "136 °C (277 °F; 409 K)"
    legal = box.field("legal_US")
    assert legal is not None
    assert (legal.label, legal.text) == ("Legal status", "US: OTC")


def test_drugbox_links_and_text_output() -> None:
    article = parse(DRUG)
    assert "Oral administration" in article.links
    text = to_text(article)
    assert "Formula: C9H8O4" in text
    assert "CAS Number: 50-78-2" in text
    assert "verifiedrevid" not in text and "{{" not in text


def test_charge_and_hill_order_without_carbon() -> None:
    box = infobox("{{Drugbox|drug_name=Sulfate|O=4|S=1|charge=-2}}", "Sulfate ion")
    assert box.title == "Sulfate"
    formula = box.field("formula")
    assert formula is not None and formula.text == "O4S2−"
    assert formula.value[-1] == Style("sup", (Text("2−"),))


CHEM = """{{Chembox
| Verifiedfields = changed
| Name = Sodium chloride
| ImageFile = NaCl.png
| ImageCaption = Crystal
| IUPACName = Sodium chloride
| OtherNames = Table salt
| Section1 = {{Chembox Identifiers
  | CASNo_Ref = {{cascite|correct|CAS}}
  | CASNo = 7647-14-5
  | PubChem = 5234
  }}
| Section2 = {{Chembox Properties
  | Formula = NaCl
  | Na=1 | Cl=1
  | Appearance = White crystals
  | MeltingPtC = 801
  | Solubility = 360 g/L
  }}
| Section7 = {{Chembox Hazards
  | MainHazards = Irritant
  }}
}}
'''Sodium chloride''' is salt.
"""


def test_chembox_sections_become_groups() -> None:
    box = infobox(CHEM, "Sodium chloride")
    assert box.kind == "chembox"
    assert box.title == "Sodium chloride"
    assert box.groups() == ("", "Identifiers", "Properties", "Hazards")
    names = [f.name for f in box.fields]
    assert "CASNo_Ref" not in names and "ImageCaption" not in names
    assert box.field("IUPACName").label == "IUPAC name"  # type: ignore[union-attr]
    cas = box.field("CASNo")
    assert cas is not None and cas.group == "Identifiers" and cas.text == "7647-14-5"
    assert isinstance(cas.value[0], ExternalLink)
    formula = box.field("formula")
    assert formula is not None and formula.text == "ClNa" and formula.group == "Properties"
    mass = box.field("molar_mass")
    assert mass is not None and mass.text.startswith("58.44")
    melting = box.field("MeltingPtC")
    assert melting is not None
    assert (melting.label, melting.text) == ("Melting point", "801 °C (1,474 °F; 1,074 K)")
    assert box.field("Solubility").label == "Solubility in water"  # type: ignore[union-attr]
    assert box.field("MainHazards").group == "Hazards"  # type: ignore[union-attr]
    assert box.image is not None and box.image.filename == "NaCl.png"
    assert box.image.caption == (Text("Crystal"),)


PERSON = """{{Infobox person
| name = Ada Lovelace
| image = [[File:Ada Lovelace portrait.jpg|220px|alt=Painted portrait]]
| caption = Portrait by [[Alfred Edward Chalon]]
| image_size = 220px
| birth_name = Augusta Ada Byron
| birth_place = [[London]], England
| bodystyle = width:20em
| known_for = Mathematics<ref>A source.</ref>
| spouse =
| module = {{Infobox officeholder|embed=yes|office=Countess of Lovelace}}
}}
{{Infobox person|name=Second}}
'''Ada''' was a mathematician.
{{reflist}}
"""


def test_generic_infobox_fields_labels_and_image() -> None:
    article = parse(PERSON, "Ada Lovelace")
    box = article.infobox
    assert box is not None
    assert box.kind == "infobox person"
    assert box.title == "Ada Lovelace"
    assert [(f.name, f.label) for f in box.fields] == [
        ("birth_name", "Birth name"),
        ("birth_place", "Birth place"),
        ("known_for", "Known for"),
        ("office", "Office"),
    ]
    assert box.field("birth_place").text == "London, England"  # type: ignore[union-attr]
    assert box.image is not None
    assert box.image.filename == "Ada Lovelace portrait.jpg"
    assert box.image.alt == "Painted portrait"
    assert "Alfred Edward Chalon" in article.links
    # A reference in an infobox value is numbered like any other.
    known = box.field("known_for")
    assert known is not None and known.text == "Mathematics"
    assert isinstance(known.value[-1], RefMarker)
    assert len(article.references) == 1


def test_second_infobox_does_not_replace_the_first() -> None:
    box = infobox(PERSON, "Ada Lovelace")
    assert box.title == "Ada Lovelace"


def test_headers_group_generic_fields_and_suffix_names_match() -> None:
    box = infobox("""{{Settlement infobox
| name = Springfield
| header1 = Government
| mayor = Joe Quimby
| header2 = Population
| population_total = 30,720
}}""", "Springfield")
    assert box.kind == "settlement infobox"
    assert [(f.name, f.group) for f in box.fields] == [
        ("mayor", "Government"), ("population_total", "Population")]
    assert box.field("population_total").label == "Population"  # type: ignore[union-attr]


def test_bare_infobox_reads_numbered_rows() -> None:
    box = infobox("""{{Infobox
| title = Widget
| header1 = Basics
| label2 = Colour
| data2 = Blue
| label3 = Size
| data3 =
| header4 = More
| data5 = Unlabelled row
}}""", "Widget")
    assert box.kind == "infobox"
    assert box.title == "Widget"
    assert [(f.label, f.text, f.group) for f in box.fields] == [
        ("Colour", "Blue", "Basics"), ("", "Unlabelled row", "More")]


def test_taxobox_ranks() -> None:
    box = infobox("""{{Speciesbox
| name = Red fox
| status = LC
| status_system = IUCN3.1
| genus = Vulpes
| species = vulpes
| authority = ([[Carl Linnaeus|Linnaeus]], 1758)
}}""", "Red fox")
    assert box.kind == "speciesbox"
    assert [(f.label, f.text, f.group) for f in box.fields] == [
        ("Conservation status", "Least Concern (IUCN 3.1)", "Conservation status"),
        ("Genus", "Vulpes", "Scientific classification"),
        ("Species", "vulpes", "Scientific classification"),
        ("Authority", "(Linnaeus, 1758)", "Binomial name"),
    ]


def test_infobox_in_body_renders_nothing_and_is_not_unknown() -> None:
    article = parse("Text before.\n{{Infobox film|name=Jaws|director=Steven Spielberg}}\n"
                    "Text after.", "Jaws")
    assert article.infobox is not None
    assert article.infobox.field("director").text == "Steven Spielberg"  # type: ignore[union-attr]
    assert not article.unknown_templates
    assert "director" not in to_text(article, include_infobox=False)


def test_drugs_com_link() -> None:
    box = infobox("{{Drugbox|Drugs.com = {{drugs.com|monograph|aspirin}}}}")
    f = box.field("Drugs.com")
    assert f is not None
    assert f.value == (ExternalLink("https://www.drugs.com/monograph/aspirin.html",
                                    (Text("Monograph"),)),)


def test_registry_names() -> None:
    registry = default_registry()
    for name in ("infobox", "infobox person", "drugbox", "chembox", "taxobox",
                 "automatic taxobox", "geobox", "football club infobox"):
        assert name in registry


@pytest.mark.parametrize(
    ("name", "label"),
    [("birth_place", "Birth place"), ("MolarMass", "Molar mass"), ("ISO_code", "ISO code"),
     ("elimination_half-life", "Elimination half life"), ("area_km2", "Area (km²)"),
     ("office2", "Office"), ("SMILES1", "SMILES"), ("population_2010", "Population 2010")],
)
def test_humanise(name: str, label: str) -> None:
    assert humanise(name) == label


def test_seed_infobox_acceptance() -> None:
    article = parse_article(read_text("sample/Lenalidomide.wiki"),
                            "Lenalidomide")
    box = article.infobox
    assert box is not None and box.kind == "drugbox"
    assert box.groups() == (
        "Clinical data", "Pharmacokinetic data", "Identifiers", "Chemical and physical data"
    )
    texts = {f.name: f.text for f in box.fields}
    assert texts["formula"] == "C13H13N3O3"
    assert float(texts["molar_mass"].split()[0]) == pytest.approx(259.26, abs=0.01)
    assert texts["ATC_code"] == "L04AX04"
    assert texts["CAS_number"] == "191732-72-6"
    assert texts["pronounce"] == "/ˌlɛnəˈlɪdoʊmaɪd/"
    assert texts["routes_of_administration"] == "Oral (capsules)"
    assert texts["excretion"] == "Renal (67% unchanged)"
    for name in texts:
        assert not name.endswith("_Ref")
        assert name not in ("verifiedrevid", "Watchedfields", "width")


SETTLEMENT = """{{Infobox settlement
| name = Springfield
| image skyline = Springfield.jpg
| image size = 250px
| pushpin_map = USA
| subdivision_type = Country
| subdivision_name = [[United States]]
| leader_title = Mayor
| leader_name = Joe Quimby
| established_title = Founded
| established_date = 1796
| area_total_km2 = 47.87
| area_total_sq_mi = 18.48
| elevation_m = 173
| population_total = 30,720
| population_footnotes = <ref>Census.</ref>
| postal_code_type = ZIP Code
| postal_code = 49007
}}
'''Springfield''' is a town.
{{reflist}}
"""


def test_settlement_pairs_measures_and_footnotes() -> None:
    article = parse(SETTLEMENT, "Springfield")
    box = article.infobox
    assert box is not None
    rows = [(f.label, f.text) for f in box.fields]
    assert rows == [
        ("Country", "United States"),
        ("Mayor", "Joe Quimby"),
        ("Founded", "1796"),
        ("Area", "47.87 km² (18.48 sq mi)"),
        ("Elevation", "173 m (568 ft)"),
        ("Population", "30,720"),
        ("ZIP Code", "49007"),
    ]
    population = box.field("population_total")
    assert population is not None and isinstance(population.value[-1], RefMarker)
    assert len(article.references) == 1
    assert "United States" in article.links


def test_officeholder_terms() -> None:
    box = infobox("""{{Infobox officeholder
| name = Jane Doe
| office = Mayor of Springfield
| term_start = January 1, 2001
| term_end = December 31, 2008
| predecessor = John Roe
| office2 = Governor
| term_start2 = 2009
| party = [[Independent politician|Independent]]
}}""", "Jane Doe")
    # As on Wikipedia, each office heads its terms; personal rows follow in their group.
    assert [(f.group, f.label, f.text) for f in box.fields] == [
        ("Mayor of Springfield", "In office", "January 1, 2001 – December 31, 2008"),
        ("Mayor of Springfield", "Preceded by", "John Roe"),
        ("Governor", "Assumed office", "2009"),
        ("Personal details", "Political party", "Independent"),
    ]


def test_officeholder_order_and_military_module() -> None:
    box = infobox("""{{Infobox officeholder
| name = Jane Doe
| order = 45th
| office = Governor of Somewhere
| term_start = 2010
| term_end = 2014
| birth_date = 1960
| birth_place = Town
| module = {{Infobox military person|embed=yes|branch=[[Army]]|rank=Captain}}
}}""", "Jane Doe")
    assert [(f.group, f.label, f.text) for f in box.fields] == [
        ("45th Governor of Somewhere", "In office", "2010 – 2014"),
        ("Personal details", "Born", "1960, Town"),
        ("Military service", "Branch/service", "Army"),
        ("Military service", "Rank", "Captain"),
    ]


def test_infobox_drug_alias_and_antibody_group() -> None:
    box = infobox("""{{Infobox drug
| type = mab
| mab_type = mab
| source = zu
| target = [[CD20]]
| tradename = Gazyva
| CAS_number = 949142-50-1
}}""", "Obinutuzumab")
    assert box.kind == "infobox drug"
    assert box.groups() == ("Monoclonal antibody", "Clinical data", "Identifiers")
    assert [(f.label, f.text) for f in box.fields if f.group == "Monoclonal antibody"] == [
        ("Type", "Whole antibody"), ("Source", "Humanized"), ("Target", "CD20")]


def test_identifier_links_are_recorded_as_external_links() -> None:
    urls = [e.url for e in parse(DRUG).external_links]
    assert "https://pubchem.ncbi.nlm.nih.gov/compound/2244" in urls
    assert "https://www.whocc.no/atc_ddd_index/?code=B01AC06" in urls


def test_football_career_rows() -> None:
    box = infobox("""{{Infobox football biography
| name = Joe Bloggs
| position = [[Forward (association football)|Forward]]
| youthyears1 = 1990–1995 | youthclubs1 = [[Everton F.C.|Everton]]
| years1 = 1995–2000 | clubs1 = [[Everton F.C.|Everton]] | caps1 = 120 | goals1 = 35
| years2 = 2000– | clubs2 = [[Leeds United F.C.|Leeds United]] | caps2 = 80 | goals2 = 20
| nationalyears1 = 1998–2004 | nationalteam1 = [[England national football team|England]]
| nationalcaps1 = 30 | nationalgoals1 = 9
}}""", "Joe Bloggs")
    assert [(f.group, f.label, f.text) for f in box.fields] == [
        ("", "Position", "Forward"),
        ("Youth career", "1990–1995", "Everton"),
        ("Senior career", "1995–2000", "Everton 120 (35)"),
        ("Senior career", "2000–", "Leeds United 80 (20)"),
        ("International career", "1998–2004", "England 30 (9)"),
    ]


def test_album_cover_with_alt_and_spaced_names() -> None:
    article = parse("""{{Infobox album
| name = Abbey Road
| artist = [[the Beatles]]
| cover = Abbey Road cover.jpg
| alt = Four men crossing a street
| released = {{start date|1969|9|26|df=y}}
| genre = {{hlist|[[Rock music|Rock]]|[[pop music|pop]]}}
}}""", "Abbey Road")
    box = article.infobox
    assert box is not None and box.image is not None
    assert (box.image.filename, box.image.alt) == ("Abbey Road cover.jpg",
                                                   "Four men crossing a street")
    assert [(f.label, f.text) for f in box.fields] == [
        ("Artist", "the Beatles"), ("Release date", "26 September 1969"),
        ("Genres", "Rock · pop")]


def test_chembox_comments_merge_and_numbered_labels() -> None:
    box = infobox("""{{Chembox
| Section1 = {{Chembox Identifiers
  | CASNo = 64-17-5
  | CASNo_Comment = (anhydrous)
  | SMILES1 = CCO
  }}
}}""", "Ethanol")
    cas = box.field("CASNo")
    assert cas is not None and cas.text == "64-17-5 (anhydrous)"
    assert box.field("CASNo_Comment") is None
    assert box.field("SMILES1").label == "SMILES"  # type: ignore[union-attr]


def test_drugbox_references_numbered_in_display_order() -> None:
    article = parse("""{{Drugbox
| IUPAC_name = Name<ref>Identifier source</ref>
| tradename = Brand<ref>Clinical source</ref>
}}
Text.
{{reflist}}""")
    assert [r.text for r in article.references] == ["Clinical source", "Identifier source"]


def test_automatic_taxobox_keeps_article_title_and_status_reference() -> None:
    article = parse("""{{Automatic taxobox
| taxon = Vulpes
| status = VU
| status_system = IUCN3.1
| status_ref = <ref>IUCN.</ref>
}}
Text.
{{reflist}}""", "Fox")
    box = article.infobox
    assert box is not None and box.title == "Fox"
    status = box.field("status")
    assert status is not None and status.text == "Vulnerable (IUCN 3.1)"
    assert isinstance(status.value[-1], RefMarker)
    assert box.field("taxon").group == "Scientific classification"  # type: ignore[union-attr]


def test_list_values_become_lines_and_read_as_a_list() -> None:
    article = parse("""{{Infobox person
| name = X
| children = {{ubl|Anna|Ben}}
| spouse = * [[Carol]]
* Dora<ref>Wedding notice.</ref>
}}
Text.
{{reflist}}""", "X")
    box = article.infobox
    assert box is not None
    children = box.field("children")
    assert children is not None and children.text == "Anna, Ben"
    spouse = box.field("spouse")
    assert spouse is not None and spouse.text == "Carol, Dora"
    assert spouse.value[1] == LineBreak()
    assert isinstance(spouse.value[-1], RefMarker)
    assert "Carol" in article.links and len(article.references) == 1


def test_box_inside_a_value_does_not_replace_the_outer_box() -> None:
    article = parse("""{{Infobox settlement
| name = Springfield
| mapframe = {{Infobox mapframe|zoom=8}}
| motto = {{hlist|One|{{Infobox person|name=Intruder}}}}
| country = Nowhere
}}""", "Springfield")
    box = article.infobox
    assert box is not None and box.kind == "infobox settlement"
    assert box.title == "Springfield"
    assert [f.name for f in box.fields] == ["motto", "country"]
    assert not article.unknown_templates


def test_several_embedded_boxes_join_the_outer_box() -> None:
    box = infobox("""{{Infobox person
| name = X
| module = {{Infobox officeholder|embed=yes|office=Mayor}}
{{Infobox military person|embed=yes|allegiance=Nowhere}}
}}""", "X")
    assert [(f.name, f.text) for f in box.fields] == [("office", "Mayor"),
                                                      ("allegiance", "Nowhere")]


def test_chembox_hazard_templates_and_atc_supplemental() -> None:
    article = parse("""{{Chembox
| Section7 = {{Chembox Hazards
  | GHSPictograms = {{GHS05}}{{GHS07}}
  | HPhrases = {{H-phrases|302|314}}
  | PPhrases = {{P-phrases|280|305+351+338}}
  }}
}}
{{Drugbox | ATC_prefix = B01 | ATC_suffix = AC06 | ATC_supplemental = {{ATC|A01|AD05}}
| DailyMedID = Aspirin }}""", "Chemical")
    box = article.infobox
    assert box is not None
    assert box.field("GHSPictograms").text == "GHS05 GHS07"  # type: ignore[union-attr]
    assert box.field("HPhrases").text == "H302, H314"  # type: ignore[union-attr]
    assert box.field("PPhrases").text == "P280, P305+351+338"  # type: ignore[union-attr]
    assert not article.unknown_templates
    drug = infobox("{{Drugbox | ATC_prefix = B01 | ATC_suffix = AC06 "
                   "| ATC_supplemental = {{ATC|A01|AD05}} | DailyMedID = Aspirin }}")
    atc = drug.field("ATC_code")
    assert atc is not None and atc.text == "B01AC06 A01AD05"
    daily = drug.field("DailyMedID")
    assert daily is not None and daily.label == "DailyMed"
    assert isinstance(daily.value[0], ExternalLink)


# --------------------------------------------------------------------------- QA fixes


def rows(box: Infobox) -> dict[str, str]:
    """Label -> text of every row (the last one wins for repeated labels)."""
    return {f.label: f.text for f in box.fields}


def test_baseball_debut_final_and_statistics_rows() -> None:
    box = infobox("""{{Infobox baseball biography
|name=Sam Player
|debutleague = MLB
|debutdate=May 2
|debutyear=1970
|debutteam=[[Example Sox]]
|finalleague = MLB
|finaldate=June 3
|finalyear=1980
|finalteam=Other Club
|statleague = MLB
|stat1label=[[Batting average]]
|stat1value=.301
|stat2label=[[Home run]]s
|stat2value=12
}}""")
    shown = rows(box)
    assert shown["MLB debut"] == "May 2, 1970, for the Example Sox"
    assert shown["Last MLB appearance"] == "June 3, 1980, for the Other Club"
    assert shown["Batting average"] == ".301" and shown["Home runs"] == "12"
    assert {f.group for f in box.fields if f.label == "Home runs"} == {"MLB statistics"}
    assert not any(f.label.lower().startswith(("debut", "final", "stat")) for f in box.fields)


def test_legislature_leader_rows_carry_party_and_election() -> None:
    box = infobox("""{{Infobox legislature
| name = Upper Chamber
| coa_pic = Arms of Somewhere.svg
| coa_res = 100px
| leader1_type = [[Speaker (x)|Speaker]]
| leader1 = [[Ann Example]]
| party1 = ([[Some Party|SP]])
| election1 = 1 May 2020
| leader2_type =
| leader2 =
| party2 =
| structure1 = Seats diagram.svg
| structure1_res = 250px
}}""")
    assert rows(box)["Speaker"] == "Ann Example (SP) since 1 May 2020"
    assert box.image is not None and box.image.filename == "Arms of Somewhere.svg"
    labels = {f.label for f in box.fields}
    assert not labels & {"Party", "Election", "Coa pic", "Coa res", "Structure1 res",
                         "Structure"}


def test_uk_place_image_map_and_labels() -> None:
    box = infobox("""{{Infobox UK place
|static_image_name = Town hall.jpg
|static_image_caption = The town hall
|country = England
|map_type = Somecounty
|official_name = Sometown
|unitary_england = [[Somecounty Council|Somecounty]]
|lieutenancy_england = [[Somecounty]]
|constituency_westminster = [[North Somecounty (UK Parliament constituency)|North]]
|post_town = SOMETOWN
|postcode_district = ST1
|dial_code = 01234
|os_grid_reference = SX000000
}}""", "Sometown")
    assert box.image is not None and box.image.filename == "Town hall.jpg"
    assert box.image.caption == (Text("The town hall"),)
    shown = rows(box)
    assert shown["Unitary authority"] == "Somecounty"
    assert shown["Ceremonial county"] == "Somecounty"
    assert shown["UK Parliament"] == "North"
    assert shown["OS grid reference"] == "SX000000"
    assert shown["Dialling code"] == "01234"
    assert shown["Post town"] == "SOMETOWN" and shown["Postcode district"] == "ST1"
    assert not any("image" in f.label.lower() or "map" in f.label.lower()
                   for f in box.fields)


def test_korean_name_image_and_romanisation_labels() -> None:
    box = infobox("""{{Infobox Korean name
|title=Pottery
|img=Jar.jpg
|imgwidth=180px
|caption=A [[jar]]
|hangul=도자기
|hanja={{linktext|陶|磁器}}
|rr=dojagi
|mr=tojagi
}}""", "Pottery")
    assert box.image is not None and box.image.filename == "Jar.jpg"
    assert to_text_of(box.image.caption) == "A jar"
    assert rows(box) == {"Hangul": "도자기", "Hanja": "陶磁器",
                         "Revised Romanization": "dojagi", "McCune–Reischauer": "tojagi"}


def to_text_of(nodes: tuple[object, ...]) -> str:
    out = ""
    for node in nodes:
        if isinstance(node, Text):
            out += node.text
        else:
            out += to_text_of(getattr(node, "children", ()))
    return out


def test_settlement_rows_as_wikipedia_computes_them() -> None:
    box = infobox("""{{Infobox settlement
|name = Testville
|settlement_type = [[Census-designated place]]
|subdivision_type = Country
|subdivision_name = {{USA}}
|leader_title = N/A
|unit_pref = US
|area_footnotes = <ref>Area source.</ref>
|area_total_km2 = 10
|area_land_km2 = 10
|area_water_km2 = 0
|area_water_percent = 0
|population_as_of = 2010
|population_total = 2500
|population_density_km2 = auto
|timezone = PST
|utc_offset = -8
|timezone_DST = PDT
|utc_offset_DST = -7
}}""", "Testville")
    shown = rows(box)
    assert shown["Country"] == "United States"
    assert shown["Population (2010)"] == "2,500"
    assert shown["Density"] == "250.0/km² (647.5/sq mi)"
    assert shown["Time zone"] == "UTC−8 (PST)"
    assert shown["Summer (DST)"] == "UTC−7 (PDT)"
    assert shown["Water area"].endswith(" 0%")
    area = next(f for f in box.fields if f.name == "area_total_km2")
    assert isinstance(area.value[-1], RefMarker)
    labels = {f.label for f in box.fields}
    assert not labels & {"Leader title", "Unit pref", "Area footnotes", "Population as of",
                         "Area water percent", "UTC offset", "Utc offset DST"}


def test_company_headquarters_in_one_row() -> None:
    box = infobox("""{{Infobox company
|name = Example Co
|traded_as = {{BMV|EXCO}}
|hq_location =
|hq_location_city = [[Mexico City]]
|hq_location_country = Mexico
}}""")
    shown = rows(box)
    assert shown["Headquarters"] == "Mexico City, Mexico"
    assert shown["Traded as"] == "BMV: EXCO"
    assert len([f for f in box.fields if f.label == "Headquarters"]) == 1


def test_musical_artist_old_image_parameters_are_not_rows() -> None:
    box = infobox("""{{Infobox musical artist
|Name = Duo
|Img =
|Img_capt = Two singers
|Img_size =
|Background = group_or_band
|Origin = [[Stockholm]]
|Years_active = 1999–2003
|Current_members = A<br/>B
}}""", "Duo")
    shown = rows(box)
    assert box.image is None
    assert "Img capt" not in shown and "Two singers" not in " ".join(shown.values())
    assert shown["Origin"] == "Stockholm" and shown["Members"] == "A, B"
    assert shown["Years active"] == "1999–2003"


def test_generic_picture_parameters_are_dropped() -> None:
    box = infobox("""{{Infobox building
|name = Hall
|photo = Hall.jpg
|photo_size = 200px
|photo_alt = A hall
|pushpin_map = Somewhere
|map_caption = Location
|logo_res = 80px
|seal_width = 90
|architect = Ann
}}""", "Hall")
    assert box.image is not None and box.image.filename == "Hall.jpg"
    assert rows(box) == {"Architect": "Ann"}


@pytest.mark.parametrize(
    ("param", "label"),
    [("notableworks", "Notable works"), ("oclc", "OCLC"), ("political", "Political alignment"),
     ("Years_active", "Years active"), ("ship_builder", "Builder"),
     ("school_tradition", "School"), ("some_issn_number", "Some ISSN number")],
)
def test_common_labels(param: str, label: str) -> None:
    box = infobox(f"{{{{Infobox thing|name=X|{param}=value}}}}", "X")
    assert rows(box) == {label: "value"}


def test_line_break_before_parenthesis_reads_as_one_line() -> None:
    box = infobox("{{Infobox person|name=X|spouse=Ann Smith<br />(1994–2002)<br>Bob}}", "X")
    assert rows(box)["Spouse"] == "Ann Smith (1994–2002), Bob"


def test_logo_does_not_take_the_main_picture_caption() -> None:
    article = parse("{{Infobox company|name=X|logo=Logo.svg|image=Plant.jpg|caption=The plant}}"
                    "\nText.", "X")
    captions = {m.filename: m.caption for m in article.media}
    assert captions == {"Logo.svg": (), "Plant.jpg": (Text("The plant"),)}


def test_country_density_years_ranks_and_events() -> None:
    box = infobox("""{{Infobox country
| conventional_long_name = Republic of Example
| common_name = Example
| symbol_type = Coat of arms
| ethnic_groups = {{unbulleted list|90% A|10% B}}
| ethnic_groups_year = 2010
| sovereignty_type = Independence
| established_event1 = From Somewhere
| established_date1 = 1900
| area_km2 = 1000
| area_rank = 150th
| population_density_km2 = 1000
| HDI = 0.700
| HDI_year = 2019
| currency = Dollar
| currency_code = EXD
}}""", "Example")
    shown = rows(box)
    assert shown["Density"] == "1,000/km² (2,600/sq mi)"
    assert shown["Ethnic groups (2010)"] == "90% A, 10% B"
    assert shown["HDI (2019)"] == "0.700"
    assert shown["Area"] == "1,000 km² (390 sq mi) (150th)"
    assert shown["From Somewhere"] == "1900"
    assert shown["Currency"] == "Dollar (EXD)"
    assert not {"Common name", "Symbol type", "Area rank", "Currency code",
                "Established event", "HDI year"} & set(shown)


def test_album_chronology_years_join_their_titles() -> None:
    box = infobox("{{Infobox album|name=A|prev_title=Old|prev_year=1997|"
                  "next_title=New|next_year=2001}}", "A")
    assert rows(box) == {"Previous album": "Old (1997)", "Next album": "New (2001)"}


def test_ship_parts_make_one_box() -> None:
    article = parse("""{{Infobox ship begin}}
{{Infobox ship image
|Ship image = Ship.jpg
|Ship image size = 300px
|Ship caption = The ship in 1910
}}
{{Infobox ship career
|Hide header =
|Ship country = United Kingdom
|Ship flag = {{shipboxflag|UK|naval}}
|Ship name = HMS Example
|Ship builder = [[Some Yard]]
|Ship launched = 2 February 1901
}}
{{Infobox ship characteristics
|Hide header =
|Ship class = Example-class battleship
|Ship displacement = 15,000 tons
}}
|}
'''HMS Example''' was a ship.""", "HMS Example")
    box = article.infobox
    assert box is not None and box.title == "HMS Example"
    assert box.image is not None and box.image.filename == "Ship.jpg"
    assert box.image.caption == (Text("The ship in 1910"),)
    assert [(f.group, f.label, f.text) for f in box.fields] == [
        ("History", "Country", "United Kingdom"),
        ("History", "Name", "HMS Example"),
        ("History", "Builder", "Some Yard"),
        ("History", "Launched", "2 February 1901"),
        ("General characteristics", "Class and type", "Example-class battleship"),
        ("General characteristics", "Displacement", "15,000 tons"),
    ]


def test_plainlist_whose_first_item_follows_the_pipe() -> None:
    box = infobox("{{Infobox film|name=F|starring={{plainlist|* Actor One\n* Actor Two}}}}",
                  "F")
    assert rows(box) == {"Starring": "Actor One, Actor Two"}


def test_aircraft_parts_make_one_box() -> None:
    box = infobox("""{{Infobox aircraft begin
| name = Plane
| image = Plane.jpg
| caption = A plane
}}{{Infobox aircraft type
| type = Fighter
| first flight = 1 January 1940
| number built = 1,000
}}
'''Plane''' is a fighter.""", "Plane")
    assert box.title == "Plane" and box.kind == "infobox aircraft"
    assert box.image is not None and box.image.filename == "Plane.jpg"
    assert rows(box) == {"Type": "Fighter", "First flight": "1 January 1940",
                         "Number built": "1,000"}


def test_software_release_screenshot_and_size() -> None:
    box = infobox("""{{Infobox software
| name = Soft
| logo = Soft.svg
| screenshot = Soft shot.png
| caption = Main window
| latest release version = 1.2
| latest release date = 2020
| size = 50 MB
}}""", "Soft")
    assert rows(box) == {"Stable release": "1.2 / 2020", "Size": "50 MB"}


def test_kit_colours_dropped_and_measures_named_size_kept() -> None:
    club = infobox("{{Infobox football club|clubname=Club FC|ground=Park|pattern_la1=_x|"
                   "leftarm1=FF0000|body1=FF0000|shorts1=FFFFFF|socks1=FF0000}}", "Club")
    assert club.title == "Club FC" and rows(club) == {"Ground": "Park"}
    river = infobox("{{Infobox river|name=R|basin_size=1,000 km2|source1=Hills|"
                    "source1_location=County}}", "R")
    assert rows(river) == {"Basin size": "1,000 km2", "Source": "Hills",
                           "Source location": "County"}


def test_language_station_and_election_rows() -> None:
    language = infobox("{{Infobox language|name=Ex|states=Country|speakers=1 million|"
                       "date=2010|ref=<ref>e</ref>|familycolor=Indo-European|"
                       "fam1=Indo-European|fam2=Germanic|iso3=exa}}\n{{reflist}}", "Ex")
    assert rows(language) == {"Native to": "Country", "Native speakers": "1 million (2010)",
                              "Language family": "Indo-European > Germanic",
                              "ISO 639-3": "exa"}
    station = infobox("{{Infobox station|name=C|owned=City|passengers=1,000|"
                      "pass_year=2019|locmapin=USA}}", "C")
    assert rows(station) == {"Owned by": "City", "Passengers (2019)": "1,000"}
    election = infobox("{{Infobox election|election_name=2020 vote|title=President|"
                       "before_election=B|before_party=Party B|after_election=A|"
                       "after_party=Party A}}", "X")
    assert election.title == "2020 vote"
    assert rows(election)["Elected"] == "A (Party A)"
    assert rows(election)["Before election"] == "B (Party B)"


def test_body_of_a_legislature_is_not_a_kit_colour() -> None:
    box = infobox("{{Infobox legislature|name=Senate|body=Parliament|house_type=Upper}}", "S")
    assert rows(box) == {"Body": "Parliament", "Type": "Upper"}


def test_automobile_body_style_is_a_row() -> None:
    box = infobox("{{Infobox automobile|name=Car|body_style=4-door sedan|bodystyle=x}}", "Car")
    assert rows(box) == {"Body style": "4-door sedan"}


def test_album_misc_singles_and_extra_chronology() -> None:
    box = infobox("""{{Infobox album|name=Album|misc={{Singles
 | name = Album
 | single1 = Song
 | single1date = May 1999
 | single2 = [[Other Song]]
}}}}""", "Album")
    assert rows(box) == {"Singles from Album": "“Song” Released: May 1999, “Other Song”"}
    box = infobox("{{Infobox album|name=A|misc={{Extra chronology|artist=Band|type=live|"
                  "prev_title=X|prev_year=1990|title=A|year=1991|next_title=Y}}}}", "A")
    assert rows(box) == {"Band chronology": "X (1990) · A (1991) · Y"}
