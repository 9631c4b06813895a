"""The shared vocabulary matches the models built on it."""

from app.core.model import BriefMeta
from app.core.terms import BRIEF_DETAILS


def test_the_brief_details_are_the_brief_meta_fields():
    assert tuple(BriefMeta.model_fields) == BRIEF_DETAILS
