"""Print one of the README's two newcomer commands: ``run`` (the first) or ``test`` (the second).

CI executes exactly what the README tells a newcomer, so the two can never drift apart.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
which = sys.argv[1] if len(sys.argv) > 1 else "test"
command = blocks[0] if which == "run" else blocks[1]
print(command.strip())
