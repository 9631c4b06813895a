"""A hand-built Document using every block type, for testing writers without the pipeline."""

from app.core.document import (
    Callout,
    Citation,
    Document,
    DocumentMeta,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Quote,
    Run,
    Table,
)

LONG = (
    "The committee emphasized that legal action will be strictly enforced against violators. "
    "Authorities pledged to pursue legal proceedings against any companies or individuals involved "
    "in organizing or promoting such activities, with a specific focus on protecting vulnerable youth. "
)


def make_sample_document(paragraphs: int = 3) -> Document:
    meta = DocumentMeta(
        title="Iraq Moves Against Recruitment into the Russian Military",
        subtitle="Legal measures, numbers and drivers",
        author="J. Analyst",
        organisation="Briefgen Analysis Unit",
        date="25 November 2026",
        classification="UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        recipient="Director, Middle East Desk",
        subject="Iraqi recruitment into Russian forces",
        keywords=["Iraq", "Russia"],
    )
    body = [Paragraph([Run(LONG * 2), Citation(1)]) for _ in range(paragraphs)]
    blocks = [
        Paragraph([Run(meta.classification)], role="marking"),
        Paragraph([Run(meta.title)], role="title"),
        Paragraph([Run(meta.subtitle)], role="subtitle"),
        Paragraph(
            [Run("25 November 2026 · J. Analyst, Briefgen Analysis Unit · For: Director, Middle East Desk")],
            role="meta",
        ),
        Callout(
            "summary",
            [
                Paragraph(
                    [
                        Run("Bottom line up front. ", bold=True),
                        Run("Baghdad is criminalising enlistment in foreign forces."),
                        Citation(1),
                    ]
                )
            ],
        ),
        Heading(1, [Run("Key points")]),
        ListBlock(
            False,
            [
                [
                    Paragraph(
                        [
                            Run("Legal Measures and Accountability.", bold=True),
                            Run(" Penal code provisions activated. "),
                            Citation(1),
                        ]
                    )
                ],
                [
                    Paragraph(
                        [
                            Run("Nearly 5,000 Iraqis", bold=True),
                            Run(" reportedly recruited, per "),
                            Run("Al-Hadath", italic=True),
                            Citation(1, "p. 2"),
                        ]
                    )
                ],
            ],
        ),
        Heading(1, [Run("Discussion")]),
        Heading(2, [Run("Legal Measures and Accountability")]),
        *body,
        Callout(
            "note", [Paragraph([Run("Analyst note: ", bold=True), Run("Enforcement capacity is the open question.")])]
        ),
        Heading(2, [Run("Literal markup characters *_#<[`")]),
        Paragraph([Run("Stars *not bold*, _under_, # hash, <tag>, [link](x), `tick` & ampersand."), Citation(2)]),
        Paragraph([Run("Code sample", code=True), Run(" and a "), Run("link", href="https://example.org")]),
        Heading(3, [Run("A third-level heading")]),
        ListBlock(True, [[Paragraph([Run("First numbered")])], [Paragraph([Run("Second numbered")])]], start=1),
        Table(
            header=[[Run("Measure")], [Run("Target")]],
            rows=[[[Run("Penal code")], [Run("Recruits")]], [[Run("Travel agencies")], [Run("Facilitators")]]],
        ),
        Heading(1, [Run("Key quotes")]),
        Quote(
            [
                Paragraph([Run("“Fewer than 5,000 Iraqis have joined the ranks of the Russian army.”")]),
                Paragraph([Run("— Hussein Allawi, advisor to the prime minister "), Citation(1)], role="attribution"),
            ]
        ),
        PageBreak(),
        Heading(1, [Run("Sources")]),
        ListBlock(
            True,
            [
                [Paragraph([Run("Peregraf, “Iraqi National Security Advisor chairs meeting”, 2026.")])],
                [Paragraph([Run("Example Outlet, “Second source”.")])],
            ],
        ),
    ]
    return Document(meta, blocks)
