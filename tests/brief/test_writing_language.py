"""The brief's language for spell checking comes from the analyst's own words, English while they do not tell."""

from __future__ import annotations

from app.brief.writing_language import own_words, writing_language
from app.core.model import AnalystItem, BriefMeta, BriefProject, SectionItem


def project(**meta: str) -> BriefProject:
    return BriefProject(meta=BriefMeta(**meta))


def test_a_new_brief_is_english():
    assert writing_language(BriefProject()) == "en"


def test_the_summary_and_analyst_sections_decide():
    french = project(
        title="Recrutement irakien",
        summary="Le gouvernement irakien a confirmé que des milliers de citoyens ont été recrutés par la Russie.",
    )
    assert writing_language(french) == "fr"
    arabic = BriefProject(
        items=[AnalystItem(heading="التقييم", text="أعلنت الحكومة العراقية فرض عقوبات جديدة على المسؤولين عن الهجوم.")]
    )
    assert writing_language(arabic) == "ar"


def test_the_sources_text_does_not_count_but_the_notes_do():
    item = SectionItem(
        source="a.txt",
        section_id="s",
        text="Правительство объявило о новых санкциях против виновных в нападении.",
        note="The ministry confirmed the figures to reporters on Thursday and promised a full inquiry.",
    )
    brief = BriefProject(items=[item])
    assert "Правительство" not in own_words(brief)
    assert writing_language(brief) == "en"
