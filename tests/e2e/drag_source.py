#!/usr/bin/env python3
"""A drag source for the end-to-end test, as a file manager is one: a small window at
(X, Y) whose button drags the files given on the command line as text/uri-list. The test
moves the pointer from it onto the app window with xdotool, so the app receives a real
drop from outside, through the display server."""
import sys
from pathlib import Path

import gi

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
from gi.repository import Gdk, Gtk  # noqa: E402

X, Y, SIDE = int(sys.argv[1]), int(sys.argv[2]), 120
uris = [Path(p).resolve().as_uri() for p in sys.argv[3:]]

win = Gtk.Window(title="hane-drag-source")
button = Gtk.Button(label="drag")
button.set_size_request(SIDE, SIDE)
button.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
button.drag_source_add_uri_targets()
button.connect("drag-data-get", lambda _w, _c, data, _i, _t: data.set_uris(uris))
# The drop ends the drag: nothing more to do.
button.connect("drag-end", lambda *_: Gtk.main_quit())
win.add(button)
win.move(X, Y)
win.connect("destroy", Gtk.main_quit)
win.show_all()
Gtk.main()
