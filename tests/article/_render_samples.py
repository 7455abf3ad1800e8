"""Hand-built articles for the renderer tests (independent of the parser).

``sample_article()`` exercises every block and inline kind of the model once, with
references in two groups, a reference used three times, an infobox with groups and a
formula, media, hatnotes, categories and a bibliography.
"""

from __future__ import annotations

from viewer.article.model import (
    Article,
    Block,
    Blockquote,
    Citation,
    Division,
    ExternalLink,
    ExternalLinkRef,
    Figure,
    Gallery,
    Hatnote,
    HorizontalRule,
    Infobox,
    InfoboxField,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Math,
    Media,
    Notice,
    Paragraph,
    Preformatted,
    Reference,
    ReferenceList,
    RefMarker,
    Section,
    Span,
    Style,
    Table,
    TableCell,
    TableRow,
    TemplateUse,
    Text,
)

SMITH = Citation(
    type="journal",
    authors=("Smith, John", "Doe, Jane"),
    title="The pharmacology of widgets",
    container="Journal of Widgets",
    date="March 2001",
    year="2001",
    volume="12",
    issue="3",
    pages="100–110",
    doi="10.1000/xyz.123",
    pmid="12345",
    pmc="67890",
)
SMITH_BOOK = Citation(
    type="book",
    authors=("John Smith",),
    title="Widgets & Gadgets: 100% {complete}",
    publisher="Acme Press",
    location="London",
    year="2001",
    isbn="978-0-00-000000-2",
)
WEB = Citation(
    type="web",
    title="Widget facts",
    container="widgets.example",
    url="https://widgets.example/facts?a=1&b=2",
    access_date="2020-05-01",
)


def t(text: str) -> Text:
    return Text(text)


def _figure_media(block: Block) -> Media:
    """The media of a figure block (the sample's lead figure)."""
    assert isinstance(block, Figure)
    return block.media


def para(*inlines: Inline) -> Paragraph:
    return Paragraph(tuple(inlines))


