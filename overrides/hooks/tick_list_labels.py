"""Give each tick box in a tick-list its item's words as its label.

pymdownx.tasklist writes `<label><input type="checkbox"><span></span></label> words`:
the label holds no words, so a screen reader announces an unnamed tick box
(axe: "Form elements must have labels"). Moving the words inside the label
names the box, and makes the words tappable too, which helps on a phone.
"""

from __future__ import annotations

import re

_ITEM = re.compile(
    r'(<li class="task-list-item"><label class="task-list-control">(?:(?!</label>).)*?)</label>((?:(?!<[uo]l|</li>).)*)',
    re.DOTALL,
)


def on_page_content(content, page, config, files, **kwargs):
    return _ITEM.sub(lambda m: f"{m.group(1)}{m.group(2)}</label>", content)
