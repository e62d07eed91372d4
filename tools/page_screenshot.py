"""Take the README's picture of the network page: the seeds' graph.html in headless Chromium, cut off from the
network, with a person chosen (their panel and timeline) and the dates narrowed.

    kgraph build && python tools/page_screenshot.py output/graph.html docs/network.png

The page is driven as a reader would drive it (the same controls, through the page's own functions), so the
picture shows what anyone opening the file sees after those clicks.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.chromium import Chromium  # noqa: E402

SHOW = """(() => {
  kgraph.setDates(0, Math.max(kgraph.data.months.length - 2, 0));
  const wan = kgraph.data.nodes.find(n => n.label === "万玲玲") ||
    kgraph.data.nodes.filter(n => n.kind === "person").sort((a, b) => b.events - a.events)[0];
  kgraph.fit();
  kgraph.choose(wan.id);
  return wan.label;
})()"""


def main(page: Path, picture: Path) -> None:
    with Chromium(width=1400, height=820) as browser, browser.tab(page) as tab:
        if tab.report.state.get("state") != "drawn":
            raise SystemExit(f"{page} was not drawn: {tab.report.state}")
        chosen = tab.evaluate(SHOW)
        tab.screenshot(picture)
        report = tab.collect()
        if report.errors or report.requests:
            raise SystemExit(f"the page reported errors {report.errors} or asked the network for {report.requests}")
    print(f"wrote {picture}: {page} with {chosen} chosen")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