def sample_article() -> Article:
    """An article using every model node."""
    m1 = RefMarker(index=0, group="", number=1, anchor="cite_ref-smith_1-0")
    m1b = RefMarker(index=0, group="", number=1, anchor="cite_ref-smith_1-1")
    m1c = RefMarker(index=0, group="", number=1, anchor="cite_ref-smith_1-2")
    m2 = RefMarker(index=1, group="", number=2, anchor="cite_ref-2")
    m3 = RefMarker(index=2, group="", number=3, anchor="cite_ref-3")
    n1 = RefMarker(index=3, group="note", number=1, anchor="cite_ref-4")
    refs = (
        Reference(1, "", "smith", (m1.anchor, m1b.anchor, m1c.anchor), "cite_note-smith-1",
                  (Text("Smith J, Doe J (2001). "),
                   Style("i", (Text("The pharmacology of widgets"),)),
                   Text(". Journal of Widgets 12 (3): 100–110. "),
                   ExternalLink("https://doi.org/10.1000/xyz.123",
                                (Text("doi:10.1000/xyz.123"),))),
                  "Smith J, Doe J (2001). The pharmacology of widgets. Journal of Widgets "
                  "12 (3): 100–110. doi:10.1000/xyz.123",
                  SMITH),
        Reference(2, "", "", (m2.anchor,), "cite_note-2",
                  (Text("Smith, John (2001). Widgets & Gadgets. Acme Press."),),
                  "Smith, John (2001). Widgets & Gadgets. Acme Press.", SMITH_BOOK),
        Reference(3, "", "", (m3.anchor,), "cite_note-3",
                  (Text("Plain note without citation "), Link("Widget", "", (Text("widget"),))),
                  "Plain note without citation widget", None),
        Reference(1, "note", "", (n1.anchor,), "cite_note-4",
                  (Text("An explanatory footnote."),), "An explanatory footnote.", None),
    )
    image = Media("Widgetamide.svg", (Text("Skeletal formula"),), "", "frameless")
    infobox = Infobox(
        kind="drugbox",
        title="Widgetamide",
        image=image,
        fields=(
            InfoboxField("tradename", "Trade names", (Text("Widgex"),), "Widgex", ""),
            InfoboxField("routes", "Routes of administration", (Text("Oral"), m1c),
                         "Oral", "Clinical data"),
            InfoboxField("formula", "Formula",
                         (Text("C"), Style("sub", (Text("13"),)), Text("H"),
                          Style("sub", (Text("13"),))), "C13H13", "Chemical and physical data"),
            InfoboxField("CAS", "CAS Number",
                         (ExternalLink("https://commonchemistry.cas.org/detail?cas_rn=1-2-3",
                                       (Text("1-2-3"),)),), "1-2-3", "Identifiers"),
        ),
    )
    lead = (
        para(Style("b", (t("Widgetamide"),)), t(" is a "), Link("Drug", "", (t("drug"),)),
             t(" used for "), Link("Multiple myeloma", "Treatment", (t("myeloma"),)), m1,
             t(" and "), Span("ipa", (t("/ˈwɪdʒ/"),), title="IPA"), t(". See "),
             ExternalLink("http://example.org/w", (t("the site"),)), t(" or "),
             ExternalLink("http://example.org/n", (), 1), t("."), m2, n1),
        Figure(Media("Widget structure.png", (t("The "), Style("i", (t("structure"),)), m1b),
                     "a widget", "thumb")),
    )
    uses = Section(
        "Medical uses", 2, "Medical_uses",
        (
            para(t("It is used in "), Math("E = mc^2"), t(" cases"), LineBreak(), t("daily."), m3),
            ListBlock("ul", (
                ListItem("li", (t("first item"),)),
                ListItem("li", (t("second item"),), (
                    ListBlock("ol", (ListItem("li", (t("nested one"),)),
                                     ListItem("li", (t("nested two"),)))),
                )),
            )),
            ListBlock("dl", (ListItem("dt", (t("Term"),)), ListItem("dd", (t("Definition"),)))),
        ),
        (
            Section("Myeloma", 3, "Myeloma",
                    (para(t("Text about myeloma "), Style("q", (t("quoted"),)), t(".")),
                     Table(
                         rows=(
                             TableRow((TableCell(True, (para(t("Drug")),)),
                                       TableCell(True, (para(t("Dose")),)))),
                             TableRow((TableCell(False, (para(t("Widgetamide")),)),
                                       TableCell(False, (para(t("25 mg")),), align="right"))),
                             TableRow((TableCell(False, (para(t("Both")),), colspan=2),)),
                         ),
                         caption=(t("Doses"),),
                         css_class="wikitable sortable",
                     ))),
        ),
        (t("Medical "), Style("i", (t("uses"),))),
    )
    other = Section(
        "Other", 2, "Other",
        (
            Hatnote("main", (t("Main article: "), Link("Widget", "", (t("Widget"),)))),
            Preformatted((t("line one\n  indented two"),)),
            Blockquote((para(t("A quotation.")),), (t("Someone"),)),
            Division((para(t("Inside a div.")),), "col-begin"),
            HorizontalRule(),
            Gallery((Media("A.jpg", (t("first"),)), Media("B.jpg", ()))),
            Notice("Content truncated."),
            para(Link("", "Medical_uses", (t("see above"),)),
                 t(" and "), Link("Widgets", "", (t("widgets"),), "Category")),
        ),
    )
    refs_section = Section("References", 2, "References", (ReferenceList(""),))
    notes_section = Section("Notes", 2, "Notes", (ReferenceList("note"),))
    return Article(
        title="Widgetamide",
        lead=lead,
        sections=(uses, other, notes_section, refs_section),
        infobox=infobox,
        references=refs,
        categories=("Widgets", "Drugs"),
        links=("Drug", "Multiple myeloma", "Widget"),
        external_links=(ExternalLinkRef("http://example.org/w", "the site"),),
        media=(image, _figure_media(lead[1])),
        hatnotes=(Hatnote("about", (t("This article is about the drug."),)),),
        unknown_templates=(TemplateUse("mystery", 2),),
        navboxes=("Widget navbox",),
        short_description="A fictional drug",
        bibliography=(WEB, SMITH),
    )
