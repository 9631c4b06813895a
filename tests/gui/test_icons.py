"""Line icons drawn when first shown: at the size asked for, faded when disabled, sharp on high-density screens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QToolBar

from app.core.paths import APP_ID
from app.gui.app import create_application
from app.gui.icons import icon


def drawn(image: QImage) -> int:
    """How many pixels of ``image`` are painted at all."""
    return sum(image.pixelColor(x, y).alpha() > 0 for x in range(image.width()) for y in range(image.height()))


@pytest.mark.parametrize("side", [16, 22, 24, 48])
def test_an_icon_is_drawn_at_the_size_asked_for(qtbot, side: int):
    pixmap = icon("save").pixmap(QSize(side, side))
    assert (pixmap.width(), pixmap.height()) == (side, side)
    assert side * 3 < drawn(pixmap.toImage()) < side * side  # strokes, not an empty or filled square


def test_a_disabled_icon_is_drawn_in_the_faded_colour(qtbot):
    normal = icon("export").pixmap(QSize(24, 24)).toImage()
    faded = icon("export").pixmap(QSize(24, 24), QIcon.Mode.Disabled).toImage()
    assert drawn(normal) == drawn(faded)
    assert normal != faded


def test_on_a_high_density_screen_an_icon_has_twice_the_pixels(qtbot):
    pixmap = icon("open").pixmap(QSize(24, 24), 2.0)
    assert (pixmap.width(), pixmap.devicePixelRatio()) == (48, 2.0)


def test_the_window_toolbar_shows_its_icons(window, qtbot):
    toolbar = window.findChild(QToolBar)
    shown = [action for action in toolbar.actions() if not action.icon().isNull()]
    assert shown
    for action in shown:
        assert drawn(action.icon().pixmap(QSize(20, 20)).toImage()) > 30


def test_an_unknown_icon_is_a_mistake_found_at_once(qtbot):
    with pytest.raises(KeyError):
        icon("no-such-icon")


def test_the_application_shows_its_own_icon_and_names_its_desktop_entry(qtbot):
    app = create_application()
    assert app.desktopFileName() == APP_ID  # briefgen.desktop, as `briefgen install-desktop` installs it
    picture = app.windowIcon().pixmap(QSize(48, 48)).toImage()
    assert picture.width() == 48 and drawn(picture) > 48 * 48 // 2  # the blue tile behind the page
